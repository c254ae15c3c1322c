import type { Properties } from "hast";
import { pathToUri } from "../model/uris";
import type { Target } from "../model/linkTargets";
import { shortWorkspacePath } from "../model/cardData";
import { dirname, isInside, isMarkdownPath, relativePath } from "../paths";
import type { PageContext } from "./pageContext";

/** The only schemes a page links out to; everything else (javascript:, data:, file:, ...) is never a link. */
const externalUrl = /^(?:https?:\/\/|mailto:)/i;

export function isExternalUrl(url: string): boolean {
  return externalUrl.test(url.trim());
}

/** An external link: a plain `href`; in the editor also `data-kb-external`, which the webview opens. */
export function externalLinkProperties(url: string, page: PageContext): Properties {
  const href = url.trim();
  return page.target.kind === "editor"
    ? { className: ["kb-external"], href, dataKbExternal: href }
    : { className: ["kb-external"], href };
}

/** A link that leads nowhere: no navigation, and a title that says why. */
export function brokenLinkProperties(why: string): Properties {
  return { className: ["kb-broken-link"], title: why };
}

/**
 * A link to an existing node or file: in the editor, `data-kb-open` with its `file:` URI (the webview
 * asks the editor to open it; there is no `href` a click could follow); on the site, an `href`
 * relative to the page. `fragment` (without `#`) is kept on the site. `written` is the link's address
 * as written, which a site link to a file it does not publish shows.
 */
export function internalLinkProperties(
  target: Target,
  page: PageContext,
  fragment = "",
  written?: string,
): Properties {
  const className = [target.node ? "kb-node-link" : "kb-file-link"];
  const title = shortWorkspacePath(target.path, page.services);
  if (page.target.kind === "editor")
    return { className, dataKbOpen: pathToUri(target.path), title, role: "link", tabIndex: 0 };
  const url = siteUrlOf(target, page);
  if (url === undefined) return notOnSiteProperties(written ?? title);
  return { className, href: relativeUrl(page, url) + (fragment ? "#" + fragment : ""), title };
}

/**
 * A site link to a file the site does not publish, or to nothing: the same class and title either way,
 * so that a published page never tells whether a file outside the knowledge base exists.
 */
export function notOnSiteProperties(written: string): Properties {
  return brokenLinkProperties(`The link target \`${written}\` is not on the site.`);
}

/** A page for Markdown files, nodes and folders; a copied asset for any other file. */
function siteUrlOf(target: Target, page: PageContext): string | undefined {
  if (page.target.kind !== "site") return undefined;
  if (target.node || target.isFolder || isMarkdownPath(target.path))
    return page.target.pageUrlOf(target.path);
  return publishedAsset(target.path, page);
}

/** The URL a local image is shown from, or undefined when it may not be shown (outside every resource root, unpublished). */
export function localImageSource(path: string, page: PageContext): string | undefined {
  if (page.target.kind === "site") {
    const url = publishedAsset(path, page);
    return url === undefined ? undefined : relativeUrl(page, url);
  }
  const root = page.target.resourceRoots.find((candidate) => isInside(path, candidate.folder));
  if (!root) return undefined;
  const relative = relativePath(root.folder, path).split("/").map(encodeURIComponent).join("/");
  return root.webviewBase.replace(/\/+$/, "") + "/" + relative;
}

/** The site URL of a local file the page references, recorded as an asset the site must copy. */
function publishedAsset(path: string, page: PageContext): string | undefined {
  if (page.target.kind !== "site") return undefined;
  const url = page.target.assetUrlOf(path);
  if (url !== undefined) page.assets.add(path);
  return url;
}

/** A site-relative URL written relative to the page being rendered. */
function relativeUrl(page: PageContext, url: string): string {
  const from = page.pageUrl === undefined ? "." : dirname(page.pageUrl);
  return relativePath(from, url) || url.split("/").pop() || url;
}
