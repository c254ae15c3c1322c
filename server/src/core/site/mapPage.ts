import type { Element } from "hast";
import { h } from "hastscript";
import { toHtml } from "hast-util-to-html";
import type { MapTreeItem } from "../languageService";
import { siteFiles } from "./siteFiles";
import { flattenSiteMap, type SiteMapNode } from "./siteMap";
import { countOf, problemsText } from "./siteText";
import { relativeSiteUrl } from "./siteUrls";

/** A node the map marks: its file has problems, or it has no file. */
function isMarked(item: MapTreeItem): boolean {
  return !item.file || item.errors + item.warnings > 0;
}

/**
 * The map page's article: every map as nested lists in Order, each node with children a
 * `<details>`/`<summary>` (which browsers open and close without JavaScript, by mouse or keyboard),
 * each node linking to its page, followed by its Mini Description, and marked when its file has problems.
 * The maps' roots start open, and so does every node above a marked one, so that the marks show
 * while a large map stays a short page until explored.
 */
export function mapPageHtml(
  trees: readonly SiteMapNode[],
  pageUrlOf: (folder: string) => string | undefined,
): string {
  const nodes = flattenSiteMap(trees);
  const marked = nodes.filter(({ item }) => isMarked(item)).length;
  const lead =
    `${countOf(nodes.length, "node")} in ${countOf(trees.length, "map")}` +
    (marked > 0 ? `; ${countOf(marked, "node")} with problems, marked.` : ".");
  /** The node's list item, and whether it or a node below it is marked. */
  const nodeElement = (node: SiteMapNode, depth: number): { element: Element; marks: boolean } => {
    const { item } = node;
    const children = node.children.map((child) => nodeElement(child, depth + 1));
    const markBelow = children.some((child) => child.marks);
    const classes = [
      "kb-map-node",
      item.errors > 0 || !item.file ? "kb-map-errors" : item.warnings > 0 ? "kb-map-warnings" : "",
      item.unlisted || item.lost ? "kb-map-unlisted-node" : "",
    ].filter(Boolean);
    const label = nodeLabel(item, pageUrlOf(item.folder));
    const element =
      children.length === 0
        ? h("li", { className: classes }, label)
        : h("li", { className: classes }, [
            h("details", { open: depth === 0 || markBelow }, [
              h("summary", label),
              h(
                "ul.kb-map-children",
                children.map((child) => child.element),
              ),
            ]),
          ]);
    return { element, marks: markBelow || isMarked(item) };
  };
  const article = h("article.kb-page.kb-site-map", [
    h("h1.kb-title", "Map"),
    h("p.kb-lead", lead),
    h(
      "ul.kb-map-tree",
      trees.map((tree) => nodeElement(tree, 0).element),
    ),
  ]);
  return toHtml(article);
}

/** The node's link, its marks in words (not only in colour), then its Mini Description. */
function nodeLabel(item: MapTreeItem, url: string | undefined): (Element | string)[] {
  const problems = problemsText(item);
  const label: (Element | string)[] = [
    url
      ? h("a.kb-node-link", { href: relativeSiteUrl(siteFiles.map, url) }, item.title)
      : h("span.kb-map-title", item.title),
  ];
  if (!item.file) label.push(" ", h("span.kb-map-problems", `(no ${item.name}.md)`));
  else if (problems) label.push(" ", h("span.kb-map-problems", `(${problems})`));
  if (item.unlisted) label.push(" ", h("span.kb-map-unlisted", "(not in its parent's Order)"));
  if (item.lost) label.push(" ", h("span.kb-map-unlisted", "(not published: its parent's Order removes it)"));
  if (item.summary) label.push(" ", h("span.kb-map-summary", item.summary));
  return label;
}
