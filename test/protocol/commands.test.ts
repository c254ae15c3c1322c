/**
 * Protocol tests of rename and the New Child Node / New Topic Entry commands over stdio: what the
 * extension relies on (the command ids announced, the edit answered, refusals as ResponseErrors whose
 * message the editor shows). The edits themselves are checked in test/unit/features/.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ExecuteCommandRequest,
  PrepareRenameRequest,
  RenameRequest,
  ResponseError,
  ShowMessageNotification,
  type ShowMessageParams,
} from "vscode-languageserver-protocol/node";
import {
  checkNewNameMethod,
  type CheckNewNameResult,
  type NewFileResult,
  serverCommands,
} from "../../server/src/shared/protocol";
import { LspClient } from "../support/lspClient";

const files: Record<string, string> = {
  "meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
  "Root/Root.md": "### Description\n\nAll of it.\n\n### Order\n\n1. Alpha\n2. Beta\n",
  "Root/Alpha/Alpha.md": "### Mini Description\n\nAlpha, see [Beta](/Root/Beta/Beta.md).\n",
  "Root/Beta/Beta.md": "### Mini Description\n\nBeta.\n",
  "wiki/page.md": "---\ntitle: Page\n---\n\nText.\n",
};

describe("language server: rename and commands", function () {
  let dir: string;
  let client: LspClient;

  beforeEach(async function () {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-commands-")));
    for (const [relative, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
      fs.writeFileSync(path.join(dir, relative), text);
    }
    client = await LspClient.start({ workspaceFolder: dir });
    await client.waitForIdle();
  });

  afterEach(async function () {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function refusal(request: Promise<unknown>): Promise<string> {
    try {
      await request;
    } catch (error) {
      assert.ok(error instanceof ResponseError, String(error));
      return error.message;
    }
    assert.fail("the request was not refused");
  }

  it("announces the server commands, which are not the extension's command ids", function () {
    assert.deepEqual(client.initializeResult?.capabilities.executeCommandProvider?.commands, [
      serverCommands.newChildNode,
      serverCommands.newTopicEntry,
    ]);
  });

  it("prepares and renames from an Order entry; a refusal is a ResponseError; spaces are announced", async function () {
    const root = client.uri("Root/Root.md");
    await client.open(root, files["Root/Root.md"]);
    const position = { line: 6, character: 4 };
    const { connection } = client;
    assert.deepEqual(
      await connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: root }, position }),
      { range: { start: { line: 6, character: 3 }, end: { line: 6, character: 8 } }, placeholder: "Alpha" },
    );
    const message = await refusal(
      connection.sendRequest(RenameRequest.type, { textDocument: { uri: root }, position, newName: "Beta" }),
    );
    assert.match(message, /Beta already exists/);

    const shown = new Promise<ShowMessageParams>((resolve) =>
      connection.onNotification(ShowMessageNotification.type, resolve),
    );
    const edit = await connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: root },
      position,
      newName: "Alpha Prime",
    });
    assert.deepEqual(
      edit?.documentChanges?.filter((change) => "kind" in change),
      [
        {
          kind: "rename",
          oldUri: client.uri("Root/Alpha/Alpha.md"),
          newUri: client.uri("Root/Alpha/Alpha_Prime.md"),
          options: { overwrite: false, ignoreIfExists: false },
        },
        {
          kind: "rename",
          oldUri: client.uri("Root/Alpha"),
          newUri: client.uri("Root/Alpha_Prime"),
          options: { overwrite: false, ignoreIfExists: false },
        },
      ],
    );
    assert.match((await shown).message, /underscores.*Alpha_Prime/);
  });

  it("answers New Child Node with the edit and the file to open, and refuses a taken name", async function () {
    const { connection } = client;
    const result = (await connection.sendRequest(ExecuteCommandRequest.type, {
      command: serverCommands.newChildNode,
      arguments: [client.uri("Root"), "Gamma"],
    })) as NewFileResult;
    assert.equal(result.uri, client.uri("Root/Gamma/Gamma.md"));
    assert.deepEqual(result.notes, []);
    assert.deepEqual(
      result.edit.documentChanges?.map((change) =>
        "kind" in change ? `${change.kind} ${"uri" in change ? change.uri : ""}` : change.textDocument.uri,
      ),
      [
        `create ${client.uri("Root/Gamma/Gamma.md")}`,
        client.uri("Root/Gamma/Gamma.md"),
        client.uri("Root/Root.md"),
      ],
    );
    const message = await refusal(
      connection.sendRequest(ExecuteCommandRequest.type, {
        command: serverCommands.newChildNode,
        arguments: [client.uri("Root/Root.md"), "alpha"],
      }),
    );
    assert.match(message, /differs only in case/);
    assert.deepEqual(
      await connection.sendRequest<CheckNewNameResult>(checkNewNameMethod, {
        kind: "node",
        uri: client.uri("Root"),
        name: "Al pha",
      }),
      {
        name: "Al_pha",
        note: 'Spaces become underscores in node folder names: the node is Al_pha (shown as "Al pha").',
      },
    );
  });

  it("answers New Topic Entry with the scaffolded file", async function () {
    const result = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: serverCommands.newTopicEntry,
      arguments: [client.uri("wiki"), "New Page"],
    })) as NewFileResult;
    assert.equal(result.uri, client.uri("wiki/new-page.md"));
    const insert = result.edit.documentChanges?.find((change) => !("kind" in change));
    assert.ok(insert && "edits" in insert);
    assert.equal(insert.edits[0].newText, "---\ntitle: New Page\n---\n");
  });
});
