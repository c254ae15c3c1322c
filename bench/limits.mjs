// How long the limit cases take (issue 7, point 5): a file over the size limit, a 1 MB single
// line, 100,000 headings and a YAML alias bomb, each opened in a fresh language service and run
// through validate and every editor feature. `npx tsc -b` first (it loads out/).
//   node bench/limits.mjs [--runs N]
// Prints each phase's time, the fastest of N runs (the first run includes compiling the code paths).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createLanguageService } = require("../out/server/src/core/languageService.js");
const { MemoryFileSystem } = require("../out/test/support/memoryFileSystem.js");
const { limitCases } = require("../out/test/unit/limits/limitCases.js");

const at = process.argv.indexOf("--runs");
const runs = at === -1 ? 3 : Number(process.argv[at + 1]);
const target = { kind: "editor", resourceRoots: [{ folder: "/kb", webviewBase: "https://webview" }] };

function runOnce(limit) {
  const service = createLanguageService({
    fileSystem: new MemoryFileSystem({ "/kb/other.md": "---\ntitle: Other\n---\n\nText.\n" }),
    workspaceRoots: ["/kb"],
  });
  const path = `/kb/${limit.file}`;
  const times = {};
  const timed = (phase, run) => {
    const started = performance.now();
    const result = run();
    times[phase] = (times[phase] ?? 0) + performance.now() - started;
    return result;
  };
  timed("open", () => service.setOpenDocument(path, limit.text, 1));
  const diagnostics = timed("validate", () => service.validate(path)?.diagnostics ?? []);
  const position = { line: limit.line, character: 3 };
  timed("completion", () => service.getCompletions(path, position));
  timed("hover", () => service.getHover(path, position));
  timed("symbols", () => service.getDocumentSymbols(path));
  timed("format", () => service.format(path));
  timed("codeActions", () => service.getCodeActions(path, diagnostics[0].range, diagnostics.slice(0, 1)));
  timed("renderPage", () => service.renderPage(path, target));
  times.total = Object.values(times).reduce((sum, ms) => sum + ms, 0);
  return { times, codes: diagnostics.map((diagnostic) => diagnostic.code) };
}

console.log(`limit cases, fastest of ${runs} runs (ms):`);
for (const limit of limitCases()) {
  let best;
  let codes;
  for (let run = 0; run < runs; run++) {
    const result = runOnce(limit);
    codes = result.codes;
    if (!best || result.times.total < best.total) best = result.times;
  }
  const size = (Buffer.byteLength(limit.text) / 1024).toFixed(0);
  const phases = Object.entries(best)
    .map(([phase, ms]) => `${phase} ${ms.toFixed(0)}`)
    .join(", ");
  console.log(`  ${limit.name} (${size} KB): ${codes.join(", ")}\n    ${phases}`);
}
