import type { Connection } from "vscode-languageserver";
import {
  type LanguageService,
  type MapTreeItem,
  type MarkdownJob,
  pathToUri,
  type RenderedMarkdown,
  type RenderTarget,
  uriToPath,
} from "../core";
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
import { MarkdownWorker } from "./markdownWorker";
import type { ServiceHost } from "./serviceHost";

/**
 * Serves the preview panel and the map view: turns their URIs into core paths, asks the core's renderer and
 * answers with URIs again. The webviews send whatever the client forwards, so every parameter is checked:
 * bad input gets null or an empty answer, never an error.
 */
export function registerPreview(connection: Connection, host: ServiceHost): void {
  // The core does not throw on bad input; should it, the view shows nothing rather than an error popup.
  const safely =
    <T>(method: string, empty: T, answer: (params: unknown) => T | Promise<T>) =>
    async (params: unknown): Promise<T> => {
      try {
        return await answer(params);
      } catch (error) {
        connection.console.error(`kb-author: ${method} failed: ${(error as Error).stack ?? String(error)}`);
        return empty;
      }
    };
  const service = () => host.service;
  const worker = new MarkdownWorker((message) => connection.console.error(message));
  connection.onRequest(
    renderPreviewMethod,
    safely(renderPreviewMethod, null, async (params) => {
      const request = previewRequest(params);
      if (!request) return null;
      const target: RenderTarget = { kind: "editor", resourceRoots: toResourceRoots(request.resourceRoots) };
      const rendered = await renderedMarkdown(request.path, target);
      return renderPreview(service(), request.path, target, rendered);
    }),
  );

  /**
   * The page's Markdown, rendered by the worker thread while this one answers other requests: the page
   * is then put together here from the worker's nodes (cards, links, the problems banner), in one turn.
   * Should the text change while the worker renders, its new runs are sent again (up to `maxRounds`
   * times; then what is still missing is rendered here).
   */
  const renderedMarkdown = async (path: string, target: RenderTarget) => {
    const rendered = new Map<string, RenderedMarkdown>();
    for (let round = 0; ; round++) {
      // The page shows the problems of the text it renders: those of the version being validated.
      await host.loop.whenValidated(path);
      if (round === maxRounds) break;
      const jobs = service()
        .markdownJobsOf(path, target)
        .filter((job) => !rendered.has(jobKey(job)));
      if (jobs.length === 0) break;
      const results = await worker.render(jobs);
      jobs.forEach((job, index) => {
        const result = results[index];
        if (result) rendered.set(jobKey(job), result);
      });
      // The worker failed: the rest renders here.
      if (results.some((result) => result === undefined)) {
        await host.loop.whenValidated(path);
        break;
      }
    }
    // Each result serves once: the page rewrites its links in place.
    return (job: MarkdownJob) => {
      const key = jobKey(job);
      const result = rendered.get(key);
      rendered.delete(key);
      return result;
    };
  };
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

function previewRequest(params: unknown): { path: string; resourceRoots: unknown } | undefined {
  const { uri, resourceRoots } = (params ?? {}) as Partial<RenderPreviewParams>;
  const path = typeof uri === "string" ? uriToPath(uri) : undefined;
  return path === undefined ? undefined : { path, resourceRoots };
}

/** Rounds of worker rendering a preview waits for when its text keeps changing meanwhile. */
const maxRounds = 3;

/** What tells a run of Markdown apart: its syntax, where it starts and its text. */
function jobKey(job: MarkdownJob): string {
  return `${job.mdx ? 1 : 0}${job.math ? 1 : 0}${job.directives ? 1 : 0}${job.firstLine}\n${job.text}`;
}

function renderPreview(
  service: LanguageService,
  path: string,
  target: RenderTarget,
  rendered: (job: MarkdownJob) => RenderedMarkdown | undefined,
): RenderPreviewResult {
  const page = service.renderPage(path, target, { rendered });
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
    expanded[pathToUri(folder)] = children.map(toViewItem);
  }
  return {
    roots: tree.roots.map(toViewItem),
    expanded,
    focusUri: tree.focus === undefined ? undefined : pathToUri(tree.focus),
  };
}

function mapChildren(service: LanguageService, params: unknown): MapViewItem[] {
  const { uri } = (params ?? {}) as Partial<MapChildrenParams>;
  const folder = typeof uri === "string" ? uriToPath(uri) : undefined;
  return folder === undefined ? [] : service.getMapChildren(folder).map(toViewItem);
}

function toViewItem(item: MapTreeItem): MapViewItem {
  return {
    uri: pathToUri(item.folder),
    fileUri: item.file === undefined ? undefined : pathToUri(item.file),
    name: item.name,
    title: item.title,
    summary: item.summary,
    childCount: item.childCount,
    errors: item.errors,
    warnings: item.warnings,
    unlisted: item.unlisted,
    lost: item.lost,
  };
}
