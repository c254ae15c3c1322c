import { window } from "vscode";
import {
  CloseAction,
  ErrorAction,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClient,
} from "vscode-languageclient/node";
import { RestartPolicy } from "./restartPolicy";

const showOutput = "Show Output";
/** How long a connection whose writes keep failing may take to close before it counts as broken. */
const brokenConnectionGraceMs = 5_000;

/**
 * The language client's error handler: if the server process dies it is restarted, a bounded number of
 * times (restartPolicy.ts), and the user is told once, with our own wording. Every result is `handled`,
 * so vscode-languageclient only logs to the output channel and does not add its own popups.
 *
 * `client` is a function because the handler is created before the client it serves.
 */
export function serverRestartHandler(
  client: () => LanguageClient,
  policy = new RestartPolicy(),
): ErrorHandler {
  const tell = (show: typeof window.showErrorMessage, message: string): void => {
    void show(message, showOutput).then((choice) => {
      if (choice === showOutput) client().outputChannel.show();
    });
  };
  const restartMessage = (cause: string): string => `kb-author's language server ${cause} and was restarted.`;
  const giveUpMessage = (crashes: number, windowMs: number): string =>
    `kb-author's language server stopped unexpectedly ${crashes} times in ${Math.round(windowMs / 60_000)} ` +
    "minutes and will not be restarted; files are no longer checked. Reload the window to start it again.";

  /** The connection kept failing and never closed: the process lives on but cannot be reached. */
  const restartBrokenConnection = (error: Error): void => {
    const decision = policy.onClosed();
    if (decision.action === "restart") {
      if (decision.tell)
        tell(window.showWarningMessage, restartMessage(`could not be reached (${error.message})`));
      void client().restart();
      return;
    }
    tell(window.showErrorMessage, giveUpMessage(decision.crashes, decision.windowMs));
    void client().stop();
  };

  return {
    closed(): CloseHandlerResult {
      const decision = policy.onClosed();
      if (decision.action === "restart") {
        const message = restartMessage("stopped unexpectedly");
        if (decision.tell) tell(window.showWarningMessage, message);
        return { action: CloseAction.Restart, message, handled: true };
      }
      const message = giveUpMessage(decision.crashes, decision.windowMs);
      tell(window.showErrorMessage, message);
      return { action: CloseAction.DoNotRestart, message, handled: true };
    },
    error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
      const token = policy.onError(count);
      if (token !== undefined) {
        setTimeout(() => {
          if (policy.stillBroken(token)) restartBrokenConnection(error);
        }, brokenConnectionGraceMs);
      }
      return { action: ErrorAction.Continue, handled: true };
    },
  };
}
