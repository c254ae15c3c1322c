import type { Element, ElementContent, Properties } from "hast";
import { targetOfLink } from "../model/linkTargets";
import { safeDecode } from "../workspace/linkResolution";
import {
  brokenLinkProperties,
  externalLinkProperties,
  internalLinkProperties,
  isExternalUrl,
  localImageSource,
  notOnSiteProperties,
} from "./linkDestinations";
import type { PageContext } from "./pageContext";

/** The prefix the sanitizer gives every id (GitHub's), which in-page `#fragments` must carry too. */
const idPrefix = "user-content-";

/**
 * The trusted pass after sanitizing: every link and image of the document content is rewritten for
 * the target (see renderTypes.ts). Sanitizing has already removed unsafe URLs; this pass decides what
 * each remaining one may do, and drops anything that is not an anchor, an external link or a
 * resolved internal target.
 */
export function rewriteLinks(nodes: ElementContent[], page: PageContext): void {
  for (const node of nodes) {
    if (node.type !== "element") continue;
    if (node.tagName === "a") rewriteAnchor(node, page);
    else if (node.tagName === "img") rewriteImage(node, page);
    rewriteLinks(node.children, page);
  }
}

function rewriteAnchor(element: Element, page: PageContext): void {
  const href = stringProperty(element.properties, "href");
  const kept = keptProperties(element.properties, [
    "id",
    "name",
    "ariaLabel",
    "dataFootnoteRef",
    "dataFootnoteBackref",
    "ariaDescribedBy",
  ]);
  // A bare `<a name="x"></a>` is a target, not a link: it stays one.
  const isTarget = href === undefined && element.children.length === 0;
  element.properties = isTarget ? kept : { ...kept, ...anchorProperties(href, element.properties, page) };
}

/** What a link's address may do on the page: stay in it, leave it, open a file or node, or nothing (broken). */
export function anchorProperties(
  href: string | undefined,
  original: Properties,
  page: PageContext,
): Properties {
  // No href left: the sanitizer removed a scheme a page may not follow (javascript:, data:, ...).
  if (href === undefined) return brokenLinkProperties("This link has no address that may be followed.");
  const trimmed = href.trim();
  if (trimmed.startsWith("#")) {
    const fragment = trimmed.slice(1);
    const className = original.className;
    return {
      href: "#" + (fragment.startsWith(idPrefix) || fragment === "" ? fragment : idPrefix + fragment),
      ...(className ? { className } : {}),
    };
  }
  if (isExternalUrl(trimmed)) return externalLinkProperties(trimmed, page);
  if (trimmed.startsWith("//") || /^[a-z][a-z0-9+.-]*:/i.test(trimmed))
    return brokenLinkProperties(
      `Links to \`${trimmed}\` are not followed: only http, https and mailto links leave the page.`,
    );
  if (!page.linkTargets.has(trimmed))
    page.linkTargets.set(trimmed, targetOfLink(page.path, trimmed, page.services));
  const target = page.linkTargets.get(trimmed);
  const written = safeDecode(trimmed);
  if (!target)
    return page.target.kind === "site"
      ? notOnSiteProperties(written)
      : brokenLinkProperties(`The link target \`${written}\` does not exist.`);
  return internalLinkProperties(target, page, fragmentOf(trimmed), written);
}

function rewriteImage(element: Element, page: PageContext): void {
  const src = stringProperty(element.properties, "src")?.trim() ?? "";
  const alt = stringProperty(element.properties, "alt") ?? "";
  const title = stringProperty(element.properties, "title");
  const shown = src === "" ? { source: undefined, why: "Image without an address." } : localSource(src, page);
  if (shown.source === undefined) {
    blockImage(element, alt, shown.why);
    return;
  }
  element.properties = { src: shown.source, alt, ...(title === undefined ? {} : { title }) };
}

function localSource(src: string, page: PageContext): { source: string | undefined; why: string } {
  if (/^https?:/i.test(src) || src.startsWith("//"))
    return { source: undefined, why: `Remote image not loaded: ${src}` };
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return { source: undefined, why: "Image address not allowed." };
  const target = targetOfLink(page.path, src, page.services);
  // The site says the same of a missing image and of one it does not publish (outside the knowledge base).
  if (page.target.kind === "site") {
    const shown = target && !target.isFolder && !page.services.workspace.stat(target.path)?.outsideWorkspace;
    const source = shown ? localImageSource(target.path, page) : undefined;
    return source === undefined
      ? { source: undefined, why: `Image not on the site: ${safeDecode(src)}` }
      : { source, why: "" };
  }
  if (!target || target.isFolder) return { source: undefined, why: `Image not found: ${safeDecode(src)}` };
  // The webview would load what the link leads to: a file outside the workspace.
  if (page.services.workspace.stat(target.path)?.outsideWorkspace)
    return { source: undefined, why: `Image is a link that leads outside the workspace: ${safeDecode(src)}` };
  const source = localImageSource(target.path, page);
  return source === undefined
    ? { source: undefined, why: `Image outside the folders the preview may show: ${safeDecode(src)}` }
    : { source, why: "" };
}

/** An image that is not shown: a placeholder with its alt text, and why in its title. */
function blockImage(element: Element, alt: string, why: string): void {
  element.tagName = "span";
  element.properties = { className: ["kb-blocked-image"], title: why };
  element.children = [{ type: "text", value: alt === "" ? "image" : alt }];
}

function stringProperty(properties: Properties, name: string): string | undefined {
  const value = properties[name];
  return typeof value === "string" ? value : undefined;
}

function keptProperties(properties: Properties, names: string[]): Properties {
  return Object.fromEntries(
    names.filter((name) => properties[name] !== undefined).map((name) => [name, properties[name]]),
  );
}

function fragmentOf(href: string): string {
  const hash = href.indexOf("#");
  return hash === -1 ? "" : href.slice(hash + 1);
}
