import type { Position, WorkspaceEdit } from "vscode-languageserver-types";
import { URI } from "vscode-uri";
import { LineIndex } from "../../server/src/core/document/lineIndex";
import { applyTextEdits } from "../../server/src/core/features/codeActions/textDiff";
import { createLanguageService, type LanguageService } from "../../server/src/core/languageService";
import { MemoryFileSystem } from "./memoryFileSystem";

/** The cursor marker in test documents: `1. Treaty_<|>` puts the cursor after `Treaty_`. */
export const cursorMarker = "<|>";

/** Removes the cursor marker from a text and returns the text and the marker's position. */
export function withCursor(textWithMarker: string): { text: string; position: Position } {
  const offset = textWithMarker.indexOf(cursorMarker);
  if (offset === -1) throw new Error(`no ${cursorMarker} in the test text`);
  const text = textWithMarker.slice(0, offset) + textWithMarker.slice(offset + cursorMarker.length);
  return { text, position: new LineIndex(text).positionAt(offset) };
}

/** A text after applying edits (non-overlapping, in any order), as an editor would. */
export const applyEdits = applyTextEdits;

/** A language service over an in-memory workspace at `/kb`, with one document opened at the cursor. */
export function serviceWithCursor(
  files: Record<string, string>,
  openPath: string,
  textWithMarker: string,
): { service: LanguageService; fileSystem: MemoryFileSystem; position: Position; text: string } {
  const { text, position } = withCursor(textWithMarker);
  const fileSystem = new MemoryFileSystem({ ...files, [openPath]: text });
  const service = createLanguageService({ fileSystem, workspaceRoots: ["/kb"] });
  service.openDocument(openPath, text, 1);
  return { service, fileSystem, position, text };
}

/**
 * Applies a WorkspaceEdit to an in-memory file system (text edits, file creations and file or folder
 * renames, in order; a create or rename onto an existing path fails unless it may overwrite), so a
 * test can compare the whole resulting tree.
 */
export function applyWorkspaceEdit(fileSystem: MemoryFileSystem, edit: WorkspaceEdit): void {
  const pathOf = (uri: string) => URI.parse(uri).path;
  const decode = (path: string) => {
    const bytes = fileSystem.readFile(path);
    if (!bytes) throw new Error(`text edit on ${path}, which does not exist`);
    return new TextDecoder().decode(bytes);
  };
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    fileSystem.writeFile(pathOf(uri), applyEdits(decode(pathOf(uri)), edits));
  }
  for (const change of edit.documentChanges ?? []) {
    if ("kind" in change) {
      if (change.kind === "create") {
        // As VS Code does: a create over an existing file fails unless told to overwrite or ignore it.
        const path = pathOf(change.uri);
        if (fileSystem.stat(path) && !change.options?.overwrite) {
          if (change.options?.ignoreIfExists) continue;
          throw new Error(`create: ${path} exists`);
        }
        fileSystem.writeFile(path, "");
        continue;
      }
      if (change.kind !== "rename") throw new Error(`unsupported resource operation ${change.kind}`);
      const [from, to] = [pathOf(change.oldUri), pathOf(change.newUri)];
      if (!fileSystem.stat(from)) throw new Error(`rename: ${from} does not exist`);
      if (fileSystem.stat(to) && !change.options?.overwrite) throw new Error(`rename: ${to} exists`);
      fileSystem.rename(from, to);
    } else {
      const path = pathOf(change.textDocument.uri);
      fileSystem.writeFile(path, applyEdits(decode(path), change.edits));
    }
  }
}
