// Shared by the language-server benchmarks (bench/lsp-latency.mjs, bench/lsp-responsiveness.mjs): the
// server process and its LSP connection, the corpus's node files, and the figures' arithmetic.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import {
  ConfigurationRequest,
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
} from "vscode-languageserver-protocol/node.js";

export const waitForIdleMethod = "kbAuthor/waitForIdle";
/** Only a hung or crashed server reaches these. */
export const idleTimeoutMs = 120_000;
export const requestTimeoutMs = 30_000;

// ---------------------------------------------------------------------------------------------------
// The corpus.
export function listNodesWithOrder(corpus) {
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
export function evenlySpaced(list, count, offset) {
  if (list.length <= count) return list;
  return Array.from({ length: count }, (_, i) => list[Math.floor(((i + offset) * list.length) / count)]);
}

/** A node file's text, its lines, its Order heading's line and entries (line, name start and length). */
export function readNode(file) {
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

export function point(line, character) {
  return { start: { line, character }, end: { line, character } };
}

// ---------------------------------------------------------------------------------------------------
// The server.

/** dist/server.js of the repository, which the benchmarks run; a clear error when it was not built. */
export function builtServerPath(repoRoot) {
  const serverPath = path.join(repoRoot, "dist", "server.js");
  if (!fs.existsSync(serverPath)) {
    throw new Error(
      "dist/server.js is missing: run `npm run build` (or `npm run bench`, which builds first)",
    );
  }
  return serverPath;
}

export async function startServer({ serverPath, corpus, nodeArgs }) {
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
    /** Called with each publishDiagnostics and the time it arrived (performance.now()). */
    publicationListeners: new Set(),
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
    for (const listener of server.publicationListeners) listener(params, server.lastPublicationAt);
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
export function readMemory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
  return { rssKiB: field("VmRSS"), hwmKiB: field("VmHWM") };
}

export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench: ${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------------
// Figures.

export function summarize(values) {
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

export function fmt(ms) {
  return ms.toFixed(0);
}

export function mib(kib) {
  return (kib / 1024).toFixed(1);
}

export function printTable(header, rows, log) {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  log(line(header));
  log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of rows) log(line(row));
}
