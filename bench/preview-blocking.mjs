#!/usr/bin/env node
// How long the language server stops answering while it renders a heavy preview (issue 16, point 4:
// preview rendering must be unable to starve diagnostics and hover).
//
//   node bench/preview-blocking.mjs                      (after `npm run build`: it starts dist/server.js)
//   node bench/preview-blocking.mjs --server OTHER.js    (another build's server, e.g. a baseline)
//   node bench/preview-blocking.mjs --runs N             (default 3)
//
// A temporary workspace holds the heaviest pages the parse guard lets through (the attack's 1.4 MB of
// short emphasised paragraphs, 130 tables of 1,800 cells, 1.4 MB of plain paragraphs) and a small topic.
// Each heavy page is opened and validated first (its validation is not measured); then
// `kbAuthor/renderPreview` is sent for it and, until its answer arrives, hover requests on the small
// topic are sent one after the other. A hover's round trip (performance.now() in this process, the
// pipe and JSON-RPC included) is at least as long as the server's longest stretch without reading a
// message that it overlapped: the longest round trip is the figure ("blocked"). The preview's own time
// is printed beside it. Each figure is the worst of N runs.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DidOpenTextDocumentNotification, HoverRequest } from "vscode-languageserver-protocol/node.js";
import {
  builtServerPath,
  requestTimeoutMs,
  startServer,
  waitForIdleMethod,
  withTimeout,
} from "./lsp-client.mjs";
import { printMachine } from "./standalone.mjs";

const renderPreviewMethod = "kbAuthor/renderPreview";
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The heavy pages (each under every limit of the parse guard and of the file size). */
export function heavyPages() {
  const front = "---\ntitle: T\n---\n\n";
  const table =
    "|" + " a |".repeat(20) + "\n|" + " - |".repeat(20) + "\n" + ("|" + " x |".repeat(20) + "\n").repeat(90);
  return {
    "emphasis.md": front + ("*a* _b_ `c` [d](e) **f** ".repeat(40) + "\n\n").repeat(1500),
    "tables.md": front + (table + "\n").repeat(130),
    "plain.md":
      front + ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(10) + "\n\n").repeat(2500),
  };
}

export async function measurePreviewBlocking({
  serverPath = builtServerPath(repoRoot),
  runs = 3,
  nodeArgs = [],
  log = console.log,
} = {}) {
  const scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-preview-blocking-")));
  const pages = heavyPages();
  for (const [name, text] of Object.entries(pages)) fs.writeFileSync(path.join(scratch, name), text);
  const probeFile = path.join(scratch, "probe.md");
  const probeText =
    "---\ntitle: Probe\ndescription: A small page the hovers go to.\n---\n\n# Probe\n\nText.\n";
  fs.writeFileSync(probeFile, probeText);
  const server = await startServer({ serverPath, corpus: scratch, nodeArgs });
  const { connection } = server;
  const results = [];
  try {
    await server.initialize();
    await withTimeout(connection.sendRequest(waitForIdleMethod), requestTimeoutMs, waitForIdleMethod);
    const open = (file, text) =>
      connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: pathToFileURL(file).href, languageId: "markdown", version: 1, text },
      });
    await open(probeFile, probeText);
    const hover = () =>
      connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: pathToFileURL(probeFile).href },
        position: { line: 1, character: 2 },
      });
    for (const [name, text] of Object.entries(pages)) {
      const file = path.join(scratch, name);
      await open(file, text);
      await withTimeout(connection.sendRequest(waitForIdleMethod), requestTimeoutMs, waitForIdleMethod);
      let blocked = 0;
      let previewMs = 0;
      let hovers = 0;
      let htmlChars = 0;
      for (let run = 0; run < runs; run++) {
        const start = performance.now();
        let done = false;
        const preview = withTimeout(
          connection.sendRequest(renderPreviewMethod, { uri: pathToFileURL(file).href, resourceRoots: [] }),
          requestTimeoutMs,
          renderPreviewMethod,
        ).then((answer) => {
          done = true;
          previewMs = Math.max(previewMs, performance.now() - start);
          htmlChars = answer?.html?.length ?? 0;
        });
        while (!done) {
          const sent = performance.now();
          await withTimeout(hover(), requestTimeoutMs, "hover");
          blocked = Math.max(blocked, performance.now() - sent);
          hovers++;
        }
        await preview;
      }
      results.push({
        page: name,
        kilobytes: Math.round(text.length / 1024),
        previewMs,
        blockedMs: blocked,
        hovers,
        htmlChars,
      });
      log(
        `${name} (${Math.round(text.length / 1024)} KB): preview ${previewMs.toFixed(0)} ms, ` +
          `longest hover round trip during it ${blocked.toFixed(1)} ms (${hovers} hovers in ${runs} runs)`,
      );
    }
    await server.shutdown();
  } catch (error) {
    server.kill();
    throw error;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return { server: path.relative(process.cwd(), serverPath), runs, results };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag) => {
    const at = args.indexOf(flag);
    return at === -1 ? undefined : args[at + 1];
  };
  printMachine();
  const serverPath = value("--server") ? path.resolve(value("--server")) : undefined;
  const result = await measurePreviewBlocking({ serverPath, runs: Number(value("--runs") ?? 3) });
  const worst = Math.max(...result.results.map((r) => r.blockedMs));
  console.log(
    `Longest time the server did not answer while a heavy preview rendered: ${worst.toFixed(1)} ms (${result.server}).`,
  );
}
