/**
 * The limit cases of limitCases.ts opened in the real language server (`dist/server.js`: run
 * `npm run build` first) over stdio: each file gets its diagnostic published, and the server still
 * answers a hover on another document afterwards (it neither froze nor died).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
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
});
