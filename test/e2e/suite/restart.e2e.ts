/**
 * A language server that dies is restarted (client/src/serverRestarts.ts): the server process is killed
 * from outside, as a crash or the OOM killer would, and the client must bring it back, have it check files
 * again, and tell the user once, not once per crash. The restart bound and the give-up message are
 * covered without VS Code by test/unit/client/restartPolicy.test.ts.
 *
 * No sleeps: every wait is on an event (`onDidChangeState`, `onDidChangeDiagnostics`) with a deadline that
 * only turns a hang into a readable failure.
 */
import * as assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import * as vscode from "vscode";
import { type LanguageClient, State } from "vscode-languageclient/node";
import { hasCode, waitForDiagnostics } from "./diagnosticWaits";
import { waitForIdleMethod } from "../../../server/src/shared/protocol";
import { activateExtension, workspaceRootUri } from "./extensionUnderTest";

/** How long the client may take to (re)start the server on a slow CI machine. */
const startMs = 30_000;
/** The start of the message serverRestarts.ts shows on the first restart. */
const restartedMessage = "kb-author's language server stopped unexpectedly and was restarted";

let client: LanguageClient;

/**
 * The server's pid. vscode-languageclient does not expose the child process, but keeps it in the private
 * `_serverProcess` (v9, node transports); reading it here keeps the server free of test-only hooks.
 */
function serverPid(): number {
  const pid = (client as unknown as { _serverProcess?: ChildProcess })._serverProcess?.pid;
  assert.ok(pid, "the client's `_serverProcess` has no pid: did vscode-languageclient change?");
  return pid;
}

/** Resolves when the client next reaches Running; rejects if it gives up (Stopped for good) or times out. */
function nextRunning(): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(
        new Error(`The language client is not running again after ${startMs} ms (${State[client.state]})`),
      );
    }, startMs);
    const subscription = client.onDidChangeState(({ newState }) => {
      if (newState !== State.Running) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

/** Kills the server and resolves once the client runs a new one; returns the new pid. */
async function killServer(): Promise<number> {
  const pid = serverPid();
  const running = nextRunning();
  process.kill(pid, "SIGKILL");
  await running;
  const restarted = serverPid();
  assert.notEqual(restarted, pid, "a new server process runs");
  return restarted;
}

describe("kb-author server restarts in VS Code", () => {
  /** The messages the extension showed through `window.showWarningMessage` during this suite. */
  const warnings: string[] = [];
  let showWarningMessage: typeof vscode.window.showWarningMessage;

  before(async () => {
    client = await activateExtension();
    await client.start(); // resolves at once if it is running; waits if it is still starting
    // The test and the extension live in one extension folder, so they share one `vscode` API object:
    // recording its showWarningMessage sees what the extension shows (without showing it).
    showWarningMessage = vscode.window.showWarningMessage;
    const record = (message: string): Thenable<undefined> => {
      warnings.push(message);
      return Promise.resolve(undefined);
    };
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = record;
  });

  after(async () => {
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = showWarningMessage;
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand("workbench.action.files.revert");
    }
  });

  it("restarts a killed server twice, telling the user once", async () => {
    await killServer();
    await killServer();
    assert.equal(client.state, State.Running);
    const told = warnings.filter((message) => message.startsWith(restartedMessage));
    assert.equal(told.length, 1, `one restart message expected, got: ${JSON.stringify(warnings)}`);
  });

  it("has the restarted server check the files again", async () => {
    // The workspace scan of the new server is done, then a new mistake must be reported by it (the
    // diagnostics VS Code held before the crash survive a restart, so they would prove nothing).
    await client.sendRequest(waitForIdleMethod);
    const uri = vscode.Uri.joinPath(workspaceRootUri(), "wiki", "international-coordination.md");
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const line = [...Array(document.lineCount).keys()].find(
      (i) => document.lineAt(i).text === "importance: 82",
    );
    assert.ok(line !== undefined, "the seed topic has `importance: 82`");
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, document.lineAt(line).range, "importance: 500"); // the maximum is 100
    assert.equal(await vscode.workspace.applyEdit(edit), true, "applyEdit succeeded");
    await waitForDiagnostics(uri, hasCode("frontmatter/invalid-value"), "frontmatter/invalid-value");
  });
});
