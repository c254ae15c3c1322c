#!/usr/bin/env node
// The preview of the wiki corpus's largest page, warm (tracker issue 15: under 50 ms p95): the core's
// renderPage in this process, as the language server answers kbAuthor/renderPreview for an open page.
//
//   node bench/preview-wiki.mjs [--renders N] [--root REPO] [--syntax gfm,math,directives]
//                                                             (after `npx tsc -b`: it loads REPO/out/)
//   node bench/run.mjs --only limits                          (the same, as part of the limits section)
//
// The wiki is ../shared/corpus/astro-docs next to the repository (or $KB_AUTHOR_WIKI_CORPUS): every .mdx
// and .md file of it is read into an in-memory workspace (so that its links resolve), with a
// kb-author.jsonc declaring the site's syntax as remark-math and remark-directive (everything the
// renderer can do is on; --syntax to choose). The largest .mdx is opened and validated, rendered 20 times to warm up, then
// N times (default 200); p50 and p95 of those. --root measures another checkout's out/ (a baseline).
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = { kind: "editor", resourceRoots: [{ folder: "/kb", webviewBase: "https://webview" }] };
const warmUp = 20;
export const previewTargetP95Ms = 50;

function markdownFiles(folder) {
  const found = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) found.push(...markdownFiles(full));
    } else if (/\.mdx?$/.test(entry.name)) found.push(full);
  }
  return found;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** p50/p95 of renders of the wiki's largest page; undefined when the wiki is not there. */
export function measureWikiPreview({
  wiki,
  renders = 200,
  root = repoRoot,
  syntax = ["gfm", "math", "directives"],
} = {}) {
  if (!wiki || !fs.existsSync(wiki)) return undefined;
  const out = (file) => path.join(root, "out", file);
  const { createLanguageService } = require(out("server/src/core/languageService.js"));
  const { MemoryFileSystem } = require(out("test/support/memoryFileSystem.js"));
  const files = { "/kb/kb-author.jsonc": JSON.stringify({ mdx: { syntax } }) };
  let largest;
  for (const file of markdownFiles(wiki)) {
    const text = fs.readFileSync(file, "utf8");
    const corePath = "/kb/" + path.relative(wiki, file).split(path.sep).join("/");
    files[corePath] = text;
    if (file.endsWith(".mdx") && (!largest || text.length > largest.text.length))
      largest = { path: corePath, text, file };
  }
  const service = createLanguageService({ fileSystem: new MemoryFileSystem(files), workspaceRoots: ["/kb"] });
  service.openDocument(largest.path, largest.text, 1);
  service.validate(largest.path);
  const times = [];
  let html = "";
  for (let i = 0; i < warmUp + renders; i++) {
    const started = performance.now();
    html = service.renderPage(largest.path, target)?.html ?? "";
    if (i >= warmUp) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (ms) => Number(ms.toFixed(2));
  return {
    file: path.relative(wiki, largest.file),
    syntax,
    bytes: Buffer.byteLength(largest.text),
    htmlChars: html.length,
    renders,
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    maxMs: round(times[times.length - 1]),
    targetP95Ms: previewTargetP95Ms,
    pass: percentile(times, 95) < previewTargetP95Ms,
  };
}

export function printWikiPreview(result) {
  if (!result) {
    console.log("Preview of the wiki's largest page: skipped (../shared/corpus/astro-docs not found)");
    return;
  }
  console.log(
    `Preview of the wiki's largest page, ${result.file} (${result.bytes} B, syntax ${result.syntax.join("+")}), ` +
      `warm, ${result.renders} renders: ` +
      `p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms (target < ${result.targetP95Ms}), max ${result.maxMs} ms` +
      `${result.pass ? "" : "  ** over target **"}`,
  );
}

export function defaultWikiCorpus() {
  return path.resolve(
    process.env.KB_AUTHOR_WIKI_CORPUS ?? path.join(repoRoot, "../shared/corpus/astro-docs"),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const option = (name, fallback) => {
    const at = process.argv.indexOf(name);
    return at === -1 ? fallback : process.argv[at + 1];
  };
  const result = measureWikiPreview({
    wiki: defaultWikiCorpus(),
    renders: Number(option("--renders", "200")),
    root: path.resolve(option("--root", repoRoot)),
    syntax: option("--syntax", "gfm,math,directives").split(","),
  });
  printWikiPreview(result);
}
