import { DiagnosticSeverity } from "vscode-languageserver-types";
import { basename, relativePath } from "../paths";
import type { MapNode } from "../workspace/nodeIndex";
import { contextOfFile } from "./fileContext";
import { readJson } from "./fileData";
import { firstParagraphOf } from "./locate";
import type { CoreServices } from "./services";

/*
 * What a node's or file's card shows (the hover card, the preview's and site's cards and summaries):
 * its summary, its problems, its path as a user reads it.
 */

/**
 * The title the map shows for a node: its folder's name with spaces; for an `Untitled_` breakdown (which
 * has no title of its own), its paper's title.
 */
export function nodeTitle(node: MapNode, services: CoreServices): string {
  if (node.role !== "breakdown" || !node.name.startsWith("Untitled")) return node.title;
  const folder = services.maps.nodeFolder(node.folder);
  const paper = folder && services.builder.reading(folder)?.paper?.value?.parsed;
  const title =
    typeof paper === "object" && paper !== null ? (paper as { title?: unknown }).title : undefined;
  return typeof title === "string" && title !== "" ? title : node.title;
}

/** Summaries longer than this are cut: a card is a glance, not the page. */
const maxSummaryLength = 600;

/** The first paragraph of the node's Mini Description (truncated); for a map's root, meta.json's cover description. */
export function miniDescription(node: MapNode, services: CoreServices): string | undefined {
  const context = node.file ? contextOfFile(node.file, services) : undefined;
  // A breakdown has no Mini Description: its Explanation says what it is.
  const paragraph =
    context && firstParagraphOf(context, node.role === "breakdown" ? "Explanation" : "Mini Description");
  if (paragraph) return truncate(paragraph);
  const cover = coverDescription(node, services);
  return cover === undefined ? undefined : truncate(cover);
}

/** meta.json's `coverRootDescription`, which stands in for a map root's Mini Description. */
export function coverDescription(node: MapNode, services: CoreServices): string | undefined {
  if (node.parentFolder !== undefined || !node.map.metaPath) return undefined;
  const cover = readJson(services, node.map.metaPath) as { coverRootDescription?: unknown } | undefined;
  return typeof cover?.coverRootDescription === "string" ? cover.coverRootDescription : undefined;
}

/** The numbers of errors and warnings of the file's last validation. */
export function problemCounts(path: string, services: CoreServices): { errors: number; warnings: number } {
  const diagnostics = services.diagnosticsOf(path);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error).length;
  const warnings = diagnostics.filter(
    (diagnostic) => diagnostic.severity === DiagnosticSeverity.Warning,
  ).length;
  return { errors, warnings };
}

/** Link titles show paths of at most this many folders in full. */
const maxShownFolders = 12;

/** A path relative to its workspace root, as a user reads it. */
export function workspacePath(path: string, services: CoreServices): string {
  const root = services.workspace.rootOf(path);
  return root ? relativePath(root, path) || basename(path) : path;
}

/**
 * A workspace path as a link's title shows it: beyond `maxShownFolders` folders, the middle ones become
 * `…`. Every link carries one, and a page links its ancestors: full paths made a page hundreds of nodes
 * deep grow with its depth.
 */
export function shortWorkspacePath(path: string, services: CoreServices): string {
  const segments = workspacePath(path, services).split("/");
  if (segments.length <= maxShownFolders + 1) return segments.join("/");
  return [...segments.slice(0, 2), "…", ...segments.slice(segments.length - maxShownFolders + 2)].join("/");
}

/** A summary on one line, cut to the card's length. */
export function truncate(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= maxSummaryLength ? flat : flat.slice(0, maxSummaryLength - 1).trimEnd() + "…";
}
