import type { LanguageService, SiteRenderTarget } from "../languageService";
import { extname, isHiddenName, isInside, isMarkdownPath, nfc, relativePath } from "../paths";
import { siteFiles } from "./siteFiles";
import { flattenSiteMap, type SiteMapNode, siteMapTrees } from "./siteMap";
import { UrlAllocator } from "./urlAllocator";

/** A page of the site: a node (from its folder, maybe without a file) or a Markdown file. */
export interface PlannedPage {
  url: string;
  /** The Markdown file rendered, or undefined for a node folder without one. */
  file: string | undefined;
  /** The node, for a node's page. */
  node: SiteMapNode | undefined;
}

export interface SitePlan {
  sourceFolder: string;
  /** The maps inside the source folder, as read before any validation. */
  trees: SiteMapNode[];
  /** Node pages first (each before its children, in Order), then the other Markdown files by path. */
  pages: PlannedPage[];
  target: SiteRenderTarget;
  /** Assets handed out a URL so far (by `target.assetUrlOf`), by path: what the site must copy. */
  assets: Map<string, string>;
}

export interface SitePlanOptions {
  /** The knowledge base's folder: every page and asset comes from inside it. */
  sourceFolder: string;
  /** A folder inside the source that is not published (the output folder, when it lies there). */
  excludedFolder?: string;
}

/** Which pages the site has and where every page and asset goes. */
export function planSite(service: LanguageService, options: SitePlanOptions): SitePlan {
  const { sourceFolder, excludedFolder } = options;
  const published = (path: string): boolean =>
    isInside(path, sourceFolder) &&
    !(excludedFolder && isInside(path, excludedFolder)) &&
    !relativePath(sourceFolder, path).split("/").some(isHiddenName);
  const urls = new UrlAllocator(Object.values(siteFiles));
  const pageUrls = new Map<string, string>();
  const pages: PlannedPage[] = [];
  const trees = siteMapTrees(service, sourceFolder);
  for (const node of flattenSiteMap(trees)) {
    const { folder, file } = node.item;
    if (!published(folder)) continue;
    const relative = relativePath(sourceFolder, folder);
    const url = urls.allocate(relative ? `${relative}/index.html` : "index.html");
    pages.push({ url, file, node });
    pageUrls.set(nfc(folder), url);
    if (file) pageUrls.set(nfc(file), url);
  }
  const otherFiles = service
    .listCheckedFiles(sourceFolder)
    .filter((file) => isMarkdownPath(file) && published(file) && !pageUrls.has(nfc(file)))
    .sort();
  for (const file of otherFiles) {
    const relative = relativePath(sourceFolder, file);
    const url = urls.allocate(relative.slice(0, relative.length - extname(relative).length) + ".html");
    pages.push({ url, file, node: undefined });
    pageUrls.set(nfc(file), url);
  }
  const assets = new Map<string, string>();
  const assetUrlOf = (path: string): string | undefined => {
    if (!published(path) || isMarkdownPath(path)) return undefined;
    let url = assets.get(path);
    if (url === undefined) {
      url = urls.allocate(relativePath(sourceFolder, path));
      assets.set(path, url);
    }
    return url;
  };
  const pageUrlOf = (path: string): string | undefined => pageUrls.get(nfc(path));
  return { sourceFolder, trees, pages, target: { kind: "site", pageUrlOf, assetUrlOf }, assets };
}
