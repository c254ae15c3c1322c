import type { ElementContent } from "hast";
import { h } from "hastscript";
import type { MarkdownContext } from "../model/markdownContext";
import type { FoundSection } from "../document/sections";
import { sectionsOf } from "../model/locate";
import { coverDescription } from "../model/cardData";
import { nodeDisplayName } from "../../shared/nodeNames";
import { basename, dirname, extname } from "../paths";
import type { MapNode } from "../workspace/nodeIndex";
import { breadcrumb } from "./breadcrumb";
import { renderLines } from "./documentBody";
import { childCards } from "./orderCards";
import type { PageContext } from "./pageContext";
import { pageSection, sectionSlug } from "./pageSection";
import { papersSection } from "./papersList";
import { relatedNodeCards } from "./relatedNodes";
import { guarded } from "./renderError";

/** What a page builder gives: the title and the article's content (the banner is added around it). */
export interface PageBody {
  title: string;
  content: ElementContent[];
}

/** The `data-section` names of the map node's known sections (see renderTypes.ts). */
const sectionNames: Record<string, string> = {
  Description: "description",
  "Related Nodes": "related",
  Order: "order",
};

/**
 * A map node's page: breadcrumb, title (the folder name with spaces), the Mini Description as lead,
 * then each section in the file's order (Related Nodes and Order as cards, others as Markdown), then
 * the node's papers.
 */
export function nodePage(context: MarkdownContext, page: PageContext): PageBody {
  const node = page.services.nodes.byFolder(dirname(context.path));
  const title = node?.title ?? nodeDisplayName(basename(context.path, extname(context.path)));
  const { lines } = context.parsed;
  const sections = sectionsOf(context);
  const bodyStart = context.parsed.outline.bodyStartLine;
  const content: ElementContent[] = [];
  if (node) content.push(...guarded("the breadcrumb", () => optional(breadcrumb(node, page))));
  const titleElement = h("h1.kb-title", title);
  content.push(titleElement);
  const preambleEnd = sections[0]?.heading.line ?? lines.lineCount;
  content.push(
    ...guarded("the text before the first section", () =>
      bodyDiv(renderLines(lines, bodyStart, preambleEnd, page)),
    ),
  );
  let hasLead = false;
  for (const section of sections) {
    const heading = section.rule?.heading;
    const isLead: boolean = heading === "Mini Description" && !hasLead;
    hasLead ||= isLead;
    content.push(
      ...guarded(`the section ${section.heading.text}`, () =>
        isLead ? [leadOf(section, context, page)] : [sectionOf(section, context, node, page)],
      ),
    );
  }
  if (node && !hasLead) content.splice(content.indexOf(titleElement) + 1, 0, ...coverLead(node, page));
  if (node && !sections.some((section) => section.rule?.heading === "Order"))
    content.push(...guarded("the children", () => optional(orderSection("Children", undefined, node, page))));
  if (node) content.push(...guarded("the papers", () => optional(papersSection(node, page))));
  return { title, content };
}

/** A map root without a Mini Description is introduced by meta.json's cover description, as on the map site. */
function coverLead(node: MapNode, page: PageContext): ElementContent[] {
  const cover = coverDescription(node, page.services);
  return cover === undefined ? [] : [h("div.kb-lead", h("p", cover))];
}

function leadOf(section: FoundSection, context: MarkdownContext, page: PageContext): ElementContent {
  const rendered = renderLines(context.parsed.lines, section.contentStartLine, section.endLine, page);
  return h("div.kb-lead", { dataLine: section.heading.line }, rendered);
}

function sectionOf(
  section: FoundSection,
  context: MarkdownContext,
  node: MapNode | undefined,
  page: PageContext,
): ElementContent {
  const { text, line } = section.heading;
  const name = sectionNames[section.rule?.heading ?? ""] ?? sectionSlug(text);
  if (name === "order" && node) {
    return orderSection(text, line, node, page) ?? pageSection(name, text, line, []);
  }
  const content =
    name === "related"
      ? relatedNodeCards(context, section, page)
      : renderLines(context.parsed.lines, section.contentStartLine, section.endLine, page);
  return pageSection(name, text, line, content);
}

function orderSection(
  heading: string,
  line: number | undefined,
  node: MapNode,
  page: PageContext,
): ElementContent | undefined {
  const cards = childCards(node, page);
  return cards ? pageSection("order", heading, line, [cards]) : undefined;
}

function bodyDiv(content: ElementContent[]): ElementContent[] {
  return content.length > 0 ? [h("div.kb-body", content)] : [];
}

function optional(element: ElementContent | undefined): ElementContent[] {
  return element ? [element] : [];
}
