// What a broken link costs in a big folder: a topic with 40 distinct broken links (20 near misses of a
// sibling, 20 to nothing) beside N other pages, validated as the editor does at each keystroke (each
// broken link gets a "did you mean" from its folder's names). `npx tsc -b` first (it loads out/).
//   node bench/broken-links.mjs [--siblings N] [--edits N]
// Prints the first validation (which prepares the folder's names) and the median of the edits after it.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createLanguageService } = require("../out/server/src/core/languageService.js");
const { MemoryFileSystem } = require("../out/test/support/memoryFileSystem.js");

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const siblings = option("siblings", 10000);
const edits = option("edits", 20);

const files = { "/kb/meta.json": "{}" };
for (let i = 0; i < siblings; i++) files[`/kb/wiki/page-number-${i}.md`] = `# Page ${i}\n`;
let text = "---\ntitle: Links\ndescription: Links to pages.\n---\n\n# Links\n\n";
for (let i = 0; i < 20; i++) text += `See [p](./page-numbr-${i * 7}.md) and [q](/wiki/missing-${i}).\n`;
const path = "/kb/wiki/links.md";
files[path] = text;
const service = createLanguageService({ fileSystem: new MemoryFileSystem(files), workspaceRoots: ["/kb"] });

const times = [];
let broken = 0;
for (let version = 1; version <= edits + 1; version++) {
  service.openDocument(path, text + " ".repeat(version), version);
  const started = performance.now();
  broken = service.validate(path).diagnostics.filter((d) => d.code === "link/unresolved").length;
  times.push(performance.now() - started);
}
const [first, ...rest] = times;
const median = rest.sort((a, b) => a - b)[Math.floor(rest.length / 2)];
console.log(
  `${broken} broken links beside ${siblings.toLocaleString("en-US")} pages: first validation ` +
    `${first.toFixed(1)} ms, then median ${median.toFixed(2)} ms per edit`,
);
