/**
 * Protocol tests of when the server does its work (tracker issue 6): an edited document is validated at
 * once by default, ahead of other work, and requests are answered while the workspace scan runs. They
 * check the order of events (a publication before an answer, an answer before `kbAuthor/waitForIdle`),
 * never elapsed time: bench/lsp-responsiveness.mjs measures the times.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type Diagnostic, HoverRequest, type Position } from "vscode-languageserver-protocol/node";
import { type IndexStatusParams, indexStatusMethod } from "../../server/src/shared/protocol";
import { LspClient } from "../support/lspClient";
import { corpusDir, itWithShared } from "../support/sharedData";

const files: Record<string, string> = {
  "meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
  "Root/Root.md": "### Description\n\nAll of it.\n\n### Order\n\n1. Alpha\n2. Beta\n",
  "Root/Alpha/Alpha.md": "### Mini Description\n\nAlpha.\n",
  "Root/Beta/Beta.md": "### Mini Description\n\nBeta.\n",
};

const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => String(d.code));

function hover(client: LspClient, uri: string, position: Position) {
  return client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
}

describe("language server: scheduling of validations and requests", function () {
  const clients: LspClient[] = [];
  const dirs: string[] = [];

  afterEach(async function () {
    for (const client of clients.splice(0)) await client.shutdown();
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(workspaceFolder: string, settings?: Record<string, unknown>): Promise<LspClient> {
    const client = await LspClient.start({ workspaceFolder, settings });
    clients.push(client);
    return client;
  }

  it("publishes each version of an edited document before answering the next request (debounceMs 0, the default)", async function () {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-scheduling-")));
    dirs.push(dir);
    for (const [relative, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
      fs.writeFileSync(path.join(dir, relative), text);
    }
    const client = await start(dir);
    await client.waitForIdle();
    const uri = client.uri("Root/Root.md");
    const text = files["Root/Root.md"];
    await client.open(uri, text);
    const entry = { line: 7, character: 4 }; // "2. Beta": a hover with contents whatever the edit

    // Alternately break and fix an Order entry: the server has validated and published every version
    // (clean ones too) by the time it answers the hover sent right after the change. With a debounce
    // the answer would come first.
    for (let round = 0; round < 4; round++) {
      const broken = round % 2 === 0;
      const version = await client.change(uri, broken ? text.replace("1. Alpha", "1. Alphax") : text);
      const answer = await hover(client, uri, entry);
      assert.ok(answer, "the hover was answered");
      const latest = client.latest(uri);
      assert.equal(latest?.version, version, `version ${version} was published before the answer`);
      assert.deepEqual(codes(latest.diagnostics).sort(), broken ? ["order/unknown-entry"] : []);
    }
  });

  itWithShared(
    "corpus",
    "answers hovers and validates an edited document while the initial scan is still running (the corpus read only)",
    async function () {
      this.timeout(120_000);
      const client = await start(corpusDir);
      // The scan is under way once the server reports files indexed short of the total.
      const underWay = new Promise<void>((resolve) =>
        client.connection.onNotification(indexStatusMethod, (status: IndexStatusParams) => {
          if (status.indexing && status.filesIndexed > 0 && status.filesIndexed < status.filesTotal)
            resolve();
        }),
      );
      let idle = false;
      const idlePromise = client.waitForIdle(90_000).then(() => (idle = true));
      await underWay;

      // The root node, open with a misspelt Order entry (in memory: the corpus is not written).
      const root = path.join(corpusDir, "AI_Safety", "AI_Safety.md");
      const uri = client.uri("AI_Safety/AI_Safety.md");
      const text = fs.readFileSync(root, "utf8");
      assert.match(text, /^1\. Technical_Foundations$/m);
      await client.open(uri, text.replace("1. Technical_Foundations", "1. Technical_Foundationz"));
      const line = text.split("\n").indexOf("1. Technical_Foundations");
      const answer = await hover(client, uri, { line: line + 1, character: 6 });
      assert.ok(answer?.contents, "the hover on an Order entry has contents");
      const published = client.latest(uri);
      assert.equal(idle, false, "the answer came before the scan ended");
      // The open document jumped the queue: published before the scan ended, with its unsaved text.
      assert.equal(published?.version, 1);
      assert.ok(codes(published.diagnostics).includes("order/unknown-entry"));

      await idlePromise;
      assert.equal(client.latest(uri)?.version, 1, "the scan did not replace the open text's diagnostics");
    },
  );
});
