import { window, type OutputChannel } from "vscode";
import {
  CloseAction,
  ErrorAction,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
} from "vscode-languageclient/node";
import { RestartPolicy } from "./restartPolicy";

const showOutput = "Show Output";

/**
 * The language client's error handler: if the server process dies it is restarted, a bounded number of
 * times (restartPolicy.ts), and the user is told once, with our own wording. Every result is `handled`,
 * so vscode-languageclient only logs to the output channel and does not add its own popups.
 *
 * `outputChannel` is a function because the handler is created before the client that owns the channel.
 */
export function serverRestartHandler(
  outputChannel: () => OutputChannel,
  policy = new RestartPolicy(),
): ErrorHandler {
  const tell = (show: typeof window.showErrorMessage, message: string): void => {
    void show(message, showOutput).then((choice) => {
      if (choice === showOutput) outputChannel().show();
    });
  };
  return {
    closed(): CloseHandlerResult {
      const decision = policy.onClosed();
      if (decision.action === "restart") {
        const message = "kb-author's language server stopped unexpectedly and was restarted.";
        if (decision.tell) tell(window.showWarningMessage, message);
        return { action: CloseAction.Restart, message, handled: true };
      }
      const minutes = Math.round(decision.windowMs / 60_000);
      const message =
        `kb-author's language server stopped unexpectedly ${decision.crashes} times in ${minutes} minutes ` +
        "and will not be restarted; files are no longer checked. Reload the window to start it again.";
      tell(window.showErrorMessage, message);
      return { action: CloseAction.DoNotRestart, message, handled: true };
    },
    error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
      if (policy.onError(count)) return { action: ErrorAction.Continue, handled: true };
      const message = `kb-author's connection to its language server keeps failing (${error.message}); the server was shut down.`;
      tell(window.showErrorMessage, message);
      return { action: ErrorAction.Shutdown, message, handled: true };
    },
  };
}
