import { basename, dirname, nfc } from "../paths";
import { resolveLink } from "../workspace/linkResolution";
import type { MapNode } from "../workspace/nodeIndex";
import type { Position } from "vscode-languageserver-types";
import type { MarkdownContext } from "./markdownContext";
import type { CoreServices } from "./services";
import { contains, linkAt, nodeOfOrderEntry, orderEntryAt } from "./locate";

/*
 * What Order entries and links lead to (a node, a page, a folder), found as the link check accepts
 * them: for go-to-definition, hover cards and the rendered pages' links.
 */

/** What an Order entry or a link leads to. */
export interface Target {
  /** The path to open, as spelt on disk: a node's `Name/Name.md` (its folder when the file is missing), a page, any file. */
  path: string;
  isFolder: boolean;
  /** The node, when the target is a node's folder or its file. */
  node: MapNode | undefined;
}

export function targetOfNode(node: MapNode): Target {
  return { path: node.file ?? node.folder, isFolder: node.file === undefined, node };
}

/**
 * The Order entry or link under the cursor and what it leads to (the child's `Name/Name.md`, its
 * folder when the file is missing; the link's existing target): `target` is undefined when the entry
 * names no child folder or the link no existing file; undefined when the cursor is on neither.
 */
export function targetAt(
  context: MarkdownContext,
  position: Position,
  services: CoreServices,
): { target: Target | undefined } | undefined {
  const entry = orderEntryAt(context, position);
  if (entry && contains(entry.range, position)) {
    const node = entry.name === "" ? undefined : nodeOfOrderEntry(context, entry, services);
    return { target: node && targetOfNode(node) };
  }
  const link = linkAt(context, position);
  return link && { target: targetOfLink(context.path, link.target, services) };
}

/**
 * The existing file or folder a link names, found the way the link check accepts it: as written,
 * or as a site route (`/wiki/page` for `page.md` or `.mdx`, a folder's `index.md`), names compared
 * after NFC normalisation. A link to a node's folder leads to the node's file. Undefined for external
 * links, anchors and targets that do not exist.
 */
export function targetOfLink(
  fromPath: string,
  linkTarget: string,
  services: CoreServices,
): Target | undefined {
  // A page's links follow its site's routes; a map node's file follows the map builder.
  const site = nodeOfFile(fromPath, services) ? undefined : services.configs.configFor(fromPath).links;
  const resolved = resolveLink(fromPath, linkTarget, services.maps, site);
  if (!resolved) return undefined;
  const { workspace } = services;
  const places = [resolved.path, ...(resolved.alternatives ?? [])].map((place) =>
    place.length > 1 ? place.replace(/\/+$/, "") : place,
  );
  const extensions = site?.extensions ?? [".md", ".mdx"];
  const indexNames = (site?.indexFiles ?? ["index"]).flatMap((name) =>
    extensions.map((extension) => name + extension),
  );
  const candidates = places.flatMap((path) => [path, ...extensions.map((extension) => path + extension)]);
  for (const candidate of candidates) {
    const found = workspace.spelledOnDisk(candidate);
    if (found === undefined) continue;
    if (!workspace.isDirectory(found))
      return { path: found, isFolder: false, node: nodeOfFile(found, services) };
    const node = services.nodes.byFolder(found);
    if (node) return targetOfNode(node);
    const index = indexNames
      .map((name) => workspace.findFile(found, name))
      .find((file) => file !== undefined);
    return index
      ? { path: index, isFolder: false, node: undefined }
      : { path: found, isFolder: true, node: undefined };
  }
  return undefined;
}

/** The node whose `Name/Name.md` a file is. */
export function nodeOfFile(path: string, services: CoreServices): MapNode | undefined {
  const node = services.nodes.byFolder(dirname(path));
  return node && nfc(basename(path)) === node.fileName ? node : undefined;
}
