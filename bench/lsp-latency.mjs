#!/usr/bin/env node
// Latency of the language server's completion, hover and definition requests on the shared corpus,
// the server warm (issue 4: target p95 under 15 ms per kind).
//
//   node bench/lsp-latency.mjs               (after `npm run build`; 1,000 measured requests per kind)
//   node bench/lsp-latency.mjs --quick       (500 per kind)
//   node bench/lsp-latency.mjs --cpu-prof    (the server runs under `node --cpu-prof`; prints where its
//                                             CPU time went while the requests were measured)
//   npm run bench                            (bench/run.mjs runs this as its second section)
//
// One server process (`node dist/server.js --stdio`) gets the corpus as its only workspace folder.
// Timed: `initialize` to the answer of `kbAuthor/waitForIdle` (the initial scan published) and to the
// last `publishDiagnostics` before it. Then 50 node files that have an Order are opened and edited
// once (a `### Related Nodes` section with `- [Related]()` before the Order, an empty line after the
// last Order entry), and 20 other ones with their Order entries removed (one empty line left); the
// server is left to go idle, and requests are sent one at a time, round-robin over the files and
// kinds, each timed with performance.now() around the request (serialisation, the pipe and parsing the
// answer included): hover and definition on an Order entry's name; completion on the empty line after
// the last entry (every child is listed in this corpus: nothing to offer); completion on the emptied
// Order (every child offered, with its Mini Description); completion between the `()` of the link
// (every node of the map is a candidate, 200 returned). The first requests of each kind are a warm-up
// and not counted. The server's RSS is read from /proc/<pid>/status once indexing is done. Results:
// stdout and the `lspLatency` key of bench/results/latest.json (the rest of the file is kept). The
// corpus is $KB_AUTHOR_CORPUS, else ../shared/corpus/llm-ai-safety-map next to the repository; it is
// only read.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { SourceMap } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
} from "vscode-languageserver-protocol/node.js";

/** Issue 4's target: p95 under this many milliseconds, per kind of request. */
export const targetP95Ms = 15;
const sampleSize = 50;
/** Nodes whose Order is emptied, to complete on all their children (other nodes than the sample's). */
const unlistedSampleSize = 20;
const warmUpPerKind = 20;
const waitForIdleMethod = "kbAuthor/waitForIdle";
/** Only a hung or crashed server reaches these. */
const idleTimeoutMs = 120_000;
const requestTimeoutMs = 30_000;

const kinds = [
  { key: "hover", label: "hover (Order entry)" },
  { key: "definition", label: "definition (Order entry)" },
  { key: "completionOrder", label: "completion (empty Order line)" },
  { key: "completionUnlisted", label: "completion (Order, children unlisted)" },
  { key: "completionLink", label: "completion (link target, all nodes)" },
];

const thisFile = fileURLToPath(import.meta.url);
const defaultRepoRoot = path.resolve(path.dirname(thisFile), "..");

/**
 * Starts the server on the corpus, measures, shuts it down; returns the figures (what goes into
 * latest.json). `log` gets the progress lines.
 */
export async function measureLspLatency({
  repoRoot = defaultRepoRoot,
  corpus,
  quick = false,
  cpuProf = false,
  log = console.log,
}) {
  const serverPath = path.join(repoRoot, "dist", "server.js");
  if (!fs.existsSync(serverPath)) {
    throw new Error(
      "dist/server.js is missing: run `npm run build` (or `npm run bench`, which builds first)",
    );
  }
  const requestsPerKind = quick ? 500 : 1000;
  const profileDir = path.join(repoRoot, "bench", "results", "profiles");
  const nodeArgs = [];
  if (cpuProf) {
    fs.mkdirSync(profileDir, { recursive: true });
    nodeArgs.push(
      "--cpu-prof",
      `--cpu-prof-dir=${profileDir}`,
      "--cpu-prof-name=lsp-latency-server.cpuprofile",
    );
  }

  const nodes = listNodesWithOrder(corpus);
  const sample = evenlySpaced(nodes, sampleSize, 0).map((file) => prepareDocument(corpus, file));
  const unlistedSample = evenlySpaced(nodes, unlistedSampleSize, 0.5).map((file) =>
    prepareUnlistedDocument(corpus, file),
  );

  const server = await startServer({ serverPath, corpus, nodeArgs });
  try {
    const { connection } = server;
    // Scan: initialize, then wait for the workspace to be published.
    const t0 = performance.now();
    await server.initialize();
    const initializeMs = performance.now() - t0;
    await withTimeout(connection.sendRequest(waitForIdleMethod), idleTimeoutMs, waitForIdleMethod);
    const idleMs = performance.now() - t0;
    const lastDiagnosticMs =
      server.lastPublicationAt === undefined ? undefined : server.lastPublicationAt - t0;
    const publishedFiles = server.publishedUris.size;
    const memoryAfterIndexing = readMemory(server.pid);
    log(
      `LSP: initialize answered in ${fmt(initializeMs)} ms; idle (workspace scanned and published) ` +
        `${fmt(idleMs)} ms after initialize, last diagnostic at ${lastDiagnosticMs === undefined ? "-" : fmt(lastDiagnosticMs)} ms ` +
        `(${publishedFiles} files with a publication); server RSS ${mib(memoryAfterIndexing.rssKiB)} MiB.`,
    );

    // The sample: open, edit once, let the revalidations settle.
    for (const doc of [...sample, ...unlistedSample]) {
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: doc.uri, languageId: "markdown", version: 1, text: doc.text },
      });
    }
    for (const doc of [...sample, ...unlistedSample]) {
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: doc.uri, version: 2 },
        contentChanges: doc.changes,
      });
    }
    await withTimeout(connection.sendRequest(waitForIdleMethod), idleTimeoutMs, waitForIdleMethod);
    const memoryAfterOpen = readMemory(server.pid);

    // The requests: per kind, the positions to cycle through.
    const positions = {
      hover: sample.flatMap((doc) => doc.entryNames.map((position) => ({ doc, position }))),
      definition: sample.flatMap((doc) => doc.entryNames.map((position) => ({ doc, position }))),
      completionOrder: sample.map((doc) => ({ doc, position: doc.emptyOrderLine })),
      completionUnlisted: unlistedSample.map((doc) => ({ doc, position: doc.emptyOrderLine })),
      completionLink: sample.map((doc) => ({ doc, position: doc.linkTarget })),
    };
    const send = {
      hover: ({ doc, position }) =>
        connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc.uri }, position }),
      definition: ({ doc, position }) =>
        connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: doc.uri }, position }),
      completionOrder: ({ doc, position }) =>
        connection.sendRequest(CompletionRequest.type, {
          textDocument: { uri: doc.uri },
          position,
          context: { triggerKind: 1 },
        }),
      completionUnlisted: ({ doc, position }) =>
        connection.sendRequest(CompletionRequest.type, {
          textDocument: { uri: doc.uri },
          position,
          context: { triggerKind: 1 },
        }),
      completionLink: ({ doc, position }) =>
        connection.sendRequest(CompletionRequest.type, {
          textDocument: { uri: doc.uri },
          position,
          context: { triggerKind: 2, triggerCharacter: "(" },
        }),
    };
    const samples = Object.fromEntries(kinds.map(({ key }) => [key, []]));
    const checks = Object.fromEntries(kinds.map(({ key }) => [key, newCheck()]));
    log(
      `LSP: ${sample.length} node files open; ${warmUpPerKind} warm-up + ${requestsPerKind} measured requests per kind, ` +
        `sequential, round-robin (${positions.hover.length} Order entries, ${sample.length} empty Order lines, ` +
        `${unlistedSample.length} emptied Orders, ${sample.length} link targets)...`,
    );
    const measureStartUs = process.hrtime.bigint() / 1000n;
    for (let round = 0; round < warmUpPerKind + requestsPerKind; round++) {
      for (const { key } of kinds) {
        const list = positions[key];
        const at = list[round % list.length];
        const start = performance.now();
        const answer = await withTimeout(send[key](at), requestTimeoutMs, key);
        const elapsed = performance.now() - start;
        if (round >= warmUpPerKind) {
          samples[key].push(elapsed);
          record(checks[key], key, answer);
        }
      }
    }
    const measureEndUs = process.hrtime.bigint() / 1000n;
    const memoryAtEnd = readMemory(server.pid);

    const results = {};
    for (const { key, label } of kinds) {
      const stats = summarize(samples[key]);
      results[key] = { label, ...stats, pass: stats.p95Ms < targetP95Ms, answers: checks[key] };
    }
    const exit = await server.shutdown();
    const profile = cpuProf
      ? analyzeProfile(path.join(profileDir, "lsp-latency-server.cpuprofile"), serverPath, {
          startUs: measureStartUs,
          endUs: measureEndUs,
        })
      : undefined;
    return {
      date: new Date().toISOString(),
      corpus,
      node: process.version,
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown"}`,
      loadAverageAtEnd: os.loadavg(),
      server: `node ${[...nodeArgs, path.relative(repoRoot, serverPath), "--stdio"].join(" ")}`,
      quick,
      cpuProf,
      targetP95Ms,
      sampleFiles: sample.length,
      sampleFilesWithOrderEmptied: unlistedSample.length,
      warmUpPerKind,
      requestsPerKind,
      initializeMs,
      initializeToIdleMs: idleMs,
      initializeToLastDiagnosticMs: lastDiagnosticMs,
      filesWithPublication: publishedFiles,
      serverMemory: {
        afterIndexing: memoryAfterIndexing,
        afterOpeningSample: memoryAfterOpen,
        atEnd: memoryAtEnd,
      },
      serverExit: exit,
      results,
      pass: Object.values(results).every((result) => result.pass),
      ...(profile ? { profile } : {}),
      reproduce: `node bench/lsp-latency.mjs${quick ? " --quick" : ""}${cpuProf ? " --cpu-prof" : ""}`,
    };
  } catch (error) {
    server.kill();
    throw error;
  }
}

/** Prints the figures of {@link measureLspLatency} as a table. */
export function printLspLatency(result, log = console.log) {
  const header = ["request", "n", "p50 (ms)", "p95 (ms)", "max (ms)", `target p95 < ${targetP95Ms} ms`];
  const rows = kinds.map(({ key }) => {
    const r = result.results[key];
    return [
      r.label,
      String(r.n),
      r.p50Ms.toFixed(2),
      r.p95Ms.toFixed(2),
      r.maxMs.toFixed(2),
      r.pass ? "PASS" : "FAIL",
    ];
  });
  printTable(header, rows, log);
  log("");
  log(
    `initialize → idle (last workspace diagnostic published): ${fmt(result.initializeToIdleMs)} ms ` +
      `(last publishDiagnostics at ${result.initializeToLastDiagnosticMs === undefined ? "-" : fmt(result.initializeToLastDiagnosticMs)} ms).`,
  );
  const memory = result.serverMemory;
  log(
    `Server RSS after indexing: ${mib(memory.afterIndexing.rssKiB)} MiB (peak so far ${mib(memory.afterIndexing.hwmKiB)} MiB); ` +
      `after opening the sample ${mib(memory.afterOpeningSample.rssKiB)} MiB; at the end ${mib(memory.atEnd.rssKiB)} MiB.`,
  );
  const answers = kinds
    .map(({ key }) => {
      const a = result.results[key].answers;
      const items = a.items === undefined ? "" : `, ${(a.items / a.answered).toFixed(1)} items on average`;
      return `${key}: ${a.answered} answered, ${a.empty} empty${items}`;
    })
    .join("; ");
  log(`Answers: ${answers}.`);
  if (result.profile) printProfile(result.profile, log);
}

// ---------------------------------------------------------------------------------------------------
// The corpus and the sample.

/** Every `Name/Name.md` under the corpus with a `### Order` section, sorted. */
function listNodesWithOrder(corpus) {
  const found = [];
  const walk = (dir) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    for (const entry of entries) if (entry.isDirectory()) walk(path.join(dir, entry.name));
    const own = path.join(dir, `${path.basename(dir)}.md`);
    if (entries.some((entry) => entry.isFile() && entry.name === `${path.basename(dir)}.md`)) {
      if (/^### Order\s*$/m.test(fs.readFileSync(own, "utf8"))) found.push(own);
    }
  };
  walk(corpus);
  return found.sort();
}

/** `count` items spread over the list; `offset` (0 to 1) shifts them within their stretch. */
function evenlySpaced(list, count, offset) {
  if (list.length <= count) return list;
  return Array.from({ length: count }, (_, i) => list[Math.floor(((i + offset) * list.length) / count)]);
}

/**
 * A node file with the edits the bench makes (as LSP content changes, applied in order) and the
 * positions it asks about, in the edited text: each Order entry's name, the empty line after the last
 * entry, the inside of `- [Related]()`.
 */
function prepareDocument(corpus, file) {
  const { text, lines, orderLine, entries } = readNode(file);
  const last = entries[entries.length - 1];
  const related = ["### Related Nodes", "", "- [Related]()", ""];
  const shift = related.length;
  return {
    file: path.relative(corpus, file),
    uri: pathToFileURL(file).href,
    text,
    // The later edit first, so that the earlier one's position still holds.
    changes: [
      {
        range: point(last.line, lines[last.line].length),
        text: "\n",
      },
      { range: point(orderLine, 0), text: related.join("\n") + "\n" },
    ],
    entryNames: entries.map((entry) => ({
      line: entry.line + shift,
      character: entry.character + Math.floor(entry.length / 2),
    })),
    emptyOrderLine: { line: last.line + shift + 1, character: 0 },
    linkTarget: { line: orderLine + 2, character: "- [Related](".length },
  };
}

/**
 * A node file whose Order entries are all removed, one empty line left where they were: completion
 * there offers every child folder with its Mini Description.
 */
function prepareUnlistedDocument(corpus, file) {
  const { text, lines, entries } = readNode(file);
  const first = entries[0];
  const last = entries[entries.length - 1];
  return {
    file: path.relative(corpus, file),
    uri: pathToFileURL(file).href,
    text,
    changes: [
      {
        range: {
          start: { line: first.line, character: 0 },
          end: { line: last.line, character: lines[last.line].length },
        },
        text: "",
      },
    ],
    emptyOrderLine: { line: first.line, character: 0 },
  };
}

/** A node file's text, its lines, its Order heading's line and entries (line, name start and length). */
function readNode(file) {
  const text = fs.readFileSync(file, "utf8");
  const lines = text.split("\n");
  const orderLine = lines.findIndex((line) => /^### Order\s*$/.test(line));
  const entries = [];
  for (let line = orderLine + 1; line < lines.length && !/^#{1,6}\s/.test(lines[line]); line++) {
    const match = /^(\s*\d+[.)]\s+)(\S.*?)\s*$/.exec(lines[line]);
    if (match) entries.push({ line, character: match[1].length, length: match[2].length });
  }
  if (entries.length === 0) throw new Error(`bench: no Order entries in ${file}`);
  return { text, lines, orderLine, entries };
}

function point(line, character) {
  return { start: { line, character }, end: { line, character } };
}

// ---------------------------------------------------------------------------------------------------
// The server.

async function startServer({ serverPath, corpus, nodeArgs }) {
  const child = spawn(process.execPath, [...nodeArgs, serverPath, "--stdio"], {
    cwd: corpus,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const server = {
    pid: child.pid,
    connection,
    publishedUris: new Set(),
    lastPublicationAt: undefined,
    async initialize() {
      const folderUri = pathToFileURL(corpus).href;
      await withTimeout(
        connection.sendRequest(InitializeRequest.type, {
          processId: process.pid,
          rootUri: folderUri,
          workspaceFolders: [{ uri: folderUri, name: path.basename(corpus) }],
          capabilities: {
            workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: false } },
            window: { workDoneProgress: true },
            textDocument: {
              synchronization: { dynamicRegistration: false },
              publishDiagnostics: { versionSupport: true, relatedInformation: true },
              hover: { contentFormat: ["markdown", "plaintext"] },
              completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true } },
              definition: { linkSupport: false },
            },
          },
        }),
        requestTimeoutMs,
        "initialize",
      );
      await connection.sendNotification(InitializedNotification.type, {});
    },
    async shutdown() {
      try {
        await withTimeout(connection.sendRequest(ShutdownRequest.type), 10_000, "shutdown");
        await connection.sendNotification(ExitNotification.type);
      } catch {
        // Killed below.
      }
      let timer;
      const how = await Promise.race([
        exited,
        new Promise((resolve) => (timer = setTimeout(() => resolve(undefined), 10_000))),
      ]);
      clearTimeout(timer);
      connection.dispose();
      if (how) return how;
      child.kill("SIGKILL");
      return { ...(await exited), killed: true };
    },
    kill() {
      connection.dispose();
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    server.publishedUris.add(params.uri);
    server.lastPublicationAt = performance.now();
  });
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
  connection.onRequest(RegistrationRequest.type, () => null);
  connection.onRequest(ConfigurationRequest.type, ({ items }) => items.map(() => null));
  connection.onClose(() => undefined);
  connection.listen();
  void exited.then(({ code, signal }) => {
    if (code !== 0) process.stderr.write(`bench: server exited (code ${code}, signal ${signal})\n${stderr}`);
  });
  return server;
}

/** VmRSS and VmHWM (peak RSS) of a process, in KiB. */
function readMemory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
  return { rssKiB: field("VmRSS"), hwmKiB: field("VmHWM") };
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench: ${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------------
// Figures.

function newCheck() {
  return { answered: 0, empty: 0 };
}

/** Counts what came back, so that a fast but empty answer does not go unnoticed. */
function record(check, key, answer) {
  check.answered++;
  if (key === "hover") {
    if (!answer?.contents) check.empty++;
  } else if (key === "definition") {
    if (!Array.isArray(answer) || answer.length === 0) check.empty++;
  } else {
    const items = Array.isArray(answer) ? answer : (answer?.items ?? []);
    if (items.length === 0) check.empty++;
    check.items = (check.items ?? 0) + items.length;
  }
}

function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
  return {
    n: sorted.length,
    p50Ms: rank(50),
    p95Ms: rank(95),
    p99Ms: rank(99),
    maxMs: sorted[sorted.length - 1],
    meanMs: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  };
}

function fmt(ms) {
  return ms.toFixed(0);
}

function mib(kib) {
  return (kib / 1024).toFixed(1);
}

function printTable(header, rows, log) {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  log(line(header));
  log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of rows) log(line(row));
}

// ---------------------------------------------------------------------------------------------------
// The CPU profile (--cpu-prof).

/**
 * Self and total CPU time per function in the server while the requests were measured. V8's profile
 * timestamps and process.hrtime() both read CLOCK_MONOTONIC (µs and ns), so the window taken in this
 * process selects the samples. Bundle positions are mapped to the TypeScript sources with the bundle's
 * source map.
 */
function analyzeProfile(file, serverPath, window) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8"));
  const mapFile = serverPath + ".map";
  const sourceMap = fs.existsSync(mapFile)
    ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, "utf8")))
    : undefined;
  const serverUrl = pathToFileURL(serverPath).href;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nameCache = new Map();
  const nameOf = (node) => {
    if (nameCache.has(node.id)) return nameCache.get(node.id);
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    let where = url ? url.replace(/^.*\/node_modules\//, "node_modules/").replace(/^file:\/\/.*\//, "") : "";
    if (url === serverUrl && sourceMap && lineNumber >= 0) {
      const entry = sourceMap.findEntry(lineNumber, columnNumber);
      if (entry?.originalSource) {
        const source = entry.originalSource.replace(/^.*?\/(server\/src\/|node_modules\/)/, "$1");
        where = `${source}:${entry.originalLine + 1}`;
      }
    } else if (where && lineNumber >= 0) where += `:${lineNumber + 1}`;
    const name = `${functionName || "(anonymous)"}${where ? ` ${where}` : ""}`;
    nameCache.set(node.id, name);
    return name;
  };
  const self = new Map();
  const total = new Map();
  let time = profile.startTime;
  let windowUs = 0;
  let idleUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    if (time < window.startUs || time > window.endUs) continue;
    const delta = profile.timeDeltas[i + 1] ?? 0;
    windowUs += delta;
    const node = byId.get(profile.samples[i]);
    const name = nameOf(node);
    if (node.callFrame.functionName === "(idle)") idleUs += delta;
    self.set(name, (self.get(name) ?? 0) + delta);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const ancestor = nameOf(byId.get(id));
      if (seen.has(ancestor)) continue;
      seen.add(ancestor);
      total.set(ancestor, (total.get(ancestor) ?? 0) + delta);
    }
  }
  const top = (map, count) =>
    [...map.entries()]
      .filter(([name]) => !/^\((root|program|idle)\)/.test(name) || map === self)
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / Math.max(1, windowUs) }));
  return {
    file,
    windowMs: windowUs / 1000,
    busyMs: (windowUs - idleUs) / 1000,
    self: top(self, 20),
    total: top(total, 30),
  };
}

function printProfile(profile, log) {
  log("");
  log(
    `Server CPU profile while measuring (${profile.file}): ${fmt(profile.windowMs)} ms of wall time, ` +
      `${fmt(profile.busyMs)} ms busy (not idle).`,
  );
  log("Self time, top functions:");
  for (const entry of profile.self) {
    log(
      `  ${entry.ms.toFixed(0).padStart(7)} ms ${(100 * entry.share).toFixed(1).padStart(5)}%  ${entry.name}`,
    );
  }
  log("Total time (the function and what it calls), top functions:");
  for (const entry of profile.total) {
    log(
      `  ${entry.ms.toFixed(0).padStart(7)} ms ${(100 * entry.share).toFixed(1).padStart(5)}%  ${entry.name}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// Run alone: measure, print, merge into bench/results/latest.json.

if (process.argv[1] && path.resolve(process.argv[1]) === thisFile) {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== "--quick" && arg !== "--cpu-prof");
  if (unknown.length > 0) {
    console.error(
      `bench: unknown argument ${unknown.join(" ")} (usage: node bench/lsp-latency.mjs [--quick] [--cpu-prof])`,
    );
    process.exit(2);
  }
  const corpus = path.resolve(
    process.env.KB_AUTHOR_CORPUS ?? path.join(defaultRepoRoot, "../shared/corpus/llm-ai-safety-map"),
  );
  if (!fs.existsSync(corpus)) {
    console.error(`bench: corpus not found: ${corpus} (set KB_AUTHOR_CORPUS)`);
    process.exit(2);
  }
  console.log(`Corpus: ${corpus}`);
  console.log(
    `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${os.platform()} ${os.release()}`,
  );
  console.log(
    `Load average before: ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(", ")}`,
  );
  console.log("");
  const result = await measureLspLatency({
    corpus,
    quick: args.includes("--quick"),
    cpuProf: args.includes("--cpu-prof") || Boolean(process.env.KB_AUTHOR_BENCH_CPU_PROF),
  });
  console.log("");
  printLspLatency(result);
  const resultsDir = path.join(defaultRepoRoot, "bench", "results");
  const resultsFile = path.join(resultsDir, "latest.json");
  fs.mkdirSync(resultsDir, { recursive: true });
  const existing = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, "utf8")) : {};
  fs.writeFileSync(resultsFile, JSON.stringify({ ...existing, lspLatency: result }, null, 2) + "\n");
  console.log("");
  console.log(`Written: ${path.relative(process.cwd(), resultsFile)} (key lspLatency)`);
  console.log(`Reproduce: (cd ${defaultRepoRoot} && npm run build && ${result.reproduce})`);
}
