/**
 * The limit cases of limitCases.ts opened in the real language server (`dist/server.js`: run
 * `npm run build` first) over stdio: each file gets its diagnostic published, and the server still
 * answers a hover on another document afterwards (it neither froze nor died).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { HoverRequest } from "vscode-languageserver-protocol/node";
import { LspClient } from "../../support/lspClient";
import { limitCases } from "./limitCases";

const otherText = "---\ntitle: Other\n---\n\nText.\n";

describe("limits in the language server (dist/server.js)", function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;

  before(async function () {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-limits-")));
    fs.writeFileSync(path.join(dir, "other.md"), otherText);
    client = await LspClient.start({ workspaceFolder: dir });
    await client.waitForIdle();
  });

  after(async function () {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const limit of limitCases()) {
    it(`${limit.name}: ${limit.code} is published, then a hover on another document is answered`, async () => {
      const uri = client.uri(limit.file);
      const started = performance.now();
      await client.open(uri, limit.text);
      const published = await client.waitForDiagnostics(uri, (diagnostics) =>
        diagnostics.some((diagnostic) => diagnostic.code === limit.code),
      );
      const publishedMs = performance.now() - started;
      const diagnostic = published.diagnostics.find((candidate) => candidate.code === limit.code)!;
      assert.equal(diagnostic.range.start.line, limit.line);
      assert.equal(published.diagnostics.length, 1, "one diagnostic, and nothing else is checked");

      const hover = await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: client.uri("other.md") },
        position: { line: 1, character: 2 },
      });
      assert.ok(hover, "the server answers a hover on another document");
      await client.close(uri);
      const totalMs = performance.now() - started;
      console.log(
        `      ${limit.name}: published after ${publishedMs.toFixed(0)} ms, hover answered after ${totalMs.toFixed(0)} ms`,
      );
    });
  }

  it("answers malformed params (null, a position that is no position) with InvalidParams, and goes on", async () => {
    const other = client.uri("other.md");
    for (const [method, params] of [
      ["textDocument/hover", null],
      ["textDocument/hover", { textDocument: { uri: other }, position: { line: -1, character: "x" } }],
      ["textDocument/definition", { textDocument: {} }],
      ["textDocument/codeAction", { textDocument: { uri: other }, range: null, context: null }],
      ["textDocument/rename", { textDocument: { uri: other } }],
    ] as const) {
      await assert.rejects(
        client.connection.sendRequest(method, params),
        (error: { code?: number }) => error.code === -32602,
        `${method} ${JSON.stringify(params)}`,
      );
    }
    // Near miss: the same requests, well formed, are answered.
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: other },
      position: { line: 1, character: 2 },
    });
    assert.ok(hover, "a well-formed hover is answered");
  });

  describe("framing over stdio", function () {
    const serverPath = path.resolve(__dirname, "../../../../dist/server.js");
    /** Starts a server, writes `bytes`, and resolves with its exit code and stderr once it exits. */
    const exitAfter = (bytes: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const server = spawn(process.execPath, [serverPath, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
        let stderr = "";
        server.stderr.on("data", (data: Buffer) => (stderr += data.toString()));
        server.on("exit", (code) => resolve({ code, stderr }));
        // stdin stays open: without the guard the server would wait forever.
        server.stdin.write(bytes);
      });

    for (const [name, bytes, reason] of [
      ["no Content-Length", "Content-Type: x\r\n\r\n{}", /without Content-Length/],
      ["a negative Content-Length", "Content-Length: -5\r\n\r\n{}", /not a byte count/],
      ["a Content-Length of 1e12", "Content-Length: 1000000000000\r\n\r\n{}", /over the 512 MB limit/],
    ] as const) {
      it(`ends the server with a log line on ${name}`, async () => {
        const { code, stderr } = await exitAfter(bytes);
        assert.equal(code, 1);
        assert.match(stderr, reason);
      });
    }

    it("near miss: well-framed messages split across writes are answered", async () => {
      const server = spawn(process.execPath, [serverPath, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
      const body = JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { processId: null, rootUri: null, capabilities: {} },
      });
      const message = `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
      const answered = new Promise<string>((resolve) => {
        let stdout = "";
        server.stdout.on("data", (data: Buffer) => {
          stdout += data.toString();
          if (stdout.includes('"id":1')) resolve(stdout);
        });
      });
      // The header's blank line split across two writes, then the body in two halves.
      const split = message.indexOf("\r\n\r\n") + 2;
      server.stdin.write(message.slice(0, split));
      server.stdin.write(message.slice(split, split + 30));
      server.stdin.write(message.slice(split + 30));
      assert.match(await answered, /"capabilities"/);
      server.kill();
    });
  });
});
