import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import { readJson } from "../model/fileData";
import type { MapNode } from "../workspace/nodeIndex";
import { externalLinkProperties } from "./linkDestinations";
import type { PageContext } from "./pageContext";
import { renderErrorBlock } from "./renderError";
import { pageSection } from "./pageSection";

/** Only web addresses become links: a paper's url is data from a file, not trusted. */
const webUrl = /^https?:\/\/[^\s]+$/i;

/** The node's papers.json as a reference list; undefined when the node has none. */
export function papersSection(node: MapNode, page: PageContext): Element | undefined {
  const path = page.services.workspace.findFile(node.folder, "papers.json");
  if (!path) return undefined;
  const papers = readJson(page.services, path);
  const content: ElementContent[] = Array.isArray(papers)
    ? [
        h(
          "ol.kb-references",
          papers.map((paper) => paperItem(paper, page)),
        ),
      ]
    : [renderErrorBlock("papers.json could not be read as a list of papers.")];
  return pageSection("papers", "Papers", undefined, content);
}

function paperItem(paper: unknown, page: PageContext): Element {
  const fields = typeof paper === "object" && paper !== null ? (paper as Record<string, unknown>) : {};
  const url = typeof fields.url === "string" ? fields.url.trim() : "";
  const title =
    typeof fields.title === "string" && fields.title.trim() !== "" ? fields.title.trim() : url || "Untitled";
  const date = typeof fields.published_date === "string" ? fields.published_date : undefined;
  const citations = typeof fields.citation_count === "number" ? fields.citation_count : undefined;
  return h("li.kb-paper", [
    webUrl.test(url) ? h("a", externalLinkProperties(url, page), title) : h("span", title),
    ...(date ? [" ", h("span.kb-paper-date", date)] : []),
    ...(citations === undefined
      ? []
      : [" ", h("span.kb-paper-citations", `${citations} ${citations === 1 ? "citation" : "citations"}`)]),
  ]);
}
