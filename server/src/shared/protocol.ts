/**
 * Custom messages between the kb-author client and server, declared once for both sides
 * (the vscode-eslint pattern). Only method names and payload types: no runtime dependency.
 */

import type { Range, WorkspaceEdit } from "vscode-languageserver-types";

/** Request: resolves once every pending validation (the workspace scan included) has been published. */
export const waitForIdleMethod = "kbAuthor/waitForIdle";

/** Notification: sent as indexing starts, progresses and ends, and after revalidations, for a status-bar item. */
export const indexStatusMethod = "kbAuthor/indexStatus";

export interface IndexStatusParams {
  indexing: boolean;
  filesIndexed: number;
  filesTotal: number;
  errors: number;
  warnings: number;
}

/**
 * LSP commands the server executes (`workspace/executeCommand`), each taking a target URI and a name
 * and answering a {@link NewFileResult}. They only compute the edit: the extension's own commands
 * ({@link extensionCommands}) ask for the name, apply the edit with `workspace.applyEdit` and open the file.
 * The ids differ because vscode-languageclient registers every server command as a VS Code command.
 */
export const serverCommands = {
  /** Arguments: the parent node's file or folder URI, the new node's name. */
  newChildNode: "kbAuthor.server.newChildNode",
  /** Arguments: the folder URI (or a file in it), the entry's title. */
  newTopicEntry: "kbAuthor.server.newTopicEntry",
} as const;

/** The extension's commands (package.json `contributes.commands`); optional arguments: target URI, name. */
export const extensionCommands = {
  newChildNode: "kbAuthor.newChildNode",
  newTopicEntry: "kbAuthor.newTopicEntry",
} as const;

/** What a server command answers: the edit that creates the file (and lists it), and what to show. */
export interface NewFileResult {
  /** An LSP WorkspaceEdit (`documentChanges`: the file's creation, its text, the parent's Order). */
  edit: WorkspaceEdit;
  /** The created file, to open once the edit is applied. */
  uri: string;
  /** Where to put the selection in it (the template text to type over). */
  selection?: Range;
  /** Things to tell the user (a name whose spaces became underscores). */
  notes: string[];
}

/** Request: checks a name for a new child node or a new topic entry as it is typed (input-box validation). */
export const checkNewNameMethod = "kbAuthor/checkNewName";

export interface CheckNewNameParams {
  kind: "node" | "topic";
  /** The parent node's file or folder (`node`), the entry's folder (`topic`). */
  uri: string;
  name: string;
}

export type { NameCheck as CheckNewNameResult } from "./nodeNames";
