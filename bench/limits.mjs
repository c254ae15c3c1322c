#!/usr/bin/env node
// How long the core takes on the inputs whose speed the tests used to assert (the tests now check only
// what the calls return):
// 1. The limit cases (test/unit/limits/limitCases.ts): a file over the size limit, a 1 MB single line,
//    100,000 headings and a YAML alias bomb, each opened in a fresh language service and run through
//    validate and every editor feature (the target: nothing near a 2 s hang).
// 2. The inputs that once hung the fuzz suite (test/unit/fuzz/formerHangs.ts), each a leaf node's file
//    run through the same calls (scripts/fuzz.mjs counts a case over 2 s as a hang).
//    And the topic pages an attack found slow to check or preview (issue 16; formerSlowPages, same file).
// 3. On the shared corpus, when it is there: the first `getMapTree` down to the seed's node, which walks
//    every folder to index the nodes (it should stay interactive: well under 3 s), and a warm workspace
//    symbol query, "unc quant" (target: under 200 ms).
// 4. On the wiki corpus (astro-docs, beside the corpus), when it is there: the preview of its largest page,
//    warm, with math and directives on (bench/preview-wiki.mjs; target: under 50 ms p95).
//
//   node bench/limits.mjs [--runs N]        (after `npx tsc -b` or `npm run build`: it loads out/)
//   node bench/run.mjs --only limits        (the same, as a section of the bench: saved under `limits`)
//
// Each figure is the fastest of N runs (default 3; the first run includes compiling the code paths).
// The corpus is $KB_AUTHOR_CORPUS, else ../shared/corpus/llm-ai-safety-map next to the repository; it is
// only read.
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { measureWikiPreview, printWikiPreview } from "./preview-wiki.mjs";

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = { kind: "editor", resourceRoots: [{ folder: "/kb", webviewBase: "https://webview" }] };

function loadOut() {
  const out = (file) => path.join(repoRoot, "out", file);
  if (!fs.existsSync(out("test/unit/limits/limitCases.js")))
    throw new Error("bench: out/ is missing: run `npx tsc -b` or `npm run build` first");
  return {
    ...require(out("server/src/core/languageService.js")),
    ...require(out("server/src/node/nodeFileSystem.js")),
    ...require(out("test/support/memoryFileSystem.js")),
    ...require(out("test/unit/limits/limitCases.js")),
    ...require(out("test/unit/fuzz/formerHangs.js")),
  };
}

/** Every phase of one file in a fresh service: ms per phase, and the codes reported. */
function runOnce(core, files, file, text, line) {
  const service = core.createLanguageService({
    fileSystem: new core.MemoryFileSystem(files),
    workspaceRoots: ["/kb"],
  });
  const times = {};
  const timed = (phase, run) => {
    const started = performance.now();
    const result = run();
    times[phase] = (times[phase] ?? 0) + performance.now() - started;
    return result;
  };
  timed("open", () => service.openDocument(file, text, 1));
  const diagnostics = timed("validate", () => service.validate(file)?.diagnostics ?? []);
  const position = { line, character: 3 };
  timed("completion", () => service.getCompletions(file, position));
  timed("hover", () => service.getHover(file, position));
  timed("symbols", () => service.getDocumentSymbols(file));
  timed("format", () => service.format(file));
  if (diagnostics.length > 0)
    timed("codeActions", () => service.getCodeActions(file, diagnostics[0].range, diagnostics.slice(0, 1)));
  timed("renderPage", () => service.renderPage(file, target));
  times.total = Object.values(times).reduce((sum, ms) => sum + ms, 0);
  return { times, codes: diagnostics.map((diagnostic) => diagnostic.code) };
}

function fastest(runs, run) {
  let best;
  for (let i = 0; i < runs; i++) {
    const result = run();
    if (!best || result.times.total < best.times.total) best = result;
  }
  return best;
}

const round = (times) =>
  Object.fromEntries(Object.entries(times).map(([k, ms]) => [k, Number(ms.toFixed(1))]));

/** The figures of the four parts (`corpus`, `wikiPreview` undefined when their corpus is not there). */
export function measureLimits({
  runs = 3,
  corpus,
  wiki = corpus && path.join(path.dirname(corpus), "astro-docs"),
} = {}) {
  const core = loadOut();
  const limitCases = core.limitCases().map((limit) => {
    const files = { "/kb/other.md": "---\ntitle: Other\n---\n\nText.\n" };
    const { times, codes } = fastest(runs, () =>
      runOnce(core, files, `/kb/${limit.file}`, limit.text, limit.line),
    );
    return { name: limit.name, kilobytes: Buffer.byteLength(limit.text) / 1024, codes, ms: round(times) };
  });
  const formerHangs = Object.entries(core.formerHangs).map(([name, body]) => {
    const file = "/kb/Root/Leaf/Leaf.md";
    const text = core.leafNode(body);
    const files = { "/kb/Root/Root.md": "### Description\n\nRoot.\n\n### Order\n\n1. Leaf\n", [file]: text };
    const { times } = fastest(runs, () => runOnce(core, files, file, text, 4));
    return { name, kilobytes: Buffer.byteLength(text) / 1024, ms: round(times) };
  });
  const formerSlowPages = Object.entries(core.formerSlowPages).map(([name, text]) => {
    const file = "/kb/page.md";
    const { times } = fastest(runs, () => runOnce(core, { [file]: text }, file, text, 4));
    return { name, kilobytes: Buffer.byteLength(text) / 1024, ms: round(times) };
  });
  let corpusCalls;
  if (corpus && fs.existsSync(path.join(corpus, "meta.json"))) {
    const seedNode = path.join(corpus, "AI_Safety/Governance_and_Policy/International_Coordination");
    let mapTreeMs = Infinity;
    let symbolMs = Infinity;
    for (let i = 0; i < runs; i++) {
      const service = core.createLanguageService({
        fileSystem: new core.NodeFileSystem(),
        workspaceRoots: [corpus],
      });
      let started = performance.now();
      service.getMapTree(path.join(seedNode, "International_Coordination.md"));
      mapTreeMs = Math.min(mapTreeMs, performance.now() - started);
      service.getWorkspaceSymbols("Uncertainty Quantification");
      started = performance.now();
      service.getWorkspaceSymbols("unc quant");
      symbolMs = Math.min(symbolMs, performance.now() - started);
    }
    corpusCalls = {
      firstMapTreeMs: Number(mapTreeMs.toFixed(1)),
      warmWorkspaceSymbolMs: Number(symbolMs.toFixed(1)),
    };
  }
  return {
    runs,
    limitCases,
    formerHangs,
    formerSlowPages,
    corpus: corpusCalls,
    wikiPreview: measureWikiPreview({ wiki }),
    reproduce: `node bench/limits.mjs --runs ${runs}`,
  };
}

export function printLimits(result) {
  const phases = (ms) =>
    Object.entries(ms)
      .map(([phase, value]) => `${phase} ${value.toFixed(0)}`)
      .join(", ");
  console.log(`Limit cases, fastest of ${result.runs} runs (ms):`);
  for (const limit of result.limitCases)
    console.log(
      `  ${limit.name} (${limit.kilobytes.toFixed(0)} KB): ${limit.codes.join(", ")}\n    ${phases(limit.ms)}`,
    );
  console.log(`Inputs that once hung the fuzz suite, fastest of ${result.runs} runs (ms; a hang is 2,000):`);
  for (const hang of result.formerHangs)
    console.log(`  ${hang.name} (${hang.kilobytes.toFixed(0)} KB)\n    ${phases(hang.ms)}`);
  console.log(
    `Pages an attack found slow (issue 16), fastest of ${result.runs} runs (ms; the target is about 1,000):`,
  );
  for (const page of result.formerSlowPages)
    console.log(`  ${page.name} (${page.kilobytes.toFixed(0)} KB)\n    ${phases(page.ms)}`);
  if (result.corpus) {
    console.log(`On the corpus, fastest of ${result.runs} runs:`);
    console.log(`  first map tree down to International_Coordination: ${result.corpus.firstMapTreeMs} ms`);
    console.log(`  warm workspace symbol query "unc quant": ${result.corpus.warmWorkspaceSymbolMs} ms`);
  } else console.log("On the corpus: skipped (not found; set KB_AUTHOR_CORPUS)");
  printWikiPreview(result.wikiPreview);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--runs");
  const runs = at === -1 ? 3 : Number(process.argv[at + 1]);
  const corpus = path.resolve(
    process.env.KB_AUTHOR_CORPUS ?? path.join(repoRoot, "../shared/corpus/llm-ai-safety-map"),
  );
  printLimits(measureLimits({ runs, corpus }));
}
