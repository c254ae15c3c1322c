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
 * What happened during the suite, printed in a failure: the client's state changes, what it wrote to its
 * output channel (its own log and the server's stderr) and the messages shown to the user. A restart that
 * fails on a CI machine then says why instead of only timing out.
 */
const history: string[] = [];
const record = (line: string): void => {
  history.push(`${new Date().toISOString().slice(11, 23)} ${line.trimEnd()}`);
};
const withHistory = (message: string): string => `${message}\n--- what happened ---\n${history.join("\n")}`;

/**
 * The server's pid. vscode-languageclient does not expose the child process, but keeps it in the private
 * `_serverProcess` (v9, node transports); reading it here keeps the server free of test-only hooks.
 */
function serverProcess(): ChildProcess {
  const process = (client as unknown as { _serverProcess?: ChildProcess })._serverProcess;
  assert.ok(process?.pid, "the client's `_serverProcess` has no pid: did vscode-languageclient change?");
  return process;
}

const serverPid = (): number => serverProcess().pid as number;

/** Resolves when the client next reaches Running; rejects if it gives up (Stopped for good) or times out. */
function nextRunning(): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(
        new Error(
          withHistory(
            `The language client is not running again after ${startMs} ms (${State[client.state]})`,
          ),
        ),
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
  record(`killing the server, pid ${pid}`);
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
  let showErrorMessage: typeof vscode.window.showErrorMessage;
  const subscriptions: vscode.Disposable[] = [];

  before(async () => {
    client = await activateExtension();
    await client.start(); // resolves at once if it is running; waits if it is still starting
    // The test and the extension live in one extension folder, so they share one `vscode` API object:
    // recording its showWarningMessage sees what the extension shows (without showing it).
    showWarningMessage = vscode.window.showWarningMessage;
    showErrorMessage = vscode.window.showErrorMessage;
    const window = vscode.window as { showWarningMessage: unknown; showErrorMessage: unknown };
    window.showWarningMessage = (message: string): Thenable<undefined> => {
      warnings.push(message);
      record(`warning shown: ${message}`);
      return Promise.resolve(undefined);
    };
    window.showErrorMessage = (message: string): Thenable<undefined> => {
      record(`error shown: ${message}`);
      return Promise.resolve(undefined);
    };
    subscriptions.push(
      client.onDidChangeState(({ oldState, newState }) =>
        record(`state ${State[oldState]} -> ${State[newState]}`),
      ),
    );
    const channel = client.outputChannel as { append(text: string): void; appendLine(text: string): void };
    const { append, appendLine } = channel;
    channel.append = (text) => {
      record(`log: ${text}`);
      append.call(channel, text);
    };
    channel.appendLine = (text) => {
      record(`log: ${text}`);
      appendLine.call(channel, text);
    };
    subscriptions.push({ dispose: () => Object.assign(channel, { append, appendLine }) });
  });

  after(async () => {
    Object.assign(vscode.window, { showWarningMessage, showErrorMessage });
    for (const subscription of subscriptions) subscription.dispose();
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
    assert.equal(
      told.length,
      1,
      withHistory(`one restart message expected, got: ${JSON.stringify(warnings)}`),
    );
  });

  it("restarts a server that died while the client was writing to it", async () => {
    // The moment a server dies, the client may still be sending it messages (after a restart it re-opens
    // every open document): each write fails with EPIPE before the close is seen. Those errors must not
    // shut the client down for good: the close that follows restarts the server.
    const process = serverProcess();
    const running = nextRunning();
    process.once("disconnect", () => {
      for (let i = 0; i < 30; i++) void client.sendNotification("$/kbAuthor/noSuchNotification", { i });
    });
    record(`killing the server, pid ${process.pid}, and writing to it as it exits`);
    const killedAt = history.length;
    process.kill("SIGKILL");
    await running;
    assert.equal(client.state, State.Running, withHistory("the client runs a new server"));
    const writeErrors = history
      .slice(killedAt)
      .filter((line) => line.includes("connection to server is erroring"));
    assert.ok(
      writeErrors.length >= 10,
      withHistory(`ten or more failed writes expected, got ${writeErrors.length}`),
    );
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
