import { folderOfEntry } from "../map/builderView";
import { contentLine } from "../map/nodeReading";
import type { CoreServices } from "../model/services";
import { nearestName } from "../names";
import { joinPath } from "../paths";
import type { MapNode } from "../workspace/nodeIndex";
import { isSkippedFolderName } from "../workspace/workspace";

/** One place among a node's children, as the published map shows them. */
export interface ChildPlace {
  /** The child node; undefined for an entry that names no child folder, or a child the map loses. */
  node: MapNode | undefined;
  /** The name the entry gives, or the folder's name (NFC). */
  name: string;
  /** The Order entry's line, for a listed child or a broken entry. */
  line: number | undefined;
  /** A child folder missing from the Order (published at its sorted place). */
  unlisted: boolean;
  /** A child the published map loses (a misspelt entry or the Order's numbers remove it). */
  lost: boolean;
  /** Why the place leads to no child, for a broken one. */
  broken: string | undefined;
}

/**
 * A node's children as the map builder publishes them (its Orders applied as it applies them: numbers as
 * positions, one digit), with the entries that name no child where they stand, a child published twice
 * marked, and the children the published map loses at the end, marked lost.
 */
export function childrenInOrder(node: MapNode, services: CoreServices): ChildPlace[] {
  const folder = services.maps.nodeFolder(node.folder);
  const children = folder && services.builder.children(folder);
  const meant = services.builder.sortedFolders(node.folder).filter((name) => !isSkippedFolderName(name));
  if (!children) return meant.flatMap((name) => place(node, name, services, undefined, "listed", undefined));
  const order = children.reading.orders[children.reading.orders.length - 1];
  const items = order?.reading.list.items ?? [];
  const listed = new Set(
    items.filter((item) => item.line !== undefined).map((item) => folderOfEntry(children, item.text)),
  );
  const seen = new Set<string>();
  const places: ChildPlace[] = [];
  children.names.forEach((name, index) => {
    const item = items[index];
    const line = order && item?.line !== undefined ? contentLine(order.section, item.line) : undefined;
    if (isSkippedFolderName(name) && !listed.has(name)) return;
    const again = seen.has(name);
    seen.add(name);
    const why = again
      ? `\`${name}\` is published a second time here (the Order's numbers put it at two places).`
      : undefined;
    const unlisted = order !== undefined && !listed.has(name);
    places.push(...place(node, name, services, line, unlisted ? "unlisted" : "listed", why));
  });
  // The children the published map loses (the Order's problems say why).
  for (const name of meant.filter((child) => !seen.has(child)))
    places.push(...place(node, name, services, undefined, "lost", undefined));
  return places;
}

function place(
  node: MapNode,
  name: string,
  services: CoreServices,
  line: number | undefined,
  standing: "listed" | "unlisted" | "lost",
  broken: string | undefined,
): ChildPlace[] {
  const onDisk = services.workspace.findEntry(node.folder, name);
  const child =
    onDisk && services.workspace.isDirectory(onDisk) ? services.nodes.byFolder(onDisk) : undefined;
  if (child) {
    const node = broken ? undefined : child;
    return [{ node, name, line, unlisted: standing === "unlisted", lost: standing === "lost", broken }];
  }
  const suggestion = nearestName(
    name,
    services.workspace
      .childFolders(node.folder)
      .filter((folder) => services.workspace.isDirectory(joinPath(node.folder, folder))),
  );
  return [
    {
      node: undefined,
      name,
      line,
      unlisted: false,
      lost: false,
      broken: `No child folder \`${name}\` here${suggestion ? `: did you mean \`${suggestion}\`?` : "."}`,
    },
  ];
}
