import type { Element } from "hast";
import { h } from "hastscript";
import { toHtml } from "hast-util-to-html";
import type { PageKind } from "../languageService";
import { siteCard } from "./siteCard";
import { siteFiles } from "./siteFiles";
import { flattenSiteMap, type SiteMapNode } from "./siteMap";
import { countOf, problemsText } from "./siteText";
import { relativeSiteUrl } from "./siteUrls";

/** What the index needs to know about a page once it is written. */
export interface WrittenPage {
  url: string;
  title: string;
  kind: PageKind;
  /** The source file, relative to the knowledge base's folder (a node folder without a file: the folder). */
  source: string;
  problems: { errors: number; warnings: number };
  /** The renderer failed: the page is an error page. */
  failed: boolean;
}

/** A page the index lists under Problems: it has some, or could not be rendered. */
export function hasProblems(page: WrittenPage): boolean {
  return page.failed || page.problems.errors + page.problems.warnings > 0;
}

/** The errors and warnings of all the pages. */
export function problemTotals(pages: readonly WrittenPage[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const page of pages) {
    errors += page.problems.errors;
    warnings += page.problems.warnings;
  }
  return { errors, warnings };
}

/**
 * The index page's article: counts and problem totals, the pages with problems, the maps (linking to
 * their roots), the topics by title, then the other Markdown pages.
 */
export function indexPageHtml(site: {
  name: string;
  trees: readonly SiteMapNode[];
  pages: readonly WrittenPage[];
  pageUrlOf: (path: string) => string | undefined;
}): string {
  const { trees, pages } = site;
  const link = (url: string) => relativeSiteUrl(siteFiles.index, url);
  const card = (title: string, url: string | undefined, summary: string | undefined) =>
    siteCard({ title, href: url && link(url), summary });
  const pageCards = (kind: PageKind) =>
    pages
      .filter((page) => page.kind === kind)
      .sort((a, b) => a.title.localeCompare(b.title, "en") || a.url.localeCompare(b.url))
      .map((page) => card(page.title, page.url, page.source));
  const topics = pageCards("topic");
  const others = pageCards("markdown");
  const nodeCount = flattenSiteMap(trees).length;
  const { errors, warnings } = problemTotals(pages);
  const withProblems = pages.filter(hasProblems);
  const section = (name: string, title: string, content: (Element | string)[]): Element =>
    h("section.kb-section", { dataSection: name }, [h("h2", title), ...content]);
  const problemList = withProblems.map((page) =>
    h("li", { className: [page.problems.errors > 0 || page.failed ? "kb-site-error" : "kb-site-warning"] }, [
      h("a", { href: link(page.url) }, page.title),
      ` (${page.source}): ${page.failed ? "could not be rendered" : problemsText(page.problems)}`,
    ]),
  );
  const article = h("article.kb-page.kb-site-index", [
    h("h1.kb-title", site.name),
    h(
      "p.kb-lead",
      `${countOf(pages.length, "page")}: ${countOf(nodeCount, "node")} in ${countOf(trees.length, "map")}, ` +
        `${countOf(topics.length, "topic")}, ${countOf(others.length, "other page")}.`,
    ),
    section("problems", "Problems", [
      h(
        "p",
        withProblems.length === 0
          ? "No problems found."
          : `${countOf(errors, "error")} and ${countOf(warnings, "warning")} in ${countOf(withProblems.length, "page")}.`,
      ),
      withProblems.length > 0 ? h("ul.kb-site-problems", problemList) : "",
    ]),
    section("maps", "Maps", [
      h("p", [h("a", { href: link(siteFiles.map) }, "The whole map"), ", every node in Order."]),
      h(
        "ul.kb-cards",
        trees.map((tree) => card(tree.item.title, site.pageUrlOf(tree.item.folder), tree.item.summary)),
      ),
    ]),
    topics.length > 0 ? section("topics", "Topics", [h("ul.kb-cards", topics)]) : "",
    others.length > 0 ? section("pages", "Other pages", [h("ul.kb-cards", others)]) : "",
  ]);
  return toHtml(article);
}
