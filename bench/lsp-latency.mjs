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
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
} from "vscode-languageserver-protocol/node.js";
import {
  builtServerPath,
  evenlySpaced,
  fmt,
  idleTimeoutMs,
  listNodesWithOrder,
  mib,
  point,
  printTable,
  readMemory,
  readNode,
  requestTimeoutMs,
  startServer,
  summarize,
  waitForIdleMethod,
  withTimeout,
} from "./lsp-client.mjs";
import { analyzeProfile, printProfile } from "./lsp-profile.mjs";
import { machineFields, runStandalone } from "./standalone.mjs";

/** Issue 4's target: p95 under this many milliseconds, per kind of request. */
export const targetP95Ms = 15;
const sampleSize = 50;
/** Nodes whose Order is emptied, to complete on all their children (other nodes than the sample's). */
const unlistedSampleSize = 20;
const warmUpPerKind = 20;

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
  const serverPath = builtServerPath(repoRoot);
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
      ...machineFields(),
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
// The sample.

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

// ---------------------------------------------------------------------------------------------------
// Run alone: measure, print, merge into bench/results/latest.json.

if (process.argv[1] && path.resolve(process.argv[1]) === thisFile) {
  await runStandalone({
    repoRoot: defaultRepoRoot,
    script: "lsp-latency.mjs",
    key: "lspLatency",
    measure: measureLspLatency,
    print: printLspLatency,
  });
}
