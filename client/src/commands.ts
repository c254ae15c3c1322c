import {
  commands,
  type Disposable,
  type InputBoxValidationMessage,
  InputBoxValidationSeverity,
  Selection,
  type TextEditor,
  TextEditorRevealType,
  Uri,
  window,
  workspace,
} from "vscode";
import { ExecuteCommandRequest, type LanguageClient } from "vscode-languageclient/node";
import {
  type CheckNewNameParams,
  type CheckNewNameResult,
  checkNewNameMethod,
  extensionCommands,
  type NewFileResult,
  serverCommands,
} from "../../server/src/shared/protocol";

/** Context key: the active editor shows a map node's `Name/Name.md` (New Child Node in the Command Palette). */
const mapNodeActiveContextKey = "kbAuthor.mapNodeActive";

/**
 * The extension's commands. Each asks for what it needs (an input box validated by the server as the
 * user types), has the server compute the edit, applies it with `workspace.applyEdit` (so it goes
 * through the editor's buffers and is undone with one Undo) and opens the new file. Both take optional
 * arguments for scripted use: the target URI (as the Explorer passes it) and the name. They resolve to
 * the new file's URI, or undefined when cancelled or refused.
 */
export function registerCommands(client: LanguageClient): Disposable[] {
  return [
    commands.registerCommand(extensionCommands.newChildNode, (target?: unknown, name?: unknown) =>
      newChildNode(client, target, name),
    ),
    commands.registerCommand(extensionCommands.newTopicEntry, (target?: unknown, title?: unknown) =>
      newTopicEntry(client, target, title),
    ),
    trackActiveMapNode(),
  ];
}

async function newChildNode(
  client: LanguageClient,
  target: unknown,
  name: unknown,
): Promise<Uri | undefined> {
  const parent = uriArgument(target) ?? window.activeTextEditor?.document.uri;
  if (parent?.scheme !== "file") {
    void window.showErrorMessage(
      "kb-author: open a map node's file, or use New Child Node on a node's folder in the Explorer.",
    );
    return undefined;
  }
  const typed =
    typeof name === "string"
      ? name
      : await window.showInputBox({
          title: "kb-author: New Child Node",
          prompt: `Name of the new child of ${nodeName(parent)} (spaces become underscores)`,
          placeHolder: "Child_Node_Name",
          ignoreFocusOut: true,
          validateInput: (value) => validate(client, "node", parent, value),
        });
  return typed === undefined ? undefined : createFile(client, serverCommands.newChildNode, parent, typed);
}

async function newTopicEntry(
  client: LanguageClient,
  target: unknown,
  title: unknown,
): Promise<Uri | undefined> {
  const folder = uriArgument(target) ?? (await pickFolder());
  if (folder === undefined) return undefined;
  if (folder.scheme !== "file") {
    void window.showErrorMessage("kb-author: topic entries are created in folders on disk.");
    return undefined;
  }
  const typed =
    typeof title === "string"
      ? title
      : await window.showInputBox({
          title: "kb-author: New Topic Entry",
          prompt: "Title of the new topic entry (the file is named after it)",
          placeHolder: "International Coordination",
          ignoreFocusOut: true,
          validateInput: (value) => validate(client, "topic", folder, value),
        });
  return typed === undefined ? undefined : createFile(client, serverCommands.newTopicEntry, folder, typed);
}

/** The folder for a new topic entry: the active file's folder is offered first. */
async function pickFolder(): Promise<Uri | undefined> {
  const active = window.activeTextEditor?.document.uri;
  const defaultUri =
    active?.scheme === "file" ? Uri.joinPath(active, "..") : workspace.workspaceFolders?.[0]?.uri;
  const picked = await window.showOpenDialog({
    title: "kb-author: New Topic Entry: choose its folder",
    openLabel: "Create the entry here",
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri,
  });
  return picked?.[0];
}

/** The server's check of a typed name: an error blocks the input box, a note (underscores) informs. */
async function validate(
  client: LanguageClient,
  kind: CheckNewNameParams["kind"],
  target: Uri,
  name: string,
): Promise<InputBoxValidationMessage | undefined> {
  let check: CheckNewNameResult;
  try {
    check = await client.sendRequest<CheckNewNameResult>(checkNewNameMethod, {
      kind,
      uri: target.toString(),
      name,
    } satisfies CheckNewNameParams);
  } catch {
    // The server is not running: it refuses a bad name when the command runs.
    return undefined;
  }
  if (check.error !== undefined) return { message: check.error, severity: InputBoxValidationSeverity.Error };
  if (check.note !== undefined) return { message: check.note, severity: InputBoxValidationSeverity.Info };
  return undefined;
}

/** Has the server compute the edit, applies it, opens the new file with the template selected. */
async function createFile(
  client: LanguageClient,
  command: string,
  target: Uri,
  name: string,
): Promise<Uri | undefined> {
  let result: NewFileResult;
  try {
    await client.start();
    result = (await client.sendRequest(ExecuteCommandRequest.type, {
      command,
      arguments: [target.toString(), name],
    })) as NewFileResult;
  } catch (error) {
    void window.showErrorMessage(`kb-author: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  // A refactoring: VS Code saves the files it touched when `files.refactoring.autoSave` is on (the default).
  if (!(await workspace.applyEdit(edit, { isRefactoring: true }))) {
    void window.showErrorMessage("kb-author: the edit could not be applied (has a file changed on disk?).");
    return undefined;
  }
  const uri = Uri.parse(result.uri);
  const editor = await window.showTextDocument(await workspace.openTextDocument(uri));
  if (result.selection) {
    const range = client.protocol2CodeConverter.asRange(result.selection);
    editor.selection = new Selection(range.start, range.end);
    editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
  }
  for (const note of result.notes) void window.showInformationMessage(`kb-author: ${note}`);
  return uri;
}

/** A URI passed to a command: the Explorer passes a `Uri`, scripts may pass its string form. */
function uriArgument(value: unknown): Uri | undefined {
  if (value instanceof Uri) return value;
  return typeof value === "string" ? Uri.parse(value) : undefined;
}

/** Whether a URI is a map node's `Name/Name.md` (the file is named after its folder). */
function isNodeFile(uri: Uri): boolean {
  if (uri.scheme !== "file") return false;
  const segments = uri.path.split("/");
  const folder = segments[segments.length - 2]?.normalize("NFC");
  return (
    folder !== undefined && folder !== "" && segments[segments.length - 1].normalize("NFC") === `${folder}.md`
  );
}

function nodeName(uri: Uri): string {
  const segments = uri.path.split("/").filter(Boolean);
  return isNodeFile(uri) ? segments[segments.length - 2] : (segments[segments.length - 1] ?? uri.path);
}

function trackActiveMapNode(): Disposable {
  const update = (editor: TextEditor | undefined) =>
    void commands.executeCommand(
      "setContext",
      mapNodeActiveContextKey,
      editor !== undefined && isNodeFile(editor.document.uri),
    );
  update(window.activeTextEditor);
  return window.onDidChangeActiveTextEditor(update);
}
