import { h } from "hastscript";
import { toHtml } from "hast-util-to-html";
import type { PageKind } from "../languageService";
import { siteCard } from "./siteCard";
import type { SiteMapNode } from "./siteMap";
import { relativeSiteUrl } from "./siteUrls";

/**
 * Articles for pages the renderer cannot make, in the renderer's vocabulary (`article.kb-page`,
 * `div.kb-problems`, cards) so that they look like the others.
 */

/** A file whose rendering failed: the site still has its page, saying why. */
export function errorPageHtml(title: string, kind: PageKind, reason: string): string {
  return toHtml(
    h("article.kb-page", { dataKind: kind }, [
      h("div.kb-problems", { role: "alert" }, [
        h("ul", [h("li.kb-problem.kb-error", `This page could not be rendered: ${reason}`)]),
      ]),
      h("h1.kb-title", title),
    ]),
  );
}

/** A node folder without its `Name/Name.md`: its title, the problem, and links to its children. */
export function nodeWithoutFileHtml(
  node: SiteMapNode,
  url: string,
  pageUrlOf: (folder: string) => string | undefined,
): string {
  const cards = node.children.map(({ item }) => {
    const childUrl = pageUrlOf(item.folder);
    const href = childUrl && relativeSiteUrl(url, childUrl);
    return siteCard({ title: item.title, href, summary: item.summary, node: true });
  });
  return toHtml(
    h("article.kb-page", { dataKind: "map-node" }, [
      h("div.kb-problems", { role: "alert" }, [
        h("ul", [h("li.kb-problem.kb-error", `This node folder has no ${node.item.name}.md file.`)]),
      ]),
      h("h1.kb-title", node.item.title),
      cards.length > 0
        ? h("section.kb-section", { dataSection: "order" }, [h("h2", "Children"), h("ol.kb-cards", cards)])
        : "",
    ]),
  );
}
