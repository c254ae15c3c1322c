import type { FeatureServices } from "../features/featureServices";
import type { MapTree, MapTreeItem } from "./renderTypes";

/** The map view's starting tree: the roots, expanded down to the focus node (a node's file or folder, or any file in it). */
export function mapTree(focus: string | undefined, services: FeatureServices): MapTree {
  // STUB: replaced by the implementation.
  void focus;
  void services;
  return { roots: [], expanded: {}, focus: undefined };
}

/** A node's children in their Order, then the unlisted ones. */
export function mapChildren(folder: string, services: FeatureServices): MapTreeItem[] {
  // STUB: replaced by the implementation.
  void folder;
  void services;
  return [];
}
