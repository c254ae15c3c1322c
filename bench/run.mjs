#!/usr/bin/env node
// Cold `kb-author check` of the shared corpus next to markdownlint-cli2's run over the same tree; cold
// `kb-author render` of the corpus as a static site next to a bare unified Markdown-to-HTML pipeline
// (bench/render-baseline.mjs) writing the same files; then the language server's request latency on
// the same corpus, warm (bench/lsp-latency.mjs), and its responsiveness while the user works (keystroke
// to diagnostics, folder events, preview, requests during the first scan: bench/lsp-responsiveness.mjs); last, how check and the server's first scan grow with
// the size of synthetic maps of 10k to 100k nodes (bench/scale.mjs); and whether the index releases what
// it held for 10,000 files created then deleted (bench/memory-release.mjs: heap and RSS); and the core's
// calls on pathological files, on the inputs that once hung the fuzz suite, and the first map tree and a
// warm workspace-symbol query on the corpus (bench/limits.mjs: the figures the tests do not assert).
//
//   npm run bench                          (builds first; one warm-up run of each tool, then the median of 3)
//   npm run bench -- --quick               (no warm-up, 1 run each)
//   node bench/run.mjs --only render       (one section: check, wiki, render, lsp, scale, memory or limits; after `npm run build`)
//
// Every run is a new process. Wall time is measured here around the process; user+sys CPU time and
// peak RSS come from `/usr/bin/time -v` when it is there, else (or with KB_AUTHOR_BENCH_NO_TIME=1)
// from process.resourceUsage() taken inside the measured process by bench/measure.cjs (both in
// bench/process-usage.mjs). Both renderers write into a new folder under the OS's temporary folder for
// each run (removed between runs, outside the measured time). The corpus is $KB_AUTHOR_CORPUS, else
// ../shared/corpus/llm-ai-safety-map next to the repository; it is only read. Results: stdout and
// bench/results/latest.json (git-ignored; with --only, only that section's keys are replaced).
// KB_AUTHOR_BENCH_CPU_PROF=1 profiles the language server during the latency section (see
// bench/lsp-latency.mjs).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { measureLspLatency, printLspLatency } from "./lsp-latency.mjs";
import { measureLspResponsiveness, printLspResponsiveness } from "./lsp-responsiveness.mjs";
import { measuredWith, measureProcess, median } from "./process-usage.mjs";
import { measureLimits, printLimits } from "./limits.mjs";
import { printMemoryRelease } from "./memory-release.mjs";
import { measureScale, printScale } from "./scale.mjs";
import { machineFields, printMachine } from "./standalone.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const corpus = path.resolve(
  process.env.KB_AUTHOR_CORPUS ?? path.join(repoRoot, "../shared/corpus/llm-ai-safety-map"),
);
const sectionNames = ["check", "wiki", "render", "lsp", "scale", "memory", "limits"];
const usage = `usage: node bench/run.mjs [--quick] [--only ${sectionNames.join("|")}]`;
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const onlyIndex = argv.indexOf("--only");
const only = onlyIndex === -1 ? undefined : argv[onlyIndex + 1];
const unknown = argv.filter((arg, i) => arg !== "--quick" && i !== onlyIndex && i !== onlyIndex + 1);
if (unknown.length > 0 || (onlyIndex !== -1 && !sectionNames.includes(only))) {
  console.error(`bench: unknown argument ${unknown.join(" ") || `--only ${only ?? ""}`} (${usage})`);
  process.exit(2);
}
const runsSection = (name) => only === undefined || only === name;
const runs = quick ? 1 : 3;
const warmUp = !quick;

if (!fs.existsSync(corpus)) {
  console.error(`bench: corpus not found: ${corpus} (set KB_AUTHOR_CORPUS)`);
  process.exit(2);
}
const kbAuthorBin = path.join(repoRoot, "bin", "kb-author.js");
if (!fs.existsSync(path.join(repoRoot, "dist", "cli.js"))) {
  console.error(
    "bench: dist/cli.js is missing: run `npm run build` (or `npm run bench`, which builds first)",
  );
  process.exit(2);
}
const markdownlintBin = path.join(repoRoot, "node_modules", ".bin", "markdownlint-cli2");
const markdownlintPackage = readJson(
  path.join(repoRoot, "node_modules", "markdownlint-cli2", "package.json"),
);
const kbAuthorPackage = readJson(path.join(repoRoot, "package.json"));

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-bench-"));

// Every tool runs as `node <script> ...`: what the bin files do, without a shell or `env` in between.
const corpusFromRepo = path.relative(repoRoot, corpus) || ".";
const checkTools = [
  {
    name: "kb-author check",
    version: kbAuthorPackage.version,
    script: kbAuthorBin,
    args: ["check", corpusFromRepo],
    cwd: repoRoot,
    command: `cd ${shellQuote(repoRoot)} && node bin/kb-author.js check ${shellQuote(corpusFromRepo)}`,
    output: "summary",
  },
  {
    name: "markdownlint-cli2",
    version: markdownlintPackage.version,
    script: fs.realpathSync(markdownlintBin),
    args: ["**/*.md"],
    cwd: corpus,
    command: `cd ${shellQuote(corpus)} && ${shellQuote(markdownlintBin)} "**/*.md"`,
    output: "lint",
  },
];
// A wiki of MDX pages (the Astro docs, ../shared/corpus/astro-docs): kb-author parses each page as MDX.
const wikiCorpus = path.join(path.dirname(corpus), "astro-docs");
const wikiFromRepo = path.relative(repoRoot, wikiCorpus);
const rumdlBin = path.join(repoRoot, "node_modules", ".bin", "rumdl");
const rumdlPackage = readJson(path.join(repoRoot, "node_modules", "rumdl", "package.json"));
const wikiTools = [
  {
    name: "kb-author check",
    version: kbAuthorPackage.version,
    script: kbAuthorBin,
    args: ["check", wikiFromRepo],
    cwd: repoRoot,
    command: `cd ${shellQuote(repoRoot)} && node bin/kb-author.js check ${shellQuote(wikiFromRepo)}`,
    output: "summary",
  },
  {
    name: "markdownlint-cli2",
    version: markdownlintPackage.version,
    script: fs.realpathSync(markdownlintBin),
    args: ["**/*.{md,mdx}"],
    cwd: wikiCorpus,
    command: `cd ${shellQuote(wikiCorpus)} && ${shellQuote(markdownlintBin)} "**/*.{md,mdx}"`,
    output: "lint",
  },
  {
    // --no-cache: its cache would be written into the corpus, which is only read.
    name: "rumdl",
    version: rumdlPackage.version,
    script: fs.realpathSync(rumdlBin),
    args: ["check", "--no-cache", "."],
    cwd: wikiCorpus,
    command: `cd ${shellQuote(wikiCorpus)} && ${shellQuote(rumdlBin)} check --no-cache .`,
    output: "summary",
  },
];
// Each render writes a new folder (removed after the run, outside the measured time).
const siteOut = path.join(scratch, "site");
const unifiedPackage = readJson(path.join(repoRoot, "node_modules", "unified", "package.json"));
const renderTools = [
  {
    name: "kb-author render",
    version: kbAuthorPackage.version,
    script: kbAuthorBin,
    args: ["render", corpusFromRepo, "--out", siteOut],
    cwd: repoRoot,
    command: `cd ${shellQuote(repoRoot)} && node bin/kb-author.js render ${shellQuote(corpusFromRepo)} --out "$(mktemp -d)/site"`,
    output: "summary",
    cleanUp: () => fs.rmSync(siteOut, { recursive: true, force: true }),
  },
  {
    name: "unified baseline",
    version: `unified ${unifiedPackage.version}`,
    script: path.join(repoRoot, "bench", "render-baseline.mjs"),
    args: [corpusFromRepo, siteOut],
    cwd: repoRoot,
    command: `cd ${shellQuote(repoRoot)} && node bench/render-baseline.mjs ${shellQuote(corpusFromRepo)} "$(mktemp -d)/site"`,
    output: "summary",
    cleanUp: () => fs.rmSync(siteOut, { recursive: true, force: true }),
  },
];
if (runsSection("check") && markdownlintPackage.version !== "0.22.1") {
  console.warn(`bench: warning: markdownlint-cli2 is ${markdownlintPackage.version}, not 0.22.1`);
}

console.log(`Corpus: ${corpus} (${countFiles(corpus, ".md")} .md files)`);
printMachine();
console.log(
  `${warmUp ? "1 warm-up run, then " : "no warm-up, "}median of ${runs} run${runs === 1 ? "" : "s"} per tool, each a new process; CPU and RSS from ${measuredWith}.`,
);
console.log("");

const sections = {};
try {
  if (runsSection("check")) sections.check = checkSection(measureTools(checkTools));
  if (runsSection("wiki")) sections.wiki = wikiSection(measureTools(wikiTools));
  if (runsSection("render")) sections.render = renderSection(measureTools(renderTools));
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}

let lspLatency;
let lspResponsiveness;
if (runsSection("lsp")) {
  console.log("Language server request latency, warm (bench/lsp-latency.mjs)");
  console.log("");
  lspLatency = await measureLspLatency({
    repoRoot,
    corpus,
    quick,
    cpuProf: Boolean(process.env.KB_AUTHOR_BENCH_CPU_PROF),
  });
  console.log("");
  printLspLatency(lspLatency);
  console.log("");
  console.log("Language server responsiveness (bench/lsp-responsiveness.mjs)");
  console.log("");
  lspResponsiveness = await measureLspResponsiveness({
    repoRoot,
    corpus,
    quick,
    cpuProf: Boolean(process.env.KB_AUTHOR_BENCH_CPU_PROF),
  });
  console.log("");
  printLspResponsiveness(lspResponsiveness);
  console.log("");
}

let scale;
if (runsSection("scale")) {
  console.log("Scaling on synthetic maps (bench/scale.mjs)");
  console.log("");
  scale = await measureScale({ repoRoot, quick });
  console.log("");
  printScale(scale);
  console.log("");
}

let memory;
if (runsSection("memory")) {
  console.log("Index release: 10,000 files created then deleted (bench/memory-release.mjs)");
  console.log("");
  memory = measureMemory();
  printMemoryRelease(memory);
  console.log("");
}

let limits;
if (runsSection("limits")) {
  console.log("Core calls on pathological inputs and on the corpus (bench/limits.mjs)");
  console.log("");
  limits = measureLimits({ runs, corpus });
  printLimits(limits);
  console.log("");
}

const benchArgs = [quick ? "--quick" : "", only ? `--only ${only}` : ""].filter(Boolean).join(" ");
const reproduce = benchArgs ? `npm run bench -- ${benchArgs}` : "npm run bench";
const measured = {
  ...(sections.check ? { results: sections.check.results, ratio: sections.check.ratio } : {}),
  ...(sections.wiki ? { wiki: sections.wiki } : {}),
  ...(sections.render ? { render: sections.render } : {}),
  ...(lspLatency ? { lspLatency } : {}),
  ...(scale ? { scale } : {}),
  ...(memory ? { memory } : {}),
  ...(limits ? { limits } : {}),
};
const resultsDir = path.join(repoRoot, "bench", "results");
const resultsFile = path.join(resultsDir, "latest.json");
const run = {
  date: new Date().toISOString(),
  corpus,
  markdownFiles: countFiles(corpus, ".md"),
  ...machineFields(),
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  quick,
  warmUp,
  runsPerTool: runs,
  measuredWith,
};
// With --only, the other sections' figures (and the description of their run) are kept from the last
// run; `lastPartialRun` describes the run that measured this section.
const kept = only && fs.existsSync(resultsFile) ? readJson(resultsFile) : undefined;
const output = kept
  ? { ...kept, ...measured, lastPartialRun: { ...run, only, reproduce } }
  : { ...run, ...measured, reproduce };
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(resultsFile, JSON.stringify(output, null, 2) + "\n");
console.log(`Written: ${path.relative(process.cwd(), resultsFile)}`);
console.log("");
const measuredTools = [
  ...(sections.check ? checkTools : []),
  ...(sections.wiki ? wikiTools : []),
  ...(sections.render ? renderTools : []),
];
console.log(
  `Reproduce: (cd ${shellQuote(repoRoot)} && ${reproduce})${measuredTools.length > 0 ? "; each measured run is:" : ""}`,
);
for (const tool of measuredTools) console.log(`  ${tool.command}`);
if (lspLatency)
  console.log(`The latency section alone: (cd ${shellQuote(repoRoot)} && ${lspLatency.reproduce})`);
if (lspResponsiveness)
  console.log(
    `The responsiveness section alone: (cd ${shellQuote(repoRoot)} && ${lspResponsiveness.reproduce})`,
  );
if (scale) console.log(`The scaling section alone: (cd ${shellQuote(repoRoot)} && ${scale.reproduce})`);
if (memory)
  console.log(`The index-release section alone: (cd ${shellQuote(repoRoot)} && ${memory.reproduce})`);
if (limits) console.log(`The limits section alone: (cd ${shellQuote(repoRoot)} && ${limits.reproduce})`);

/** bench/memory-release.mjs in a process of its own: it needs `--expose-gc`, and a heap of its own. */
function measureMemory() {
  const script = path.join(repoRoot, "bench", "memory-release.mjs");
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", script, "--json", ...(quick ? ["--cycles", "1"] : [])],
    {
      cwd: repoRoot,
      encoding: "utf8",
      env: { ...process.env, KB_AUTHOR_CORPUS: corpus },
      maxBuffer: 64 * 2 ** 20,
    },
  );
  const json = /^JSON (.*)$/m.exec(child.stdout ?? "")?.[1];
  if (child.status !== 0 || !json) throw new Error(`bench: memory-release.mjs failed:\n${child.stderr}`);
  return JSON.parse(json);
}

/** A warm-up run (unless --quick), then `runs` measured runs of each tool; their medians. */
function measureTools(tools) {
  const results = [];
  for (const tool of tools) {
    if (warmUp) {
      process.stdout.write(`${tool.name}: warm-up... `);
      const warm = measure(tool);
      console.log(`${fmt(warm.wallMs)} ms`);
    }
    const samples = [];
    for (let i = 0; i < runs; i++) {
      process.stdout.write(`${tool.name}: run ${i + 1}/${runs}... `);
      const sample = measure(tool);
      samples.push(sample);
      console.log(
        `${fmt(sample.wallMs)} ms (exit ${sample.exitCode}, ${sample.summary ?? `${sample.lintProblems} lint problems`})`,
      );
    }
    results.push({
      tool: tool.name,
      version: tool.version,
      command: tool.command,
      runs: samples,
      median: {
        wallMs: median(samples.map((s) => s.wallMs)),
        cpuMs: median(samples.map((s) => s.cpuMs)),
        userMs: median(samples.map((s) => s.userMs)),
        sysMs: median(samples.map((s) => s.sysMs)),
        maxRssMiB: median(samples.map((s) => s.maxRssKiB / 1024)),
      },
    });
  }
  return results;
}

/** The wiki: kb-author check (MDX parsed) next to markdownlint-cli2 and rumdl, each peer's wall time over kb-author's. */
function wikiSection(results) {
  const [kbAuthor] = results;
  const ratio = Object.fromEntries(
    results.slice(1).map((peer) => [peer.tool, peer.median.wallMs / kbAuthor.median.wallMs]),
  );
  console.log("");
  console.log(
    `Wiki: ${wikiCorpus} (${countFiles(wikiCorpus, ".mdx")} .mdx and ${countFiles(wikiCorpus, ".md")} .md files)`,
  );
  const header = [
    "tool",
    "median wall (ms)",
    "median CPU user+sys (ms)",
    "median peak RSS (MiB)",
    "peer / kb-author",
  ];
  const rows = results.map((r) => [
    `${r.tool} ${r.version}`,
    fmt(r.median.wallMs),
    fmt(r.median.cpuMs),
    r.median.maxRssMiB.toFixed(1),
    r === kbAuthor ? "1.00" : ratio[r.tool].toFixed(2),
  ]);
  printTable(header, rows);
  console.log("");
  return { results, ratio };
}

/** kb-author check next to markdownlint-cli2: the peer's figures over kb-author's. */
function checkSection(results) {
  const [kbAuthor, markdownlint] = results;
  const ratio = {
    wall: markdownlint.median.wallMs / kbAuthor.median.wallMs,
    cpu: markdownlint.median.cpuMs / kbAuthor.median.cpuMs,
    maxRss: markdownlint.median.maxRssMiB / kbAuthor.median.maxRssMiB,
  };
  console.log("");
  const header = [
    "tool",
    "median wall (ms)",
    "median CPU user+sys (ms)",
    "median peak RSS (MiB)",
    "wall ratio",
  ];
  const rows = results.map((r) => [
    `${r.tool} ${r.version}`,
    fmt(r.median.wallMs),
    fmt(r.median.cpuMs),
    r.median.maxRssMiB.toFixed(1),
    r === kbAuthor ? "1.00" : `${ratio.wall.toFixed(2)}`,
  ]);
  printTable(header, rows);
  console.log("");
  console.log(
    `markdownlint-cli2 / kb-author: ${ratio.wall.toFixed(1)}× wall, ${ratio.cpu.toFixed(1)}× CPU, ${ratio.maxRss.toFixed(1)}× peak RSS.`,
  );
  const sanity = kbAuthor.runs[0];
  if (sanity.summary) console.log(`kb-author's own result: ${sanity.summary}`);
  console.log("");
  return { results, ratio };
}

/**
 * kb-author render next to the bare unified pipeline: kb-author's figures over the baseline's (the
 * site's overhead), and pages per second of wall time (each tool's own page count, from its summary line).
 */
function renderSection(results) {
  const [kbAuthor, baseline] = results;
  for (const result of results) {
    const pages = Number(
      /^([\d,]+) pages written/.exec(result.runs[0].summary ?? "")?.[1].replaceAll(",", ""),
    );
    result.pages = pages;
    result.pagesPerSecond = pages / (result.median.wallMs / 1000);
  }
  const overhead = {
    wall: kbAuthor.median.wallMs / baseline.median.wallMs,
    cpu: kbAuthor.median.cpuMs / baseline.median.cpuMs,
    // System time is mostly creating ~5,800 folders and files, which varies with the disk's load;
    // user time is the rendering itself.
    userCpu: kbAuthor.median.userMs / baseline.median.userMs,
    maxRss: kbAuthor.median.maxRssMiB / baseline.median.maxRssMiB,
  };
  console.log("");
  const header = [
    "tool",
    "pages",
    "median wall (ms)",
    "median CPU user+sys (ms)",
    "median user (ms)",
    "median peak RSS (MiB)",
    "pages/s",
    "wall ratio",
  ];
  const rows = results.map((r) => [
    `${r.tool} ${r.version}`,
    String(r.pages),
    fmt(r.median.wallMs),
    fmt(r.median.cpuMs),
    fmt(r.median.userMs),
    r.median.maxRssMiB.toFixed(1),
    r.pagesPerSecond.toFixed(0),
    r === baseline ? "1.00" : overhead.wall.toFixed(2),
  ]);
  printTable(header, rows);
  console.log("");
  console.log(
    `kb-author render / unified baseline: ${overhead.wall.toFixed(1)}× wall, ${overhead.cpu.toFixed(1)}× CPU ` +
      `(${overhead.userCpu.toFixed(1)}× user CPU), ${overhead.maxRss.toFixed(1)}× peak RSS.`,
  );
  console.log("");
  return { results, kbAuthorOverBaseline: overhead };
}

/** Runs the tool once in a new process: its figures, and its summary line or markdownlint's count. */
function measure(tool) {
  const { stdout, stderr, ...sample } = measureProcess({ ...tool, scratch });
  tool.cleanUp?.();
  const lint = tool.output === "lint" ? /Summary: (\d+) error/.exec(stdout + stderr) : null;
  return {
    ...sample,
    ...(tool.output === "summary" ? { summary: stdout.trim().split("\n").pop() } : {}),
    ...(lint ? { lintProblems: Number(lint[1]) } : {}),
  };
}

function fmt(ms) {
  return ms.toFixed(0);
}

function printTable(header, rows) {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  console.log(line(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of rows) console.log(line(row));
}

function countFiles(dir, extension) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) total += countFiles(path.join(dir, entry.name), extension);
    else if (entry.name.endsWith(extension)) total++;
  }
  return total;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function shellQuote(text) {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
