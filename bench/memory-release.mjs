#!/usr/bin/env node
// What the index holds for deleted files is released (issue 7, point 5): the language service (the core
// the server runs, compiled to out/ by `npm run build`) indexes a temporary copy of the corpus through
// the real file system; then, in each of `cycles` cycles, 10,000 topic pages are written into a new
// folder and announced in one burst of file events (as a branch checkout), validated, then deleted and
// announced the same way (a step's ms include writing or removing the files). After each step the heap
// is collected (twice, `global.gc`) and the heap used and the RSS are read, with the service's index
// counts (getIndexStats). A release that works brings the heap back near its first figure after every
// cycle; RSS may stay higher (V8 keeps pages it grew).
//
//   node --expose-gc bench/memory-release.mjs                 (after `npm run build`; 3 cycles)
//   node --expose-gc bench/memory-release.mjs --cycles 5 --files 20000
//   node bench/run.mjs --only memory                          (the same, as a section of the bench)
//
// The corpus is $KB_AUTHOR_CORPUS, else ../shared/corpus/llm-ai-safety-map next to the repository, else
// examples/; it is copied (the copy is written to, the corpus never is).
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { printTable } from "./lsp-client.mjs";

const thisFile = fileURLToPath(import.meta.url);
const defaultRepoRoot = path.resolve(path.dirname(thisFile), "..");

/** Runs the cycles; returns the rows (one per step) and the command that reproduces them. */
export function measureMemoryRelease({
  repoRoot = defaultRepoRoot,
  cycles = 3,
  files = 10_000,
  log = console.log,
}) {
  if (typeof global.gc !== "function") throw new Error("bench: run with `node --expose-gc`");
  const require = createRequire(import.meta.url);
  const core = path.join(repoRoot, "out", "server", "src");
  if (!fs.existsSync(path.join(core, "core", "languageService.js")))
    throw new Error("bench: out/server/src/core/languageService.js is missing: run `npm run build`");
  const { createLanguageService } = require(path.join(core, "core", "languageService.js"));
  const { NodeFileSystem, toCorePath } = require(path.join(core, "node", "nodeFileSystem.js"));

  const corpus = findCorpus(repoRoot);
  const scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-memory-")));
  const rows = [];
  try {
    fs.cpSync(corpus, scratch, { recursive: true });
    const root = toCorePath(scratch);
    const service = createLanguageService({ fileSystem: new NodeFileSystem(), workspaceRoots: [root] });
    /** Files with diagnostics, as the server's publisher knows them: revalidated when deleted. */
    const published = new Set();
    const validate = (paths) => {
      for (const file of paths) {
        const diagnostics = service.validate(file)?.diagnostics ?? [];
        if (diagnostics.length > 0) published.add(file);
        else published.delete(file);
      }
    };
    const measure = (step, startedAt) => {
      const ms = performance.now() - startedAt;
      service.getMapTree();
      global.gc();
      global.gc();
      const memory = process.memoryUsage();
      const stats = service.getIndexStats();
      rows.push({ step, ms, heapUsed: memory.heapUsed, rss: memory.rss, stats });
      log(`  ${step}: ${(memory.heapUsed / 2 ** 20).toFixed(1)} MiB heap, ${stats.knownFiles} files known`);
    };

    let startedAt = performance.now();
    validate(service.listCheckedFiles());
    measure("indexed", startedAt);
    const bulk = path.join(scratch, "checkout-bulk");
    for (let cycle = 1; cycle <= cycles; cycle++) {
      startedAt = performance.now();
      fs.mkdirSync(bulk);
      const created = [];
      for (let i = 0; i < files; i++) {
        const file = path.join(bulk, `page-${i}.md`);
        // Every tenth page has a broken link (out of the folder), so diagnostics are held too.
        const link = i % 10 === 0 ? "../gone/missing.md" : `page-${(i + 1) % files}.md`;
        fs.writeFileSync(file, `---\ntitle: Page ${i}\n---\n\n# Page ${i}\n\nSee [next](${link}).\n`);
        created.push({ path: toCorePath(file), change: "created" });
      }
      validate(service.filesChanged(created));
      measure(`cycle ${cycle}: ${files} created`, startedAt);

      startedAt = performance.now();
      fs.rmSync(bulk, { recursive: true });
      const deleted = [
        ...created.map(({ path }) => ({ path, change: "deleted" })),
        { path: toCorePath(bulk), change: "deleted" },
      ];
      const bulkPrefix = toCorePath(bulk) + "/";
      const affected = new Set([...published].filter((file) => file.startsWith(bulkPrefix)));
      for (const file of service.filesChanged(deleted)) affected.add(file);
      validate(affected);
      measure(`cycle ${cycle}: ${files} deleted`, startedAt);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const reproduce = `node --expose-gc bench/memory-release.mjs --cycles ${cycles} --files ${files}`;
  return { corpus, files, cycles, rows, reproduce };
}

export function printMemoryRelease(result, log = console.log) {
  const mibOf = (bytes) => (bytes / 2 ** 20).toFixed(1);
  printTable(
    ["step", "ms", "heap used MiB", "RSS MiB", "known files", "texts", "parses", "stats", "diagnostics"],
    result.rows.map(({ step, ms, heapUsed, rss, stats }) => [
      step,
      ms.toFixed(0),
      mibOf(heapUsed),
      mibOf(rss),
      String(stats.knownFiles),
      String(stats.texts),
      String(stats.parses),
      String(stats.stats),
      String(stats.diagnostics),
    ]),
    log,
  );
  const first = result.rows[0];
  const last = result.rows[result.rows.length - 1];
  log("");
  log(
    `Heap after the last deletion: ${mibOf(last.heapUsed)} MiB against ${mibOf(first.heapUsed)} MiB once indexed ` +
      `(${(((last.heapUsed - first.heapUsed) / first.heapUsed) * 100).toFixed(1)} %); corpus: ${result.corpus}`,
  );
}

function findCorpus(repoRoot) {
  const candidates = [
    process.env.KB_AUTHOR_CORPUS,
    path.join(repoRoot, "../shared/corpus/llm-ai-safety-map"),
    path.join(repoRoot, "examples"),
  ];
  return path.resolve(candidates.find((candidate) => candidate && fs.existsSync(candidate)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === thisFile) {
  const argv = process.argv.slice(2);
  const option = (name, fallback) => {
    const index = argv.indexOf(name);
    return index === -1 ? fallback : Number(argv[index + 1]);
  };
  const result = measureMemoryRelease({ cycles: option("--cycles", 3), files: option("--files", 10_000) });
  console.log("");
  printMemoryRelease(result);
  console.log("");
  console.log(`Reproduce: (cd ${defaultRepoRoot} && npm run build && ${result.reproduce})`);
  if (argv.includes("--json")) console.log(`JSON ${JSON.stringify(result)}`);
}
