/**
 * The messages between the extension (client/src/preview, client/src/map) and its webview scripts
 * (client/webview), declared once for both sides, with the guards each side runs on what it receives: a
 * webview's messages are untrusted input for the extension, and the other way round.
 */

import type { MapTreeResult, MapViewItem } from "../../server/src/shared/protocol";

/** Extension -> preview webview. */
export type PreviewHostMessage =
  /**
   * New article HTML (sanitized by the server) of the document `uri` (kept with the webview's state, for
   * restoring the panel); `line`: scroll there (a new document), else keep the scroll position.
   */
  | { type: "render"; uri: string; html: string; line?: number }
  /** The source editor's top visible line changed: scroll the preview to it. */
  | { type: "scrollTo"; line: number };

/** Preview webview -> extension. */
export type PreviewViewMessage =
  /** The script runs: the extension may send the article. */
  | { type: "ready" }
  /** A `[data-kb-open]` link: open that file. */
  | { type: "open"; uri: string }
  /** A `[data-kb-line]` link: reveal the (0-based) line in the source editor. */
  | { type: "revealLine"; line: number }
  /** A `[data-kb-external]` link. */
  | { type: "openExternal"; url: string }
  /** The user scrolled the preview: the (fractional, 0-based) source line now at its top. */
  | { type: "scrolled"; line: number };

/** Extension -> map webview. */
export type MapHostMessage =
  /** The tree: roots and the children to show expanded, down to the focus node, which is selected and shown. */
  | ({ type: "tree" } & MapTreeResult)
  /** One node's children, answering an `expand`. */
  | { type: "children"; uri: string; items: MapViewItem[] }
  /** Files or problems changed: fetch the expanded nodes' children again (new folders, new problem counts). */
  | { type: "refresh" }
  /** The roots again, with their new problem counts (sent with `refresh`). */
  | { type: "roots"; roots: MapViewItem[] };

/** Map webview -> extension. */
export type MapViewMessage =
  | { type: "ready" }
  /** Fetch a node's children (by its folder URI). */
  | { type: "expand"; uri: string }
  /** Open a node's file. */
  | { type: "open"; uri: string };

/** What the webview keeps across reloads (`vscode.setState`) and the panel serializer receives. */
export interface PreviewState {
  uri?: string;
}

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === "object" && value !== null;
}

const isLine = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value) && value >= 0;

export function isPreviewViewMessage(value: unknown): value is PreviewViewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case "ready":
      return true;
    case "open":
      return typeof value.uri === "string";
    case "openExternal":
      return typeof value.url === "string";
    case "revealLine":
    case "scrolled":
      return isLine(value.line);
    default:
      return false;
  }
}

export function isPreviewHostMessage(value: unknown): value is PreviewHostMessage {
  if (!isRecord(value)) return false;
  if (value.type === "render")
    return (
      typeof value.uri === "string" &&
      typeof value.html === "string" &&
      (value.line === undefined || isLine(value.line))
    );
  return value.type === "scrollTo" && isLine(value.line);
}

export function isMapViewMessage(value: unknown): value is MapViewMessage {
  if (!isRecord(value)) return false;
  if (value.type === "ready") return true;
  return (value.type === "expand" || value.type === "open") && typeof value.uri === "string";
}

function isMapViewItem(value: unknown): value is MapViewItem {
  return (
    isRecord(value) &&
    typeof value.uri === "string" &&
    (value.fileUri === undefined || typeof value.fileUri === "string") &&
    typeof value.title === "string" &&
    (value.summary === undefined || typeof value.summary === "string") &&
    typeof value.childCount === "number" &&
    typeof value.errors === "number" &&
    typeof value.warnings === "number" &&
    typeof value.unlisted === "boolean" &&
    typeof value.lost === "boolean"
  );
}

const isItemList = (value: unknown): value is MapViewItem[] =>
  Array.isArray(value) && value.every(isMapViewItem);

export function isMapHostMessage(value: unknown): value is MapHostMessage {
  if (!isRecord(value)) return false;
  if (value.type === "children") return typeof value.uri === "string" && isItemList(value.items);
  if (value.type === "refresh") return true;
  if (value.type === "roots") return isItemList(value.roots);
  return (
    value.type === "tree" &&
    isItemList(value.roots) &&
    isRecord(value.expanded) &&
    Object.values(value.expanded).every(isItemList) &&
    (value.focusUri === undefined || typeof value.focusUri === "string")
  );
}
