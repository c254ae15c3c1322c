#!/usr/bin/env node
// How quickly the language server reacts while the user works (tracker issue 6, items 1c, 1e and 2):
//
//   node bench/lsp-responsiveness.mjs               (after `npm run build`; 500 keystrokes)
//   node bench/lsp-responsiveness.mjs --quick       (150 keystrokes, fewer folder events and previews)
//   node bench/lsp-responsiveness.mjs --cpu-prof    (the server runs under `node --cpu-prof`; prints where
//                                                    its CPU time went during the scan and the keystrokes)
//   npm run bench                                   (bench/run.mjs runs it in its `lsp` section)
//
// The corpus is copied into a temporary folder (folders are created and deleted there; the corpus
// itself is only read), with one topic entry added (examples/wiki/international-coordination.md, the
// corpus has none). The server is `node dist/server.js --stdio` with the copy as its workspace folder.
// Measured, each time with performance.now() in this process (the pipe and JSON-RPC included):
// 1. During the initial scan (`initialize` sent, `kbAuthor/waitForIdle` not yet answered), repeated with
//    a new server (5 times, 2 with --quick): a node file is opened and, until the scan ends, hover
//    requests on its Order entries alternate with edits of one of its Order entries, a pause of 2 to
//    11 ms after each pair; each edit is timed from `didChange` to the publication of that version's
//    diagnostics. Requests must not wait behind the scan.
// Then one server, once its scan is published:
// 2. Keystrokes: edits sent one at a time, round-robin over three kinds (a character typed at the end
//    of a node's Description paragraph; a character added to / removed from an Order entry's name; a
//    `0` added to / removed from a topic's `importance`), each timed from `didChange` to the publication
//    for its version (the server publishes every validation of an open document).
// 3. A child node (its folder and its file) created (really, on disk) in a node folder, then deleted: from the
//    `workspace/didChangeWatchedFiles` notification (as VS Code sends it) to the parent node's
//    publication with (then without) `order/unlisted-child`.
// 4. `kbAuthor/renderPreview` of the corpus's largest Markdown file and of its largest node file, open.
// Results: stdout and the `lspResponsiveness` key of bench/results/latest.json (the rest is kept).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
} from "vscode-languageserver-protocol/node.js";
import {
  builtServerPath,
  evenlySpaced,
  fmt,
  idleTimeoutMs,
  listNodesWithOrder,
  printTable,
  readNode,
  requestTimeoutMs,
  startServer,
  summarize,
  waitForIdleMethod,
  withTimeout,
} from "./lsp-client.mjs";
import { analyzeProfile, printProfile } from "./lsp-profile.mjs";
import { machineFields, runStandalone } from "./standalone.mjs";

/** Tracker issue 6's targets (p95, in ms); hover during the scan: issue 4's request target. */
export const targets = { keystroke: 10, folderEvent: 100, preview: 50, hoverDuringScan: 15 };
const renderPreviewMethod = "kbAuthor/renderPreview";
const topicSource = "examples/wiki/international-coordination.md";
const created = 1;
const deleted = 3;

const thisFile = fileURLToPath(import.meta.url);
const defaultRepoRoot = path.resolve(path.dirname(thisFile), "..");

/** Copies the corpus, starts the server on the copy, measures, cleans up; returns the figures. */
export async function measureLspResponsiveness({
  repoRoot = defaultRepoRoot,
  corpus,
  quick = false,
  cpuProf = false,
  log = console.log,
}) {
  const serverPath = builtServerPath(repoRoot);
  const counts = quick
    ? { scans: 2, keystrokes: 150, folderEvents: 10, previews: 50 }
    : { scans: 5, keystrokes: 500, folderEvents: 30, previews: 200 };
  const profileDir = path.join(repoRoot, "bench", "results", "profiles");
  const profileFile = path.join(profileDir, "lsp-responsiveness-server.cpuprofile");
  // Every scan's server writes it: the last one's stays.
  const scanProfileFile = path.join(profileDir, "lsp-responsiveness-scan.cpuprofile");
  if (cpuProf) fs.mkdirSync(profileDir, { recursive: true });

  const scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-responsiveness-")));
  const copy = path.join(scratch, path.basename(corpus));
  fs.cpSync(corpus, copy, { recursive: true });
  const topicFile = path.join(copy, "wiki", "bench-topic.md");
  fs.mkdirSync(path.dirname(topicFile));
  fs.copyFileSync(path.join(repoRoot, topicSource), topicFile);

  const nodes = listNodesWithOrder(copy);
  const [scanFile, ...editedFiles] = evenlySpaced(nodes, 7, 0.25);
  const editedNodes = editedFiles.map((file) => openable(file));
  const descriptionDocs = editedNodes.slice(0, 3).map((doc) => ({ ...doc, kind: "description" }));
  const orderDocs = editedNodes.slice(3).map((doc) => ({ ...doc, kind: "order" }));
  const topicDoc = { ...openable(topicFile), kind: "frontmatter" };
  const folderParents = evenlySpaced(nodes, counts.folderEvents, 0.75);
  // The corpus's own files (not the added topic), in the copy.
  const inCopy = (file) => path.join(copy, path.relative(corpus, file));
  const largestMarkdown = inCopy(largestFile(corpus, (name) => name.endsWith(".md")));
  const largestNode = inCopy(largestFile(corpus, (name, dir) => name === `${path.basename(dir)}.md`));

  // 1. Initial scans, each by a new server, with requests and edits all along.
  const scans = [];
  for (let i = 0; i < counts.scans; i++) {
    const nodeArgs = cpuProf ? profileArgs(profileDir, scanProfileFile) : [];
    scans.push(await measureDuringScan({ serverPath, copy, file: scanFile, nodeArgs }));
    const last = scans[scans.length - 1];
    log(
      `LSP responsiveness: scan ${i + 1} of ${counts.scans} (${path.basename(corpus)}, copy) idle ${fmt(last.idleMs)} ms ` +
        `after initialize, with ${last.hover.length} hovers and ${last.keystroke.length} edits answered during it.`,
    );
  }
  const duringScan = {
    hover: scans.flatMap((scan) => scan.hover),
    firstHover: scans.flatMap((scan) => scan.hover.slice(0, 1)),
    laterHovers: scans.flatMap((scan) => scan.hover.slice(1)),
    keystroke: scans.flatMap((scan) => scan.keystroke),
    open: scans.map((scan) => scan.open),
  };

  // 2 to 4: one server, the workspace idle.
  const nodeArgs = cpuProf ? profileArgs(profileDir, profileFile) : [];
  const server = await startServer({ serverPath, corpus: copy, nodeArgs });
  const publications = publicationWaiter(server);
  try {
    const { connection } = server;
    await server.initialize();
    await withTimeout(connection.sendRequest(waitForIdleMethod), idleTimeoutMs, waitForIdleMethod);

    // 2. Keystrokes, the workspace idle.
    const editors = [
      ...descriptionDocs.map((doc) => ({ doc, editor: descriptionEditor(doc) })),
      ...orderDocs.map((doc) => ({ doc, editor: orderEditor(doc) })),
      { doc: topicDoc, editor: frontmatterEditor(topicDoc) },
    ];
    for (const { doc } of editors) await openAndTime(connection, publications, doc);
    const byKind = { description: [], order: [], frontmatter: [] };
    // One round over the editors is a warm-up (first validations, caches).
    const keystrokeStartUs = process.hrtime.bigint() / 1000n;
    for (let i = 0; i < counts.keystrokes + editors.length; i++) {
      // Round-robin by kind, then by document within the kind.
      const kind = ["description", "order", "frontmatter"][i % 3];
      const ofKind = editors.filter(({ doc }) => doc.kind === kind);
      const { doc, editor } = ofKind[Math.floor(i / 3) % ofKind.length];
      const elapsed = await timeEdit(connection, publications, doc, editor.next());
      if (i >= editors.length) byKind[kind].push(elapsed);
    }
    const keystrokeEndUs = process.hrtime.bigint() / 1000n;

    // 3. Child folders created and deleted on disk.
    const folderCreated = [];
    const folderDeleted = [];
    for (const parentFile of folderParents) {
      const parentUri = pathToFileURL(parentFile).href;
      const childDir = path.join(path.dirname(parentFile), "Bench_New_Child");
      const childUri = pathToFileURL(childDir).href;
      // A child node as it is committed, folder and file (an empty folder is no child: git keeps none).
      const childFile = path.join(childDir, "Bench_New_Child.md");
      fs.mkdirSync(childDir);
      fs.writeFileSync(childFile, "### Mini Description\n\nA child created by the bench.\n");
      folderCreated.push(
        await timeWatchedChange(
          connection,
          publications,
          parentUri,
          [
            { uri: childUri, type: created },
            { uri: pathToFileURL(childFile).href, type: created },
          ],
          (d) => hasCode(d, "order/unlisted-child"),
        ),
      );
      fs.rmSync(childDir, { recursive: true });
      folderDeleted.push(
        await timeWatchedChange(
          connection,
          publications,
          parentUri,
          [{ uri: childUri, type: deleted }],
          (d) => !hasCode(d, "order/unlisted-child"),
        ),
      );
    }

    // 4. The preview of the largest files, open in the editor as they would be.
    const preview = {};
    for (const [key, file] of Object.entries({ largestMarkdown, largestNode })) {
      const doc = openable(file);
      await openAndTime(connection, publications, doc);
      const times = [];
      let answer;
      for (let i = 0; i < counts.previews + 10; i++) {
        const start = performance.now();
        answer = await withTimeout(
          connection.sendRequest(renderPreviewMethod, { uri: doc.uri, resourceRoots: [] }),
          requestTimeoutMs,
          renderPreviewMethod,
        );
        if (i >= 10) times.push(performance.now() - start);
      }
      if (!answer?.html) throw new Error(`bench: ${renderPreviewMethod} gave no page for ${file}`);
      preview[key] = {
        file: path.relative(copy, file),
        bytes: fs.statSync(file).size,
        htmlChars: answer.html.length,
        times,
      };
    }

    const exit = await server.shutdown();
    const keystrokes = Object.values(byKind).flat();
    const row = (label, values, target) => {
      const stats = summarize(values);
      return {
        label,
        ...stats,
        targetP95Ms: target,
        pass: target === undefined ? undefined : stats.p95Ms < target,
        // Few values (the scan's): kept, to see which ones were slow.
        ...(values.length <= 200 ? { valuesMs: values.map((value) => Number(value.toFixed(2))) } : {}),
      };
    };
    const results = {
      keystroke: row("keystroke → diagnostics (all kinds)", keystrokes, targets.keystroke),
      keystrokeDescription: row("  typing in a Description", byKind.description, targets.keystroke),
      keystrokeOrder: row("  editing an Order entry", byKind.order, targets.keystroke),
      keystrokeFrontmatter: row("  editing a topic's frontmatter", byKind.frontmatter, targets.keystroke),
      folderCreated: row("child folder created → parent", folderCreated, targets.folderEvent),
      folderDeleted: row("child folder deleted → parent", folderDeleted, targets.folderEvent),
      previewLargestMarkdown: row(
        `renderPreview ${preview.largestMarkdown.file} (${preview.largestMarkdown.bytes} B)`,
        preview.largestMarkdown.times,
        targets.preview,
      ),
      previewLargestNode: row(
        `renderPreview largest node (${preview.largestNode.bytes} B)`,
        preview.largestNode.times,
        targets.preview,
      ),
      hoverDuringScan: row("hover during the initial scan", duringScan.hover, targets.hoverDuringScan),
      // The first hover on an Order entry builds the core's node index of the whole map (NodeIndex),
      // synchronously: shown apart, so that the rest shows how requests fare against the scan itself.
      hoverDuringScanFirst: row("  the first of each scan", duringScan.firstHover),
      hoverDuringScanLater: row("  the later ones", duringScan.laterHovers, targets.hoverDuringScan),
      keystrokeDuringScan: row(
        "keystroke → diagnostics during the scan",
        duringScan.keystroke,
        targets.keystroke,
      ),
      openDuringScan: row("didOpen → diagnostics during the scan", duringScan.open),
    };
    const profile = cpuProf
      ? {
          scan: analyzeProfile(scanProfileFile, serverPath, scans[scans.length - 1].window),
          keystrokes: analyzeProfile(profileFile, serverPath, {
            startUs: keystrokeStartUs,
            endUs: keystrokeEndUs,
          }),
        }
      : undefined;
    return {
      date: new Date().toISOString(),
      corpus,
      ...machineFields(),
      server: `node ${[...nodeArgs, path.relative(repoRoot, serverPath), "--stdio"].join(" ")}`,
      quick,
      cpuProf,
      targets,
      initializeToIdleWithRequestsMs: scans.map((scan) => scan.idleMs),
      files: {
        scan: path.relative(copy, scanFile),
        description: descriptionDocs.map((doc) => doc.file),
        order: orderDocs.map((doc) => doc.file),
        topic: topicDoc.file,
        folderParents: folderParents.map((file) => path.relative(copy, file)),
        preview: Object.fromEntries(
          Object.entries(preview).map(([key, { file, bytes, htmlChars }]) => [
            key,
            { file, bytes, htmlChars },
          ]),
        ),
      },
      serverExit: exit,
      results,
      pass: Object.values(results).every((result) => result.pass !== false),
      ...(profile ? { profile } : {}),
      reproduce: `node bench/lsp-responsiveness.mjs${quick ? " --quick" : ""}${cpuProf ? " --cpu-prof" : ""}`,
    };
  } catch (error) {
    server.kill();
    throw error;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Prints the figures of {@link measureLspResponsiveness} as a table. */
export function printLspResponsiveness(result, log = console.log) {
  const header = ["measurement", "n", "p50 (ms)", "p95 (ms)", "max (ms)", "target p95", "result"];
  const rows = Object.values(result.results).map((r) => [
    r.label,
    String(r.n),
    r.p50Ms.toFixed(2),
    r.p95Ms.toFixed(2),
    r.maxMs.toFixed(2),
    r.targetP95Ms === undefined ? "-" : `< ${r.targetP95Ms} ms`,
    r.pass === undefined ? "-" : r.pass ? "PASS" : "FAIL",
  ]);
  printTable(header, rows, log);
  log("");
  log(
    `initialize → idle with requests and edits during the scan: ${result.initializeToIdleWithRequestsMs.map(fmt).join(", ")} ms.`,
  );
  if (result.profile) {
    log("During the initial scan:");
    printProfile(result.profile.scan, log);
    log("During the keystrokes:");
    printProfile(result.profile.keystrokes, log);
  }
}

/**
 * Starts a server on the copy and, until its initial scan is published, opens `file` and alternates
 * hovers on its Order entries with edits of one entry, a short pause after each pair; shuts it down.
 */
async function measureDuringScan({ serverPath, copy, file, nodeArgs }) {
  const doc = openable(file);
  const server = await startServer({ serverPath, corpus: copy, nodeArgs });
  const publications = publicationWaiter(server);
  try {
    const { connection } = server;
    const startUs = process.hrtime.bigint() / 1000n;
    const t0 = performance.now();
    await server.initialize();
    let idleAt;
    const idle = withTimeout(
      connection.sendRequest(waitForIdleMethod),
      idleTimeoutMs,
      waitForIdleMethod,
    ).then(() => (idleAt = performance.now()));
    const open = await openAndTime(connection, publications, doc);
    const hover = [];
    const keystroke = [];
    const editor = orderEditor(doc);
    for (let i = 0; idleAt === undefined; i++) {
      const position = doc.entries[i % doc.entries.length];
      const start = performance.now();
      await withTimeout(
        connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc.uri }, position }),
        requestTimeoutMs,
        "hover",
      );
      // A request answered after the scan ended did not compete with it.
      if (idleAt !== undefined) break;
      hover.push(performance.now() - start);
      const edit = await timeEdit(connection, publications, doc, editor.next());
      if (idleAt === undefined) keystroke.push(edit);
      // A pause, as between a user's actions: back to back, the requests would keep the server busy with
      // them and find it between two slices of the scan more often than a user would.
      await new Promise((resolve) => setTimeout(resolve, 2 + (i % 4) * 3));
    }
    await idle;
    const window = { startUs, endUs: process.hrtime.bigint() / 1000n };
    await server.shutdown();
    return { hover, keystroke, open, idleMs: idleAt - t0, window };
  } catch (error) {
    server.kill();
    throw error;
  }
}

function profileArgs(profileDir, file) {
  return ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${path.basename(file)}`];
}

// ---------------------------------------------------------------------------------------------------
// Documents and their edits.

/** A file as the bench opens it, with its Order entries' name positions when it has some. */
function openable(file) {
  const text = fs.readFileSync(file, "utf8");
  const lines = text.split("\n");
  const order = /^### Order\s*$/m.test(text) ? readNode(file) : undefined;
  return {
    file: path.basename(file),
    uri: pathToFileURL(file).href,
    text,
    lines,
    version: 1,
    entries: (order?.entries ?? []).map((entry) => ({
      line: entry.line,
      character: entry.character + Math.floor(entry.length / 2),
      end: entry.character + entry.length,
    })),
  };
}

/** Types characters one at a time at the end of the Description's first paragraph. */
function descriptionEditor(doc) {
  const heading = doc.lines.findIndex((line) => /^### Description\s*$/.test(line));
  if (heading === -1) throw new Error(`bench: no Description in ${doc.file}`);
  const line = heading + 2;
  let character = doc.lines[line].length;
  const typed = " and more words";
  let i = 0;
  return {
    next: () => ({ range: at(line, character++), text: typed[i++ % typed.length] }),
  };
}

/** Adds an `x` to the end of an Order entry's name, then removes it (unknown entry, then listed again). */
function orderEditor(doc) {
  const entry = doc.entries[Math.floor(doc.entries.length / 2)];
  let added = false;
  return {
    next: () => {
      added = !added;
      return added
        ? { range: at(entry.line, entry.end), text: "x" }
        : {
            range: {
              start: { line: entry.line, character: entry.end },
              end: { line: entry.line, character: entry.end + 1 },
            },
            text: "",
          };
    },
  };
}

/** Adds a `0` to the topic's importance, then removes it (out of range, then valid again). */
function frontmatterEditor(doc) {
  const line = doc.lines.findIndex((text) => /^importance: \d+$/.test(text));
  if (line === -1) throw new Error(`bench: no importance in ${doc.file}`);
  const end = doc.lines[line].length;
  let added = false;
  return {
    next: () => {
      added = !added;
      return added
        ? { range: at(line, end), text: "0" }
        : { range: { start: { line, character: end }, end: { line, character: end + 1 } }, text: "" };
    },
  };
}

function at(line, character) {
  return { start: { line, character }, end: { line, character } };
}

// ---------------------------------------------------------------------------------------------------
// Timing against publications.

/** Promises of the next publication for a URI that satisfies a predicate. */
function publicationWaiter(server) {
  const waiters = new Set();
  server.publicationListeners.add((params, time) => {
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.predicate(params)) {
        waiters.delete(waiter);
        waiter.resolve(time);
      }
    }
  });
  return {
    next(uri, predicate, what) {
      return withTimeout(
        new Promise((resolve) => waiters.add({ uri, predicate, resolve })),
        requestTimeoutMs,
        what,
      );
    },
  };
}

async function openAndTime(connection, publications, doc) {
  const published = publications.next(doc.uri, (p) => p.version === doc.version, `didOpen ${doc.file}`);
  const start = performance.now();
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: doc.uri, languageId: "markdown", version: doc.version, text: doc.text },
  });
  return (await published) - start;
}

/** Sends one edit; milliseconds until the diagnostics of the new version are published. */
async function timeEdit(connection, publications, doc, change) {
  const version = ++doc.version;
  const published = publications.next(doc.uri, (p) => p.version === version, `didChange ${doc.file}`);
  const start = performance.now();
  await connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: doc.uri, version },
    contentChanges: [change],
  });
  return (await published) - start;
}

/** Sends one batch of file events; milliseconds until the parent's publication satisfies `predicate`. */
async function timeWatchedChange(connection, publications, parentUri, changes, predicate) {
  const published = publications.next(parentUri, (p) => predicate(p.diagnostics), "didChangeWatchedFiles");
  const start = performance.now();
  await connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  return (await published) - start;
}

function hasCode(diagnostics, code) {
  return diagnostics.some((d) => d.code === code);
}

/** The biggest file (in bytes) under `dir` whose name passes `accept(name, folder)`. */
function largestFile(dir, accept) {
  let best = { size: -1, file: undefined };
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (accept(entry.name, folder)) {
        const size = fs.statSync(full).size;
        if (size > best.size) best = { size, file: full };
      }
    }
  };
  walk(dir);
  return best.file;
}

// ---------------------------------------------------------------------------------------------------
// Run alone: measure, print, merge into bench/results/latest.json.

if (process.argv[1] && path.resolve(process.argv[1]) === thisFile) {
  await runStandalone({
    repoRoot: defaultRepoRoot,
    script: "lsp-responsiveness.mjs",
    key: "lspResponsiveness",
    corpusNote: " (copied to a temporary folder)",
    measure: measureLspResponsiveness,
    print: printLspResponsiveness,
  });
}
