import type {
  CreateFile,
  Range,
  RenameFile,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from "vscode-languageserver-types";
import { type CoreServices } from "../model/services";
import { pathToUri } from "../model/uris";

/**
 * What an edit-making feature (rename, New Child Node, New Topic Entry) answers: one WorkspaceEdit and
 * what to tell the user, or why it refuses (the LSP layer turns the message into a ResponseError).
 */
export type EditOutcome =
  | {
      ok: true;
      edit: WorkspaceEdit;
      /** Things the user should know (a name whose spaces became underscores). */
      notes: string[];
      /** The file to open once the edit is applied (the created file). */
      open?: string;
      /** Where to put the selection in it. */
      selection?: Range;
    }
  | { ok: false; message: string };

export function refuse(message: string): EditOutcome {
  return { ok: false, message };
}

/** Collects text edits by file, for one `TextDocumentEdit` per file in path order. */
export class TextEditsByFile {
  private readonly byPath = new Map<string, TextEdit[]>();

  add(path: string, range: Range, newText: string): void {
    const edits = this.byPath.get(path) ?? [];
    edits.push({ range, newText });
    this.byPath.set(path, edits);
  }

  get size(): number {
    return this.byPath.size;
  }

  /** One edit per file; `version: null` as the edits were computed on the text the server holds. */
  documentEdits(): TextDocumentEdit[] {
    return [...this.byPath.keys()].sort().map((path) => ({
      textDocument: { uri: pathToUri(path), version: null },
      edits: this.byPath.get(path)!,
    }));
  }
}

/** Moves a file or folder; refused by the client when the target exists (never overwrites). */
export function renameFile(from: string, to: string): RenameFile {
  return {
    kind: "rename",
    oldUri: pathToUri(from),
    newUri: pathToUri(to),
    options: { overwrite: false, ignoreIfExists: false },
  };
}

/** Creates a file with its text: a CreateFile (refused when the file exists) and the insertion of the text. */
export function createFileWithText(path: string, text: string): (CreateFile | TextDocumentEdit)[] {
  const create: CreateFile = {
    kind: "create",
    uri: pathToUri(path),
    options: { overwrite: false, ignoreIfExists: false },
  };
  const origin = { line: 0, character: 0 };
  return [
    create,
    {
      textDocument: { uri: pathToUri(path), version: null },
      edits: [{ range: { start: origin, end: origin }, newText: text }],
    },
  ];
}

/** The names of a folder's entries (files and folders) as on disk. */
export function entryNames(services: CoreServices, folder: string): string[] {
  return services.workspace.readDirectory(folder).map((entry) => entry.name);
}
