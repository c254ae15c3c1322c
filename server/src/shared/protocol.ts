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
 * Initialization options the client sends (`initializationOptions` of `initialize`).
 * `trusted` is VS Code's workspace trust: false (Restricted Mode) makes the server ignore the
 * workspace's configuration and schema files; absent means trusted (other editors, tests).
 */
export interface InitializationOptions {
  clientWatchesFiles?: boolean;
  trusted?: boolean;
}

/**
 * Notification (client to server, no params): the user has granted workspace trust; the server applies
 * the configuration and schema files and revalidates every file.
 */
export const workspaceTrustedMethod = "kbAuthor/workspaceTrusted";

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

/** Request: the preview of a Markdown document (open or on disk), rendered for the editor's webview. */
export const renderPreviewMethod = "kbAuthor/renderPreview";

export interface RenderPreviewParams {
  uri: string;
  /** Workspace folders (`file:` URIs) and the webview URI each is loaded by (`asWebviewUri`), for local images. */
  resourceRoots: { uri: string; webviewUri: string }[];
}

/** The rendered page, or null when the document is not a Markdown file the server can read. */
export type RenderPreviewResult = {
  title: string;
  kind: "map-node" | "topic" | "markdown";
  /** Sanitized HTML of the `article.kb-page` element. */
  html: string;
  errors: number;
  warnings: number;
  version: number;
} | null;

/** Request: the map view's starting tree, expanded down to the node of `focusUri` when given. */
export const mapTreeMethod = "kbAuthor/mapTree";

export interface MapTreeParams {
  focusUri?: string;
}

/** Request: one node's children (lazy expansion in the map view). */
export const mapChildrenMethod = "kbAuthor/mapChildren";

export interface MapChildrenParams {
  /** The node's folder URI. */
  uri: string;
}

/** A map-view node as sent to the client: the core's MapTreeItem with URIs instead of paths. */
export interface MapViewItem {
  /** The node folder's URI (the key for expanding it). */
  uri: string;
  /** The node file's URI, when the folder has one (opened on click). */
  fileUri?: string;
  name: string;
  title: string;
  summary?: string;
  childCount: number;
  errors: number;
  warnings: number;
  unlisted: boolean;
  lost: boolean;
}

export interface MapTreeResult {
  roots: MapViewItem[];
  /** Children to show expanded initially, by the parent's folder URI. */
  expanded: Record<string, MapViewItem[]>;
  /** The folder URI of the node the view starts at. */
  focusUri?: string;
}

/**
 * Notification (server to client, no params): what the views show (a file's problem counts, the tree's
 * shape, the rules) changed and the server has finished the work it caused: the preview and the map ask
 * for their content again. Sent once per burst of work, not per file.
 */
export const viewsChangedMethod = "kbAuthor/viewsChanged";

/** Request (tests, diagnostics of the server itself): counts of what the server holds and has done (validations run). */
export const sessionStatsMethod = "kbAuthor/sessionStats";
