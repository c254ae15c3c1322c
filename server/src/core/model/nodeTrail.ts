import type { MapNode, NodeIndex } from "../workspace/nodeIndex";

/* A node's place in its map: its ancestors, and the breadcrumb of their titles. */

/** The nodes from the map's root down to a node's parent (empty for a root). */
export function ancestorsOf(node: MapNode, nodes: NodeIndex): MapNode[] {
  const ancestors: MapNode[] = [];
  const seen = new Set<string>();
  for (let folder = node.parentFolder; folder !== undefined && !seen.has(folder); ) {
    seen.add(folder);
    const parent = nodes.byFolder(folder);
    if (!parent) break;
    ancestors.unshift(parent);
    folder = parent.parentFolder;
  }
  return ancestors;
}

export const trailSeparator = " › ";

/** The titles of a node's ancestors from the map's root, as the map site's breadcrumb shows them. */
export function trailOf(node: MapNode, nodes: NodeIndex): string {
  return ancestorsOf(node, nodes)
    .map((ancestor) => ancestor.title)
    .join(trailSeparator);
}
