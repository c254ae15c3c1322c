#!/usr/bin/env node
// The peer of `kb-author render` in the benchmark (bench/run.mjs): the same Markdown files turned into
// HTML pages by a bare unified pipeline (remark-parse, remark-gfm, remark-rehype, rehype-sanitize,
// rehype-stringify), with the same packages and versions kb-author uses, and written out one page per
// file. No frontmatter, cards, links, banners, map or index: the difference between the two runs is
// what kb-author's site costs over plain Markdown-to-HTML.
//
//   node bench/render-baseline.mjs SOURCE OUT
import * as fs from "node:fs";
import * as path from "node:path";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

const [source, out] = process.argv.slice(2);
if (!source || !out) {
  console.error("usage: node bench/render-baseline.mjs SOURCE OUT");
  process.exit(2);
}
const started = performance.now();
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize)
  .use(rehypeStringify)
  .freeze();

let pages = 0;
const madeFolders = new Set();
/** Walks the source as kb-author does: hidden folders and node_modules are skipped. */
function renderFolder(relative) {
  for (const entry of fs.readdirSync(path.join(source, relative), { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) renderFolder(child);
    else if (/\.mdx?$/i.test(entry.name)) renderFile(child);
  }
}

function renderFile(relative) {
  const markdown = fs.readFileSync(path.join(source, relative), "utf8");
  const body = String(processor.processSync(markdown));
  const title = path.basename(relative).replace(/\.mdx?$/i, "");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>\n`;
  const target = path.join(out, relative.replace(/\.mdx?$/i, ".html"));
  const folder = path.dirname(target);
  if (!madeFolders.has(folder)) {
    fs.mkdirSync(folder, { recursive: true });
    madeFolders.add(folder);
  }
  fs.writeFileSync(target, html);
  pages++;
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
}

renderFolder("");
const seconds = (performance.now() - started) / 1000;
console.log(`${pages.toLocaleString("en-US")} pages written to ${out} in ${seconds.toFixed(1)} s`);
