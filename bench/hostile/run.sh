#!/usr/bin/env bash
# Issue 16's reproductions (the attack report's inputs, as written), run against this tree's CLI:
# point 1 (reads outside the workspace) and points 3-4 (inputs that crashed or took long). Each line
# prints the exit status, the time and the last line of the output, then the codes reported.
#
#   bash bench/hostile/run.sh            (after `npm run build`; writes only under a temporary folder)
#
# A figure here is one run on whatever the machine is doing: compare runs made side by side.
set -u
KB=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/kb-author-hostile-XXXXXX")
trap 'rm -rf "$W"' EXIT
cd "$W"
# Run from inside kb/: it is then the workspace, and outside/ beside it is outside.
kb() { (cd "$W/kb" && timeout 120 node "$KB/bin/kb-author.js" "$@"); }
t() {
  local start=$(date +%s%N)
  "$@" > "$W/out.txt" 2>&1
  local rc=$?
  echo "  exit $rc, $(( ($(date +%s%N) - start) / 1000000 )) ms: $(grep -v '^\s*$' "$W/out.txt" | tail -1 | cut -c1-160)"
  grep -o '\[[a-z-]*/[a-z-]*\]' "$W/out.txt" | sort | uniq -c | head -4 | tr '\n' ' '
  echo
}
fresh() { rm -rf kb site; mkdir -p kb; }
mkdir -p outside
printf '{"properties":{"status":{"enum":["outside-enum-value"]}}}' > outside/s.json
printf 'root:x:0:0:outside secret\n' > outside/passwd
echo "== 1 schema.json -> a file outside (as /etc/passwd)"; fresh
ln -s "$W/outside/passwd" kb/schema.json; printf -- '---\n$schema: ./schema.json\ntitle: T\n---\n\nB.\n' > kb/topic.md
t kb check .
echo "== 2a schema through up -> .. (outside schema with enum)"; fresh
ln -s / kb/up; printf -- '---\n$schema: ./up$W/outside/s.json\ntitle: T\nstatus: x\n---\n\nB.\n' > kb/topic.md
t kb check .
echo "== 2b \$ref symlinked"; fresh
ln -s $W/outside/s.json kb/linked.json; printf '{"$ref":"./linked.json"}' > kb/ref.schema.json
printf -- '---\n$schema: ./ref.schema.json\ntitle: T\nstatus: x\n---\n\nB.\n' > kb/topic.md
t kb check .
echo "== 2c configured schema path symlinked"; fresh
ln -s $W/outside/s.json kb/conf.schema.json
printf '{"kinds":{"topic":{"frontmatter":{"schema":"./conf.schema.json"}}}}' > kb/kb-author.jsonc
printf -- '---\ntitle: T\nstatus: x\n---\n\nB.\n' > kb/topic.md
t kb check .
echo "== 3 schema.json -> /dev/zero"; fresh
ln -s /dev/zero kb/schema.json; printf -- '---\n$schema: ./schema.json\ntitle: T\n---\n\nB.\n' > kb/topic.md
t kb check .
echo "== 4 schema.json -> FIFO"; fresh
mkfifo kb/fifo; ln -s fifo kb/schema.json; printf -- '---\n$schema: ./schema.json\ntitle: T\n---\n\nB.\n' > kb/topic.md
t kb check .
echo "== 5 notes.md -> a file outside (as /etc/passwd), render"; fresh
ln -s "$W/outside/passwd" kb/notes.md; printf -- '---\ntitle: T\n---\n\nB.\n' > kb/topic.md
t kb render . --out ../site; grep -rl "root:x" site && echo "  LEAK" || echo "  no root:x in site"
echo "== 6 meta.json from outside, render"; fresh
printf '{"rootDir":"Root","coverRootDescription":"OUTSIDE-COVER-TEXT"}' > $W/outside/meta.json
ln -s $W/outside/meta.json kb/meta.json; mkdir -p kb/Root; printf '### Description\n\nRoot.\n' > kb/Root/Root.md
t kb render . --out ../site; grep -rl "OUTSIDE-COVER-TEXT" site && echo "  LEAK" || echo "  no outside text in site"
echo "== 7 page linking a FIFO, render"; fresh
mkfifo kb/pipe.txt; printf -- '---\ntitle: T\n---\n\nSee [pipe](pipe.txt).\n' > kb/topic.md
t kb render . --out ../site
echo "== 8 link to /etc/passwd: render titles"; fresh
printf -- '---\ntitle: T\n---\n\nSee [p](../../../../../../etc/passwd) and [q](/etc/passwd) and [r](../../../../../../etc/nonexistent).\n' > kb/topic.md
t kb render . --out ../site; grep -o 'title="[^"]*"' site/topic.html
map() { rm -rf kb; mkdir -p kb/Root/Child; printf '{"rootDir":"Root"}' > kb/meta.json; printf '### Mini Description\n\nR.\n\n### Description\n\nRoot.\n\n### Order\n\n1. Child\n' > kb/Root/Root.md; printf '### Mini Description\n\nC.\n\n### Description\n\nChild.\n' > kb/Root/Child/Child.md; }
fresh
echo "== papers.json nested 3,000 levels"; map; node -e 'process.stdout.write("[".repeat(3000)+"]".repeat(3000))' > kb/Root/Child/papers.json; t kb check .
echo "== kb-author.jsonc nested 4,000 levels"; map; node -e 'process.stdout.write("{\"a\":".repeat(4000)+"1"+"}".repeat(4000))' > kb/kb-author.jsonc; t kb check .
echo "== deep meta.json: check, render"; map; node -e 'process.stdout.write("{\"rootDir\":\"Root\",\"x\":"+"[".repeat(5000)+"]".repeat(5000)+"}")' > kb/meta.json; t kb check .; rm -rf site; t kb render . --out ../site
echo "== schema {\"\$ref\":\"#\"}"; rm -rf kb; mkdir kb; printf '{"$ref":"#"}' > kb/s.json; printf -- '---\n$schema: ./s.json\ntitle: T\n---\n\nB.\n' > kb/t.md; t kb check .
echo "== schema anyOf/allOf/not of itself"; for k in anyOf allOf; do printf '{"%s":[{"$ref":"#"}]}' $k > kb/s.json; t kb check .; done; printf '{"not":{"$ref":"#"}}' > kb/s.json; t kb check .
fm() { rm -rf kb; mkdir kb; node -e "$1" > kb/t.md; }
echo "== frontmatter 10,000 duplicate keys"; fm 'let s="---\ntitle: T\n"; for(let i=0;i<10000;i++) s+="dup: "+i+"\n"; process.stdout.write(s+"---\n\nB.\n")'; ls -la kb/t.md | awk '{print "  "$5" bytes"}'; t kb check .
echo "== frontmatter 20,000 duplicate keys"; fm 'let s="---\ntitle: T\n"; for(let i=0;i<20000;i++) s+="dup: "+i+"\n"; process.stdout.write(s+"---\n\nB.\n")'; t kb check .
echo "== frontmatter 40,000 distinct keys"; fm 'let s="---\ntitle: T\n"; for(let i=0;i<40000;i++) s+="k"+i+": "+i+"\n"; process.stdout.write(s+"---\n\nB.\n")'; t kb check .
echo "== frontmatter 30,000 anchors and aliases"; fm 'let s="---\ntitle: T\nlist:\n"; for(let i=0;i<15000;i++) s+="  - &a"+i+" v"+i+"\n  - *a"+i+"\n"; process.stdout.write(s+"---\n\nB.\n")'; ls -la kb/t.md | awk '{print "  "$5" bytes"}'; t kb check .
echo "== GFM table 200 x 200: render"; fm 'process.stdout.write("---\ntitle: T\n---\n\n"+"|"+" a |".repeat(200)+"\n|"+" - |".repeat(200)+"\n"+("|"+" x |".repeat(200)+"\n").repeat(200))'; rm -rf site; t kb render . --out ../site
echo "== GFM table 1,000 x 100: render"; fm 'process.stdout.write("---\ntitle: T\n---\n\n"+"|"+" a |".repeat(100)+"\n|"+" - |".repeat(100)+"\n"+("|"+" x |".repeat(100)+"\n").repeat(1000))'; rm -rf site; t kb render . --out ../site
echo "== 10,000 near-miss Order entries beside 5,000 folders: check, --fix"; rm -rf kb; mkdir -p kb/Root; printf '{"rootDir":"Root"}' > kb/meta.json; node -e '
const fs=require("fs"); let order="";
for (let i=0;i<5000;i++){ const n="Topic_Number_"+i; fs.mkdirSync("kb/Root/"+n); fs.writeFileSync("kb/Root/"+n+"/"+n+".md","### Mini Description\n\nx.\n"); }
for (let i=0;i<10000;i++) order+=(i+1)+". Topic_Nunber_"+(i%5000)+"x\n";
fs.writeFileSync("kb/Root/Root.md","### Mini Description\n\nR.\n\n### Order\n\n"+order);'; t kb check .; t kb check . --fix
echo "== 5,000 broken near-miss links beside 10,000 pages"; rm -rf kb; mkdir -p kb/pages; node -e '
const fs=require("fs"); let body="";
for (let i=0;i<10000;i++) fs.writeFileSync("kb/pages/page-number-"+i+".md","---\ntitle: P\n---\n\nB.\n");
for (let i=0;i<5000;i++) body+="See [p](pages/page-nunber-"+i+".md).\n\n";
fs.writeFileSync("kb/index.md","---\ntitle: I\n---\n\n"+body);'; t kb check index.md
echo "== render of 400 nested nodes"; rm -rf kb; mkdir kb; printf '{"rootDir":"N0"}' > kb/meta.json; node -e '
const fs=require("fs"); let p="kb";
for (let i=0;i<400;i++){ p+="/N"+i; fs.mkdirSync(p); fs.writeFileSync(p+"/N"+i+".md","### Mini Description\n\nNode "+i+".\n\n### Description\n\nD.\n"+(i<399?"\n### Order\n\n1. N"+(i+1)+"\n":"")); }'; rm -rf site; t kb render . --out ../site; du -sh site | sed 's/^/  /'
echo "== schema pattern ^(a+)+\$ against 32 a then !"; rm -rf kb; mkdir kb; printf '{"properties":{"code":{"type":"string","pattern":"^(a+)+$"}}}' > kb/s.json; printf -- '---\n$schema: ./s.json\ntitle: T\ncode: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n---\n\nB.\n' > kb/t.md; t kb check .
echo "== configuration glob **/*a*a*a*a*b.md against a 200-character name (picomatch: 29 s)"; rm -rf kb; mkdir kb
printf '{"assign":[{"files":["**/*a*a*a*a*b.md"],"kind":"topic"}]}' > kb/kb-author.jsonc
printf -- '---\ntitle: T\n---\n\nB.\n' > "kb/$(node -e 'process.stdout.write("a".repeat(200))').md"; t kb check .
echo "== frontmatter of 5,000 lines of k: a: b: c (the yaml package overflowed the stack)"; fm 'let s="---\n"; for(let i=0;i<5000;i++) s+="k"+i+": a: b: c\n"; process.stdout.write(s+"---\n\nB.\n")'; t kb check .
echo "== 130 GFM tables of 20 x 90 cells (1 MB; each under the table limit, parsed together: minutes): render"; fm 'const t="|"+" a |".repeat(20)+"\n|"+" - |".repeat(20)+"\n"+("|"+" x |".repeat(20)+"\n").repeat(90); process.stdout.write("---\ntitle: T\n---\n\n"+(t+"\n").repeat(130))'; rm -rf site; t kb render . --out ../site
echo "== MDX import of 20,000 names over 20,000 lines (the MDX parser: 10 s)"; rm -rf kb; mkdir kb; node -e 'process.stdout.write("---\ntitle: I\n---\n\nimport {\n"+Array.from({length:20000},(_, k)=>"  a"+k+",").join("\n")+"\n} from \"x\";\n\nText.\n")' > kb/imports.mdx; t kb check .
echo "== 20,000 Related Nodes links to missing nodes in one node file (660 KB; re-read per link: a minute)"; rm -rf kb; mkdir -p kb/Root/A; printf '{"rootDir":"Root"}' > kb/meta.json; printf '### Mini Description\n\nA.\n' > kb/Root/A/A.md; node -e 'let r=""; for(let i=0;i<20000;i++) r+="- [N"+i+"](/Root/A"+i+"/A"+i+".md)\n"; process.stdout.write("### Mini Description\n\nR.\n\n### Related Nodes\n\n"+r+"\n### Order\n\n1. A\n")' > kb/Root/Root.md; t kb check .
