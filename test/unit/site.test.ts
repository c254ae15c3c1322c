import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { visit } from "unist-util-visit";
import { corpusDir, itWithShared } from "../support/sharedData";

/**
 * End-to-end tests of `kb-author render` (issue 5): each run is the built CLI (`node bin/kb-author.js`,
 * which loads dist/cli.js: run `npm run build` first) in a new process, writing into a fresh temporary
 * folder that is removed afterwards. Knowledge bases are read in place (the shared corpus is never
 * written) or copied to a temporary folder when a test changes them.
 */

const repoRoot = path.resolve(__dirname, "../../..");
const binPath = path.join(repoRoot, "bin", "kb-author.js");
const examplesDir = path.join(repoRoot, "examples");
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'";

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function render(args: string[], status: number): CliResult {
  const result = spawnSync(process.execPath, [binPath, "render", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 300_000,
  });
  if (result.error) throw result.error;
  assert.equal(
    result.status,
    status,
    `kb-author render ${args.join(" ")} exited ${result.status}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`,
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let scratch: string;
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-site-"));
});
afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Every file under a folder (relative, `/`-separated), skipping hidden entries unless asked. */
function filesUnder(folder: string, withHidden = false): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(folder, relative), { withFileTypes: true })) {
      if (!withHidden && entry.name.startsWith(".")) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else found.push(child);
    }
  };
  walk("");
  return found;
}

/** A node folder and the file the map builder reads in it. */
interface NodeFolder {
  folder: string;
  file: string;
}

/**
 * The node folders of every map of a knowledge base (each meta.json: its root folder and every folder
 * below it), with their files: `Name/Name.md`, and `Name./Name.md` for a breakdown node (a folder whose
 * name ends with meta.json's `breakdownsIdentifier`, `.` by default).
 */
function nodeFoldersOf(kb: string): NodeFolder[] {
  const nodes: NodeFolder[] = [];
  const metaFiles = filesUnder(kb).filter((file) => path.posix.basename(file) === "meta.json");
  for (const metaFile of metaFiles) {
    const meta = JSON.parse(fs.readFileSync(path.join(kb, metaFile), "utf8")) as {
      rootDir?: string;
      breakdownsIdentifier?: string;
    };
    if (typeof meta.rootDir !== "string") continue;
    const identifier = meta.breakdownsIdentifier ?? ".";
    const walk = (relative: string) => {
      const name = path.posix.basename(relative);
      const fileName = name.endsWith(identifier) ? name.slice(0, -identifier.length) : name;
      nodes.push({ folder: relative, file: `${relative}/${fileName}.md` });
      for (const entry of fs.readdirSync(path.join(kb, relative), { withFileTypes: true }))
        if (entry.isDirectory() && !entry.name.startsWith(".")) walk(`${relative}/${entry.name}`);
    };
    walk(path.posix.join(path.posix.dirname(metaFile), meta.rootDir));
  }
  return nodes;
}

/** The Markdown files of a knowledge base that are not a node's file. */
function otherMarkdownFiles(kb: string, nodes: NodeFolder[]): string[] {
  const nodeFiles = new Set(nodes.map((node) => node.file));
  return filesUnder(kb).filter((file) => /\.mdx?$/.test(file) && !nodeFiles.has(file));
}

interface SiteReport {
  pages: string[];
  /** Everything wrong with the site: broken links, scripts, missing policy (empty when all is well). */
  problems: string[];
}

/**
 * Parses every page of a site and checks: the content security policy, no script anywhere, and that
 * every internal link, stylesheet, image and srcset entry names a file of the site, with its
 * fragment (if any) an id of the target page. External links (http, https, mailto) are not followed.
 */
function checkSite(out: string): SiteReport {
  const pages = filesUnder(out).filter((file) => file.endsWith(".html"));
  const problems: string[] = [];
  const trees = new Map<string, Root>();
  const treeOf = (page: string): Root => {
    let tree = trees.get(page);
    if (!tree) {
      tree = fromHtml(fs.readFileSync(path.join(out, page), "utf8"));
      trees.set(page, tree);
    }
    return tree;
  };
  const idsOf = new Map<string, Set<string>>();
  const ids = (page: string): Set<string> => {
    let found = idsOf.get(page);
    if (!found) {
      found = new Set();
      visit(treeOf(page), "element", (element: Element) => {
        if (typeof element.properties.id === "string") found!.add(element.properties.id);
      });
      idsOf.set(page, found);
    }
    return found;
  };
  const checkReference = (page: string, reference: string, where: string) => {
    if (/^(https?:|mailto:)/i.test(reference)) return;
    if (/^[a-z][a-z0-9+.-]*:/i.test(reference))
      return void problems.push(`${page}: ${where} has a scheme: ${reference}`);
    if (!/^[\x21-\x7e]*$/.test(reference))
      problems.push(`${page}: ${where} is not percent-encoded: ${reference}`);
    const [beforeFragment, fragment] = reference.split("#", 2) as [string, string | undefined];
    const target = beforeFragment.split("?")[0];
    let targetPage = page;
    if (target !== "") {
      const resolved = path.posix.normalize(
        path.posix.join(path.posix.dirname(page), decodeURIComponent(target)),
      );
      if (resolved.startsWith("../"))
        return void problems.push(`${page}: ${where} leaves the site: ${reference}`);
      const file = resolved.endsWith("/") ? resolved + "index.html" : resolved;
      if (!fs.statSync(path.join(out, file), { throwIfNoEntry: false })?.isFile())
        return void problems.push(`${page}: ${where} leads to a missing file: ${reference}`);
      targetPage = file;
    }
    if (fragment && targetPage.endsWith(".html") && !ids(targetPage).has(decodeURIComponent(fragment)))
      problems.push(`${page}: ${where} names a missing id: ${reference}`);
  };
  for (const page of pages) {
    const html = fs.readFileSync(path.join(out, page), "utf8");
    if (/<script/i.test(html)) problems.push(`${page}: contains <script`);
    if (!html.startsWith("<!doctype html>")) problems.push(`${page}: no doctype`);
    let policy: unknown;
    visit(treeOf(page), "element", (element: Element) => {
      const { properties } = element;
      if (element.tagName === "meta" && properties.httpEquiv?.toString() === "Content-Security-Policy")
        policy = properties.content;
      for (const name of Object.keys(properties))
        if (/^on/i.test(name)) problems.push(`${page}: <${element.tagName}> has an event handler ${name}`);
      for (const attribute of ["href", "src"] as const) {
        const value = properties[attribute];
        if (typeof value === "string") checkReference(page, value, `<${element.tagName} ${attribute}>`);
      }
      const srcset = properties.srcSet;
      const candidates = Array.isArray(srcset) ? srcset.join(",") : typeof srcset === "string" ? srcset : "";
      for (const candidate of candidates.split(",").filter((entry) => entry.trim())) {
        checkReference(page, candidate.trim().split(/\s+/)[0], `<${element.tagName} srcset>`);
      }
    });
    if (policy !== contentSecurityPolicy)
      problems.push(`${page}: content security policy is ${String(policy)}`);
  }
  return { pages, problems };
}

function assertSiteIsSound(report: SiteReport): void {
  assert.deepEqual(report.problems.slice(0, 20), [], `${report.problems.length} problems in the site`);
}

/** The pages a map page links to, resolved, in the order listed. */
function mapPageTargets(out: string): string[] {
  const targets: string[] = [];
  visit(fromHtml(fs.readFileSync(path.join(out, "map.html"), "utf8")), "element", (element: Element) => {
    const classes = element.properties.className;
    if (element.tagName === "a" && Array.isArray(classes) && classes.includes("kb-node-link"))
      targets.push(decodeURIComponent(String(element.properties.href)));
  });
  return targets;
}

/** Asserts a page per node folder, a page per other Markdown file, the index, the map and the style. */
function assertPagesOf(kb: string, out: string): { nodes: number; others: number } {
  const nodes = nodeFoldersOf(kb);
  const nodeFolders = nodes.map((node) => node.folder);
  const others = otherMarkdownFiles(kb, nodes);
  for (const folder of nodeFolders)
    assert.ok(fs.existsSync(path.join(out, folder, "index.html")), `no page for the node ${folder}`);
  for (const file of others)
    assert.ok(fs.existsSync(path.join(out, file.replace(/\.mdx?$/, ".html"))), `no page for ${file}`);
  for (const name of ["index.html", "map.html", "style.css", ".kb-author-site"])
    assert.ok(fs.existsSync(path.join(out, name)), `no ${name}`);
  const pages = filesUnder(out).filter((file) => file.endsWith(".html"));
  assert.equal(
    pages.length,
    nodeFolders.length + others.length + 2,
    "pages: nodes + other files + index + map",
  );
  const nodePages = pages.filter((page) => page.endsWith("/index.html"));
  assert.equal(nodePages.length, nodeFolders.length, "one index.html per node folder");
  const listed = mapPageTargets(out);
  assert.deepEqual(
    [...listed].sort(),
    nodeFolders.map((folder) => `${folder}/index.html`).sort(),
    "the map lists every node once",
  );
  return { nodes: nodeFolders.length, others: others.length };
}

describe("kb-author render (static site)", function () {
  this.timeout(120_000);

  it("renders examples/: a page per node and per other Markdown file, the index, the map and style.css", () => {
    const out = path.join(scratch, "site");
    const result = render(["examples", "--out", out], 0);
    const counts = assertPagesOf(examplesDir, out);
    assert.match(result.stdout, /^\d+ pages written to .+ in \d+\.\d s \(\d+ with problems\)\.\n$/);
    assert.ok(result.stdout.startsWith(`${counts.nodes + counts.others + 2} pages written`), result.stdout);
    const css = fs.readFileSync(path.join(out, "style.css"), "utf8");
    assert.ok(css.includes("prefers-color-scheme: dark"), "style.css ends with media/site.css");
    assert.ok(css.indexOf("/* preview.css */") < css.indexOf("/* site.css */"), "preview.css comes first");
  });

  it("every internal link, image and fragment of the examples site resolves; no page has a script", () => {
    const out = path.join(scratch, "site");
    render(["examples", "--out", out], 0);
    const report = checkSite(out);
    assert.ok(report.pages.length > 10);
    assertSiteIsSound(report);
    const index = fs.readFileSync(path.join(out, "index.html"), "utf8");
    assert.match(index, /href="map\.html"/);
    assert.match(index, /href="AI_Safety\/index\.html"/, "the index links to the map's root");
    assert.match(index, /href="wiki\/international-coordination\.html"/, "the index lists the topics");
  });

  it("gives names with spaces and non-ASCII letters percent-encoded links that resolve, and copies assets", () => {
    const kb = writeKnowledgeBase(path.join(scratch, "kb"), {
      "meta.json": '{ "rootDir": "Root" }\n',
      "Root/Root.md": "### Description\n\nThe root.\n\n### Order\n\n1. Löbian_Obstacle\n2. Space Node\n",
      "Root/Löbian_Obstacle/Löbian_Obstacle.md":
        "### Mini Description\n\nSee [the page](<../../wiki/Ünïcode page.md>) and ![a diagram](<../../images/diagram 1.png>).\n",
      "Root/Space Node/Space Node.md":
        "### Mini Description\n\nBack to [Löbian](<../Löbian_Obstacle/Löbian_Obstacle.md>).\n",
      "wiki/Ünïcode page.md":
        "# Ünïcode page\n\n![diagram](<../images/diagram 1.png>) and [the data](<../images/data file.csv>).\n\n" +
        "[Space](<../Root/Space Node/Space Node.md>)\n",
      "map.md": "# A page named like the map\n",
      "index.md": "# A page named like the index\n",
      "images/diagram 1.png": "\x89PNG\r\n\x1a\n",
      "images/data file.csv": "a,b\n1,2\n",
    });
    const out = path.join(scratch, "site");
    render([kb, "--out", out], 0);
    assertPagesOf(kb, out);
    assertSiteIsSound(checkSite(out));
    const pageHtml = fs.readFileSync(path.join(out, "wiki", "Ünïcode page.html"), "utf8");
    assert.match(pageHtml, /src="\.\.\/images\/diagram%201\.png"/);
    assert.ok(fs.existsSync(path.join(out, "images", "diagram 1.png")), "the image is copied");
    assert.ok(fs.existsSync(path.join(out, "images", "data file.csv")), "the linked file is copied");
    assert.match(
      fs.readFileSync(path.join(out, "map.html"), "utf8"),
      /href="Root\/L%C3%B6bian_Obstacle\/index\.html"/,
    );
    assert.match(fs.readFileSync(path.join(out, "index.html"), "utf8"), /A page named like the index/);
  });

  it("refuses (exit 2) an --out that holds the knowledge base or is a non-empty folder it did not write", () => {
    const kb = copyOf(examplesDir, path.join(scratch, "kb"));
    const before = filesUnder(kb, true).length;
    for (const out of [kb, scratch, path.join(kb, "..")]) {
      const result = render([kb, "--out", out], 2);
      assert.match(result.stderr, /holds the knowledge base/);
    }
    const foreign = path.join(scratch, "mine");
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, "notes.txt"), "keep me\n");
    assert.match(render([kb, "--out", foreign], 2).stderr, /is not empty and has no list of the files/);
    fs.writeFileSync(path.join(scratch, "file"), "");
    assert.match(render([kb, "--out", path.join(scratch, "file")], 2).stderr, /is not a folder/);
    assert.match(render([kb, "--out", path.join(scratch, "file", "site")], 2).stderr, /cannot use --out/);
    assert.deepEqual(fs.readdirSync(foreign), ["notes.txt"], "the folder is left alone");
    assert.equal(filesUnder(kb, true).length, before, "the knowledge base is left alone");
  });

  it("replaces the files an earlier render wrote (its list), keeps the others, and leaves an --out inside the KB out of the site", () => {
    const kb = copyOf(examplesDir, path.join(scratch, "kb"));
    const out = path.join(kb, "_site");
    const first = render([kb, "--out", out], 0);
    const listed = fs.readFileSync(path.join(out, ".kb-author-site"), "utf8").split("\n").slice(1, -1);
    assert.deepEqual(listed, filesUnder(out).sort(), "the marker lists every file written");
    fs.writeFileSync(path.join(out, "mine.html"), "a file of the user's");
    const oldPage = path.join(out, "index.html");
    fs.writeFileSync(oldPage, "an old page");
    fs.rmSync(path.join(kb, "wiki"), { recursive: true });
    const second = render([kb, "--out", out], 0);
    assert.equal(fs.readFileSync(path.join(out, "mine.html"), "utf8"), "a file of the user's");
    assert.notEqual(fs.readFileSync(oldPage, "utf8"), "an old page", "the render's own file is replaced");
    assert.ok(!fs.existsSync(path.join(out, "wiki")), "pages of deleted sources go, with their folders");
    assert.ok(
      Number(second.stdout.split(" ")[0]) < Number(first.stdout.split(" ")[0]),
      "the site's own pages are not published (and the wiki's are gone)",
    );
    assert.ok(!fs.existsSync(path.join(out, "_site")));
  });

  it("deletes no source and nothing unlisted: a marker planted in a node folder, a forged list naming the node's file", () => {
    const kb = copyOf(examplesDir, path.join(scratch, "kb"));
    const node = nodeFoldersOf(kb).find(
      (candidate) => fs.readdirSync(path.join(kb, candidate.folder)).length > 1,
    )!;
    const folder = path.join(kb, node.folder);
    const before = filesUnder(folder, true);
    fs.writeFileSync(path.join(folder, ".kb-author-site"), "Written by `kb-author render`. An old marker.\n");
    assert.match(render([kb, "--out", folder], 2).stderr, /has no list of the files/);
    render([kb, "--out", path.join(scratch, "site")], 0);
    const header = fs.readFileSync(path.join(scratch, "site", ".kb-author-site"), "utf8").split("\n")[0];
    fs.writeFileSync(path.join(scratch, "outside.html"), "not the render's");
    fs.mkdirSync(path.join(scratch, "elsewhere"));
    fs.writeFileSync(path.join(scratch, "elsewhere", "hosts"), "not the render's either");
    fs.symlinkSync(path.join(scratch, "elsewhere"), path.join(folder, "sub"));
    const forged = [header, path.posix.basename(node.file), "../../../outside.html", "sub/hosts", ""].join(
      "\n",
    );
    fs.writeFileSync(path.join(folder, ".kb-author-site"), forged);
    // And a folder of the page's path planted as a link: nothing is written through it.
    const page = path.join(folder, "index.html");
    fs.symlinkSync(path.join(scratch, "elsewhere", "hosts"), page);
    assert.match(render([kb, "--out", folder], 2).stderr, /EEXIST/);
    assert.equal(
      fs.readFileSync(path.join(scratch, "elsewhere", "hosts"), "utf8"),
      "not the render's either",
    );
    fs.rmSync(page);
    render([kb, "--out", folder], 0);
    assert.ok(fs.existsSync(path.join(kb, node.file)), "the node's own file stays");
    assert.ok(fs.existsSync(path.join(scratch, "outside.html")), "a listed path outside --out stays");
    assert.ok(
      fs.existsSync(path.join(scratch, "elsewhere", "hosts")),
      "a file listed through a linked folder stays",
    );
    for (const file of before) assert.ok(fs.existsSync(path.join(folder, file)), `${file} stays`);
  });

  it("publishes no path of the building machine, and nothing about files outside the knowledge base", () => {
    const kb = writeKnowledgeBase(path.join(scratch, "kb"), {
      "meta.json": '{ "rootDir": "Root" }',
      "Root/Root.md": "### Description\n\nSee [a](../../outside.md) and [b](/etc/passwd).\n",
      "wiki/page.md":
        "---\n$schema: ./missing.schema.json\ntitle: P\n---\n\n[c](../../../etc/hostname) ![d](gone.png)\n",
    });
    fs.writeFileSync(path.join(scratch, "outside.md"), "# Outside\n");
    fs.symlinkSync(path.join(scratch, "outside.md"), path.join(kb, "wiki", "linked.md"));
    const out = path.join(scratch, "site");
    render([kb, "--out", out], 0);
    for (const file of filesUnder(out, true)) {
      const text = fs.readFileSync(path.join(out, file), "utf8");
      assert.ok(
        !text.includes(scratch) && !text.includes(os.tmpdir()),
        `${file} names a path of the machine`,
      );
      assert.ok(!text.includes("# Outside"), `${file} shows a file outside the knowledge base`);
    }
    // An existing file outside and a missing one get the same title.
    const root = fs.readFileSync(path.join(out, "Root", "index.html"), "utf8");
    assert.match(root, /title="The link target &#x60;..\/..\/outside.md&#x60; is not on the site."/);
    assert.match(root, /title="The link target &#x60;\/etc\/passwd&#x60; is not on the site."/);
  });

  it("gives a broken file a page that says so, goes on with the others and exits 0", () => {
    const kb = copyOf(examplesDir, path.join(scratch, "kb"));
    fs.writeFileSync(path.join(kb, "wiki", "binary.md"), "# Title\n\0\0\0 binary\n");
    fs.writeFileSync(path.join(kb, "wiki", "latin1.md"), Buffer.from([0x23, 0x20, 0xe9, 0x74, 0xe9, 0x0a]));
    const out = path.join(scratch, "site");
    const result = render([kb, "--out", out, "--format", "json"], 0);
    const summary = JSON.parse(result.stdout) as { pages: number; pagesWithProblems: { source: string }[] };
    const broken = summary.pagesWithProblems.map((page) => page.source);
    assert.ok(broken.includes("wiki/binary.md") && broken.includes("wiki/latin1.md"), broken.join(", "));
    for (const name of ["binary", "latin1"]) {
      const html = fs.readFileSync(path.join(out, "wiki", `${name}.html`), "utf8");
      assert.match(html, /kb-render-error|kb-problems/, `${name}.html says what is wrong`);
    }
    assertPagesOf(kb, out);
    assertSiteIsSound(checkSite(out));
  });

  it("typesets math with KaTeX's stylesheet and fonts copied into the site, its layout in math-layout.css", () => {
    const kb = path.join(scratch, "math-kb");
    fs.mkdirSync(path.join(kb, "wiki"), { recursive: true });
    fs.writeFileSync(
      path.join(kb, "kb-author.jsonc"),
      JSON.stringify({ mdx: { syntax: ["gfm", "math", "directives"] } }),
    );
    fs.writeFileSync(
      path.join(kb, "wiki", "math.md"),
      "# Math\n\nInline $\\sqrt{x}$[^1].\n\n$$\n\\frac{a}{b}\n$$\n\n:::tip\nA tip.\n:::\n\n[^1]: A note.\n",
    );
    fs.writeFileSync(path.join(kb, "wiki", "plain.md"), "# Plain\n\nNo formula.\n");
    const out = path.join(scratch, "math-site");
    render([kb, "--out", out], 0);
    assertSiteIsSound(checkSite(out));
    const page = fs.readFileSync(path.join(out, "wiki", "math.html"), "utf8");
    assert.ok(page.includes('href="../katex/katex.min.css"') && page.includes('href="../math-layout.css"'));
    assert.ok(!/ style=|data-kb-style/.test(page), "no inline style: the layout is in classes");
    const plain = fs.readFileSync(path.join(out, "wiki", "plain.html"), "utf8");
    assert.ok(!plain.includes("katex"), "a page without math does not load KaTeX");
    const fonts = fs.readdirSync(path.join(out, "katex", "fonts"));
    assert.ok(fonts.includes("KaTeX_Main-Regular.woff2") && fonts.every((name) => name.endsWith(".woff2")));
    const css = fs.readFileSync(path.join(out, "katex", "katex.min.css"), "utf8");
    for (const [, font] of css.matchAll(/url\((fonts\/[^)]+\.woff2)\)/g))
      assert.ok(fs.existsSync(path.join(out, "katex", font)), `${font} is copied`);
    assert.ok(!/url\(["']?(?:https?:)?\/\//.test(css), "KaTeX's stylesheet loads nothing remote");
    const layout = fs.readFileSync(path.join(out, "math-layout.css"), "utf8");
    for (const [, name] of page.matchAll(/\b(kb-m-[a-z0-9]+)\b/g))
      assert.ok(layout.includes(`.${name}{`), `math-layout.css has .${name}`);
  });

  it("is in --help, and exits 2 with a message on bad arguments, before writing anything", () => {
    const help = spawnSync(process.execPath, [binPath, "--help"], { encoding: "utf8" });
    assert.match(help.stdout, /kb-author render FOLDER --out SITE \[--format text\|json\] \[--config FILE\]/);
    const out = path.join(scratch, "site");
    const cases: [string[], RegExp][] = [
      [["examples"], /render needs --out SITE/],
      [["--out", out], /render needs exactly one knowledge-base folder/],
      [["examples", "wiki", "--out", out], /render needs exactly one knowledge-base folder/],
      [["examples", "--out", out, "--format", "sarif"], /render --format must be one of text, json/],
      [["no-such-folder", "--out", out], /no such knowledge-base folder: no-such-folder/],
      [["examples", "--out", out, "--config", "missing.jsonc"], /cannot read --config missing\.jsonc/],
    ];
    for (const [args, message] of cases) assert.match(render(args, 2).stderr, message);
    assert.ok(!fs.existsSync(out));
  });

  itWithShared(
    "corpus",
    "renders the shared corpus in place: a page per node, every link resolves, the map lists every node once",
    function () {
      this.timeout(600_000);
      const out = path.join(scratch, "site");
      // Its speed is measured by `npm run bench` (the render section), not here.
      const result = render([corpusDir, "--out", out], 0);
      const counts = assertPagesOf(corpusDir, out);
      assert.equal(counts.nodes, 5798);
      const report = checkSite(out);
      assertSiteIsSound(report);
      // The corpus's three real defects (non-leaf nodes without an Order, unlike the map's other
      // 1134: their children are published in sorted order, a warning) are marked on the map.
      const map = fs.readFileSync(path.join(out, "map.html"), "utf8");
      assert.match(map, /5,798 nodes in 1 map; 3 nodes with problems, marked\./);
      assert.equal(map.match(/class="kb-map-node kb-map-warnings"/g)?.length, 3);
      assert.equal(map.match(/class="kb-map-node kb-map-errors"/g), null);
      console.log(`      corpus: ${result.stdout.trim()}`);
    },
  );
});

function writeKnowledgeBase(folder: string, files: Record<string, string>): string {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    // An image's bytes are given as latin1 characters.
    fs.writeFileSync(
      path.join(folder, name),
      name.endsWith(".png") ? Buffer.from(content, "latin1") : content,
    );
  }
  return folder;
}

function copyOf(source: string, target: string): string {
  fs.cpSync(source, target, { recursive: true });
  return target;
}
