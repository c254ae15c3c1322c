#!/usr/bin/env node
// How kb-author grows with the size of a map (issue 6, item 1f): synthetic maps with the corpus's shape
// (bench/generate-kb.mjs) of about 10k, 50k and 100k nodes; at each size, (a) a cold `kb-author check`
// of the map (a new process; wall time, CPU time, peak RSS) and (b) the language server's first scan
// (a new server on the map as its only workspace folder: `initialize` to the answer of
// `kbAuthor/waitForIdle`, sent right after it, which comes once every file is validated and its
// diagnostics published; the last publishDiagnostics' time too, when there is one: a clean map has
// none; and the server's peak RSS, VmHWM, read then).
//
//   node bench/scale.mjs                     (after `npm run build`; one warm-up check per size, then median of 3)
//   node bench/scale.mjs --quick             (no warm-up, 1 run of each)
//   node bench/scale.mjs --sizes 10000,20000 (other sizes)
//   node bench/run.mjs --only scale          (the same, as a section of the bench: saved under `scale`)
//
// Maps are generated once (100k nodes take about 20 s to a minute and 1 GB) and reused: under
// $KB_AUTHOR_SCALE_CACHE, else ~/.cache/kb-author, as synthetic-<n>-seed<k>-<generator hash>/, with its node count in
// synthetic-<n>-seed<k>.json beside it. A map is generated into a `.partial` folder and renamed when
// complete, so an interrupted generation is never reused. Growth is given per doubling of the node
// count between consecutive sizes: (v_big / v_small) ^ (1 / log2(n_big / n_small)); 2 is linear.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import {
  fmt,
  mib,
  printTable,
  readMemory,
  startServer,
  waitForIdleMethod,
  withTimeout,
} from "./lsp-client.mjs";
import { measureProcess, median } from "./process-usage.mjs";

export const defaultSizes = [10_000, 50_000, 100_000];
/** Issue 6's targets at 100k nodes, and for the growth per doubling of every figure. */
export const targets = { checkWallMs: 15_000, checkPeakRssMiB: 1.5e9 / 2 ** 20, growthPerDoubling: 2.2 };
const seed = 1;
/** The first scan of 100k nodes takes tens of seconds; only a hung server reaches this. */
const scanTimeoutMs = 900_000;

const thisFile = fileURLToPath(import.meta.url);
const defaultRepoRoot = path.resolve(path.dirname(thisFile), "..");

/** Generates (or reuses) each map, measures check and the server on it; returns what latest.json keeps. */
export async function measureScale({
  repoRoot = defaultRepoRoot,
  quick = false,
  sizes = defaultSizes,
  log = console.log,
}) {
  const cliPath = path.join(repoRoot, "bin", "kb-author.js");
  const serverPath = path.join(repoRoot, "dist", "server.js");
  for (const file of [path.join(repoRoot, "dist", "cli.js"), serverPath]) {
    if (!fs.existsSync(file))
      throw new Error(`${path.relative(repoRoot, file)} is missing: run \`npm run build\``);
  }
  const runs = quick ? 1 : 3;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-scale-"));
  const rows = [];
  try {
    for (const size of sizes) {
      const map = syntheticMap(repoRoot, size, log);
      const tool = {
        name: "kb-author check",
        script: cliPath,
        args: ["check", map.folder],
        cwd: map.folder,
        scratch,
      };
      if (!quick) {
        const warm = measureProcess(tool);
        log(`${map.nodes} nodes: check warm-up ${fmt(warm.wallMs)} ms`);
      }
      const checks = [];
      for (let i = 0; i < runs; i++) {
        const { stdout, stderr, ...sample } = measureProcess(tool);
        if (sample.exitCode === 2)
          throw new Error(`bench: kb-author check failed on ${map.folder}:\n${stderr}`);
        checks.push({ ...sample, summary: stdout.trim().split("\n").pop() });
        log(
          `${map.nodes} nodes: check run ${i + 1}/${runs} ${fmt(sample.wallMs)} ms, ${mib(sample.maxRssKiB)} MiB (${checks.at(-1).summary})`,
        );
      }
      const scans = [];
      for (let i = 0; i < runs; i++) {
        const scan = await measureFirstScan(serverPath, map.folder);
        scans.push(scan);
        log(
          `${map.nodes} nodes: server scan run ${i + 1}/${runs}: idle ${fmt(scan.idleMs)} ms after initialize ` +
            `(${scan.publishedFiles} files published), peak ${mib(scan.peakRssKiB)} MiB`,
        );
      }
      rows.push({
        size,
        nodes: map.nodes,
        files: map.files,
        folder: map.folder,
        check: {
          runs: checks,
          median: {
            wallMs: median(checks.map((c) => c.wallMs)),
            cpuMs: median(checks.map((c) => c.cpuMs)),
            maxRssMiB: median(checks.map((c) => c.maxRssKiB / 1024)),
          },
        },
        server: {
          runs: scans,
          median: {
            idleMs: median(scans.map((s) => s.idleMs)),
            peakRssMiB: median(scans.map((s) => s.peakRssKiB / 1024)),
          },
        },
      });
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const sizesArg = sizes.join(",") === defaultSizes.join(",") ? "" : ` --sizes ${sizes.join(",")}`;
  return {
    runsPerSize: runs,
    warmUp: !quick,
    loadAverageAtEnd: os.loadavg(),
    sizes: rows,
    growthPerDoubling: growth(rows),
    targets,
    reproduce: `node bench/scale.mjs${quick ? " --quick" : ""}${sizesArg}`,
  };
}

/** One new server on the map: initialize, wait until idle, read its peak RSS, shut it down. */
async function measureFirstScan(serverPath, folder) {
  const server = await startServer({ serverPath, corpus: folder, nodeArgs: [] });
  try {
    const t0 = performance.now();
    await server.initialize();
    await withTimeout(server.connection.sendRequest(waitForIdleMethod), scanTimeoutMs, waitForIdleMethod);
    const idleMs = performance.now() - t0;
    const memory = readMemory(server.pid);
    return {
      lastDiagnosticMs: server.lastPublicationAt === undefined ? null : server.lastPublicationAt - t0,
      idleMs,
      publishedFiles: server.publishedUris.size,
      peakRssKiB: memory.hwmKiB,
    };
  } finally {
    await server.shutdown();
  }
}

/** Each figure's growth per doubling of the node count, between consecutive sizes. */
function growth(rows) {
  const figures = {
    checkWall: (row) => row.check.median.wallMs,
    checkPeakRss: (row) => row.check.median.maxRssMiB,
    serverScan: (row) => row.server.median.idleMs,
    serverPeakRss: (row) => row.server.median.peakRssMiB,
  };
  const result = [];
  for (let i = 1; i < rows.length; i++) {
    const [small, big] = [rows[i - 1], rows[i]];
    const doublings = Math.log2(big.nodes / small.nodes);
    const perDoubling = Object.fromEntries(
      Object.entries(figures).map(([key, value]) => [key, (value(big) / value(small)) ** (1 / doublings)]),
    );
    result.push({ from: small.nodes, to: big.nodes, ...perDoubling });
  }
  return result;
}

export function printScale(result, log = console.log) {
  printTable(
    [
      "nodes",
      "files",
      "check wall (ms)",
      "check CPU (ms)",
      "check peak RSS (MiB)",
      "server init to idle (ms)",
      "server peak RSS (MiB)",
    ],
    result.sizes.map((row) => [
      String(row.nodes),
      String(row.files),
      fmt(row.check.median.wallMs),
      fmt(row.check.median.cpuMs),
      row.check.median.maxRssMiB.toFixed(1),
      fmt(row.server.median.idleMs),
      row.server.median.peakRssMiB.toFixed(1),
    ]),
    log,
  );
  log("");
  log("Growth per doubling of the node count (2.00 is linear):");
  printTable(
    ["nodes", "check wall", "check peak RSS", "server scan", "server peak RSS"],
    result.growthPerDoubling.map((g) => [
      `${g.from} -> ${g.to}`,
      g.checkWall.toFixed(2),
      g.checkPeakRss.toFixed(2),
      g.serverScan.toFixed(2),
      g.serverPeakRss.toFixed(2),
    ]),
    log,
  );
  const largest = result.sizes.at(-1);
  if (largest && result.growthPerDoubling.length > 0) {
    const t = result.targets;
    const worstGrowth = Math.max(...result.growthPerDoubling.flatMap((g) => [g.checkWall, g.serverScan]));
    log("");
    log(
      `Targets at ${largest.nodes} nodes: check under ${t.checkWallMs / 1000} s (${(largest.check.median.wallMs / 1000).toFixed(1)} s: ` +
        `${largest.check.median.wallMs < t.checkWallMs ? "met" : "NOT met"}) and ${t.checkPeakRssMiB.toFixed(0)} MiB peak RSS ` +
        `(${largest.check.median.maxRssMiB.toFixed(0)} MiB: ${largest.check.median.maxRssMiB < t.checkPeakRssMiB ? "met" : "NOT met"}); ` +
        `time growth per doubling at most ${t.growthPerDoubling} (worst ${worstGrowth.toFixed(2)}: ${worstGrowth <= t.growthPerDoubling ? "met" : "NOT met"}).`,
    );
  }
}

/** The map of about `size` nodes: from the cache, or generated into it. */
function syntheticMap(repoRoot, size, log) {
  const cache = process.env.KB_AUTHOR_SCALE_CACHE ?? path.join(os.homedir(), ".cache", "kb-author");
  // The generator's own hash in the name: a changed generator makes new maps instead of reusing old ones.
  const generator = fs.readFileSync(path.join(repoRoot, "bench", "generate-kb.mjs"));
  const version = createHash("sha256").update(generator).digest("hex").slice(0, 8);
  const folder = path.join(cache, `synthetic-${size}-seed${seed}-${version}`);
  const infoFile = `${folder}.json`;
  if (!fs.existsSync(folder)) {
    const partial = `${folder}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(cache, { recursive: true });
    log(`Generating ${size} nodes into ${folder} (once; reused by later runs)...`);
    const generated = spawnSync(
      process.execPath,
      [path.join(repoRoot, "bench", "generate-kb.mjs"), String(size), partial, "--seed", String(seed)],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    if (generated.status !== 0) throw new Error(`bench: generating ${size} nodes failed`);
    fs.renameSync(partial, folder);
    fs.rmSync(infoFile, { force: true });
  }
  if (!fs.existsSync(infoFile)) fs.writeFileSync(infoFile, JSON.stringify(countMap(folder)) + "\n");
  return { folder, ...JSON.parse(fs.readFileSync(infoFile, "utf8")) };
}

/** Nodes (Markdown files) and every file of a map, counted once per generated map. */
function countMap(folder) {
  let nodes = 0;
  let files = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else {
        files++;
        if (entry.name.endsWith(".md")) nodes++;
      }
    }
  };
  walk(folder);
  return { nodes, files };
}

if (process.argv[1] && path.resolve(process.argv[1]) === thisFile) {
  const argv = process.argv.slice(2);
  const sizesIndex = argv.indexOf("--sizes");
  const sizes = sizesIndex === -1 ? defaultSizes : argv[sizesIndex + 1].split(",").map(Number);
  const unknown = argv.filter((arg, i) => arg !== "--quick" && i !== sizesIndex && i !== sizesIndex + 1);
  if (unknown.length > 0 || sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    console.error("usage: node bench/scale.mjs [--quick] [--sizes 10000,50000,100000]");
    process.exit(2);
  }
  const result = await measureScale({ quick: argv.includes("--quick"), sizes });
  console.log("");
  printScale(result);
}
