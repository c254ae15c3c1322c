import type { CoreServices } from "../model/services";
import { nodeTitle, problemCounts } from "../model/cardData";
import { ancestorsOf } from "../model/nodeTrail";
import { dirname } from "../paths";
import type { MapNode } from "../workspace/nodeIndex";
import { childrenInOrder } from "./childOrder";
import { plainSummaryOf } from "./plainSummary";
import type { MapTree, MapTreeItem } from "./renderTypes";

/**
 * The map view's starting tree: the roots, expanded down to the focus node (a node's file or folder,
 * or any file in it). Only the nodes shown are read: the roots and the children of the focus and of
 * its ancestors.
 */
export function mapTree(focus: string | undefined, services: CoreServices): MapTree {
  const roots = services.nodes
    .all()
    .filter((node) => node.parentFolder === undefined)
    .map((node) => treeItem(node, { unlisted: false, lost: false }, services));
  const focusNode = focus === undefined ? undefined : nearestNode(focus, services);
  const expanded: Record<string, MapTreeItem[]> = {};
  if (focusNode) {
    for (const node of [...ancestorsOf(focusNode, services.nodes), focusNode])
      expanded[node.folder] = mapChildren(node.folder, services);
  }
  return { roots, expanded, focus: focusNode?.folder };
}

/** A node's children as published (the unlisted ones at their sorted places), then the lost ones (empty for a folder that is no node). */
export function mapChildren(folder: string, services: CoreServices): MapTreeItem[] {
  const node = services.nodes.byFolder(folder);
  if (!node) return [];
  return childrenInOrder(node, services).flatMap((place) =>
    place.node ? [treeItem(place.node, place, services)] : [],
  );
}

function treeItem(
  node: MapNode,
  standing: { unlisted: boolean; lost: boolean },
  services: CoreServices,
): MapTreeItem {
  const problems = node.file ? problemCounts(node.file, services) : { errors: 0, warnings: 0 };
  return {
    folder: node.folder,
    file: node.file,
    name: node.name,
    title: nodeTitle(node, services),
    summary: plainSummaryOf(node, services),
    childCount: services.workspace.childFolders(node.folder).length,
    errors: problems.errors,
    warnings: problems.warnings,
    unlisted: standing.unlisted,
    lost: standing.lost,
  };
}

/** The node a path belongs to: itself when it is a node's folder, else the nearest node folder above it. */
function nearestNode(path: string, services: CoreServices): MapNode | undefined {
  for (let current = path; ; current = dirname(current)) {
    const node = services.nodes.byFolder(current);
    if (node) return node;
    if (dirname(current) === current || !services.workspace.isInWorkspace(current)) return undefined;
  }
}
