import {
  type Connection,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
} from "vscode-languageserver";
import type { WorkspaceEdit } from "vscode-languageserver-types";
import { type EditOutcome, type LanguageService, pathToUri, uriToPath } from "../core";
import {
  type CheckNewNameParams,
  type CheckNewNameResult,
  checkNewNameMethod,
  type NewFileResult,
  serverCommands,
} from "../shared/protocol";

/** The commands to announce in `executeCommandProvider`. */
export const executableCommands: string[] = Object.values(serverCommands);

/**
 * Serves the kb-author commands: `workspace/executeCommand` for New Child Node and New Topic Entry
 * (answering the edit, which the client applies and undoes like any edit), and the name check the
 * client's input boxes call as the user types.
 */
export function registerCommands(connection: Connection, service: () => LanguageService): void {
  connection.onExecuteCommand(({ command, arguments: args = [] }): NewFileResult => {
    const [uri, name] = args as unknown[];
    const path = typeof uri === "string" ? uriToPath(uri) : undefined;
    if (path === undefined || typeof name !== "string")
      throw new ResponseError(ErrorCodes.InvalidParams, `${command} takes a file: URI and a name.`);
    let outcome: EditOutcome;
    if (command === serverCommands.newChildNode) outcome = service().newChildNode(path, name);
    else if (command === serverCommands.newTopicEntry) outcome = service().newTopicEntry(path, name);
    else throw new ResponseError(ErrorCodes.InvalidParams, `kb-author has no command ${command}.`);
    const ok = succeeded(outcome);
    return {
      edit: ok.edit,
      uri: pathToUri(ok.open!),
      ...(ok.selection ? { selection: ok.selection } : {}),
      notes: ok.notes,
    };
  });

  connection.onRequest(checkNewNameMethod, ({ kind, uri, name }: CheckNewNameParams): CheckNewNameResult => {
    const path = uriToPath(uri);
    return path ? service().checkNewName(kind, path, name) : { name, error: `${uri} is not a file: URI.` };
  });
}

/**
 * The edit of a rename (null when the cursor is on no node); a refusal becomes a ResponseError, whose
 * message VS Code shows, and notes (spaces made underscores) an information message.
 */
export function renameResult(connection: Connection, outcome: EditOutcome | undefined): WorkspaceEdit | null {
  if (!outcome) return null;
  const ok = succeeded(outcome);
  // A notification, not window/showMessageRequest: nothing waits for the user to dismiss it.
  for (const note of ok.notes)
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Info,
      message: `kb-author: ${note}`,
    });
  return ok.edit;
}

function succeeded(outcome: EditOutcome): Extract<EditOutcome, { ok: true }> {
  if (!outcome.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, outcome.message);
  return outcome;
}
