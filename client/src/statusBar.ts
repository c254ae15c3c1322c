import { StatusBarAlignment, window, type Disposable } from "vscode";
import { type LanguageClient, State } from "vscode-languageclient/node";
import { type IndexStatusParams, indexStatusMethod } from "../../server/src/shared/protocol";

/**
 * A status-bar item with the server's indexing progress, then the workspace's error and warning
 * counts; clicking it opens the Problems panel.
 */
export function createStatusBarItem(client: LanguageClient): Disposable {
  const item = window.createStatusBarItem("kbAuthor.status", StatusBarAlignment.Left, 10);
  item.name = "kb-author";
  item.command = "workbench.actions.view.problems";
  item.text = "$(sync~spin) kb-author";
  item.tooltip = "kb-author: starting";
  item.show();
  // Registered once: vscode-languageclient re-attaches notification handlers when it restarts the
  // server, and a restarted server re-indexes and reports again.
  const subscription = client.onNotification(indexStatusMethod, (status: IndexStatusParams) => {
    item.text = statusText(status);
    item.tooltip = statusTooltip(status);
  });
  // Between a crash and the restarted server's first report, or for good once restarts are given up
  // (serverRestarts.ts), the last counts would be stale: show the server's state instead.
  const stateSubscription = client.onDidChangeState(({ newState }) => {
    if (newState === State.Starting) {
      item.text = "$(sync~spin) kb-author";
      item.tooltip = "kb-author: starting";
    } else if (newState === State.Stopped) {
      item.text = "$(error) kb-author";
      item.tooltip = "kb-author: the language server is not running (see the kb-author output)";
    }
  });
  return { dispose: () => (subscription.dispose(), stateSubscription.dispose(), item.dispose()) };
}

function statusText(status: IndexStatusParams): string {
  if (status.indexing) return `$(sync~spin) kb-author ${status.filesIndexed}/${status.filesTotal}`;
  if (status.errors === 0 && status.warnings === 0) return "$(check) kb-author";
  return `$(error) ${status.errors} $(warning) ${status.warnings}`;
}

function statusTooltip(status: IndexStatusParams): string {
  if (status.indexing)
    return `kb-author: checking the knowledge base (${status.filesIndexed} of ${status.filesTotal} files)`;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return `kb-author: ${plural(status.filesTotal, "file")} checked, ${plural(status.errors, "error")}, ${plural(status.warnings, "warning")}. Click to open the Problems panel.`;
}
