import type { LanguageService, MapTreeItem } from "../languageService";
import { isInside } from "../paths";

/** A node of the site's maps, with its children in Order (then the unlisted ones). */
export interface SiteMapNode {
  item: MapTreeItem;
  children: SiteMapNode[];
}

/**
 * The maps' nodes inside the source folder, as trees: a map whose root lies above the source folder
 * (a site of one branch) contributes its topmost nodes inside the folder. Problem counts are those of
 * each node file's last validation, so the caller validates first when it needs them.
 */
export function siteMapTrees(service: LanguageService, sourceFolder: string): SiteMapNode[] {
  const trees: SiteMapNode[] = [];
  const visit = (item: MapTreeItem): void => {
    if (isInside(item.folder, sourceFolder)) trees.push(subtreeOf(service, item));
    else if (isInside(sourceFolder, item.folder) && item.childCount > 0)
      service.getMapChildren(item.folder).forEach(visit);
  };
  service.getMapTree().roots.forEach(visit);
  return trees;
}

function subtreeOf(service: LanguageService, item: MapTreeItem): SiteMapNode {
  const children = item.childCount > 0 ? service.getMapChildren(item.folder) : [];
  return { item, children: children.map((child) => subtreeOf(service, child)) };
}

/** Every node of the trees, each before its children, in Order. */
export function flattenSiteMap(trees: readonly SiteMapNode[]): SiteMapNode[] {
  const nodes: SiteMapNode[] = [];
  const add = (node: SiteMapNode): void => {
    nodes.push(node);
    node.children.forEach(add);
  };
  trees.forEach(add);
  return nodes;
}
