import type { Connection } from "vscode-languageserver";
import { uriOf } from "../core/model/uris";
import type { LanguageService } from "../core/languageService";
import type { MapTreeItem } from "../core/render/renderTypes";
import {
  type MapChildrenParams,
  mapChildrenMethod,
  type MapTreeParams,
  type MapTreeResult,
  mapTreeMethod,
  type MapViewItem,
  type RenderPreviewParams,
  type RenderPreviewResult,
  renderPreviewMethod,
} from "../shared/protocol";
import { uriToPath } from "./paths";

/**
 * Serves the preview panel and the map view: turns their URIs into core paths, asks the core's renderer and
 * answers with URIs again. The webviews send whatever the client forwards, so every parameter is checked:
 * bad input gets null or an empty answer, never an error.
 */
export function registerPreview(connection: Connection, service: () => LanguageService): void {
  // The core does not throw on bad input; should it, the view shows nothing rather than an error popup.
  const safely =
    <T>(method: string, empty: T, answer: (params: unknown) => T) =>
    (params: unknown): T => {
      try {
        return answer(params);
      } catch (error) {
        connection.console.error(`kb-author: ${method} failed: ${(error as Error).stack ?? String(error)}`);
        return empty;
      }
    };
  connection.onRequest(
    renderPreviewMethod,
    safely(renderPreviewMethod, null, (params) => renderPreview(service(), params)),
  );
  const emptyTree: MapTreeResult = { roots: [], expanded: {} };
  connection.onRequest(
    mapTreeMethod,
    safely(mapTreeMethod, emptyTree, (params) => mapTree(service(), params)),
  );
  connection.onRequest(
    mapChildrenMethod,
    safely(mapChildrenMethod, [], (params) => mapChildren(service(), params)),
  );
}

function renderPreview(service: LanguageService, params: unknown): RenderPreviewResult {
  const { uri, resourceRoots } = (params ?? {}) as Partial<RenderPreviewParams>;
  const path = typeof uri === "string" ? uriToPath(uri) : undefined;
  if (path === undefined) return null;
  const page = service.renderPage(path, { kind: "editor", resourceRoots: toResourceRoots(resourceRoots) });
  if (page === undefined) return null;
  return {
    title: page.title,
    kind: page.kind,
    html: page.html,
    errors: page.problems.errors,
    warnings: page.problems.warnings,
    version: page.version,
  };
}

/** The client's workspace folders with their webview URIs, as the renderer's core paths; bad entries dropped. */
function toResourceRoots(roots: unknown): { folder: string; webviewBase: string }[] {
  if (!Array.isArray(roots)) return [];
  return roots.flatMap((root: unknown) => {
    const { uri, webviewUri } = (root ?? {}) as Partial<RenderPreviewParams["resourceRoots"][number]>;
    const folder = typeof uri === "string" ? uriToPath(uri) : undefined;
    if (folder === undefined || typeof webviewUri !== "string") return [];
    return [{ folder, webviewBase: webviewUri.replace(/\/+$/, "") }];
  });
}

function mapTree(service: LanguageService, params: unknown): MapTreeResult {
  const { focusUri } = (params ?? {}) as Partial<MapTreeParams>;
  const focus = typeof focusUri === "string" ? uriToPath(focusUri) : undefined;
  const tree = service.getMapTree(focus);
  const expanded: Record<string, MapViewItem[]> = {};
  for (const [folder, children] of Object.entries(tree.expanded)) {
    expanded[uriOf(folder)] = children.map(toViewItem);
  }
  return {
    roots: tree.roots.map(toViewItem),
    expanded,
    focusUri: tree.focus === undefined ? undefined : uriOf(tree.focus),
  };
}

function mapChildren(service: LanguageService, params: unknown): MapViewItem[] {
  const { uri } = (params ?? {}) as Partial<MapChildrenParams>;
  const folder = typeof uri === "string" ? uriToPath(uri) : undefined;
  return folder === undefined ? [] : service.getMapChildren(folder).map(toViewItem);
}

function toViewItem(item: MapTreeItem): MapViewItem {
  return {
    uri: uriOf(item.folder),
    fileUri: item.file === undefined ? undefined : uriOf(item.file),
    name: item.name,
    title: item.title,
    summary: item.summary,
    childCount: item.childCount,
    errors: item.errors,
    warnings: item.warnings,
    unlisted: item.unlisted,
  };
}
