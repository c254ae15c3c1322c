import type { ElementContent } from "hast";
import { h } from "hastscript";
import type { MarkdownContext } from "../model/markdownContext";
import { findLinks } from "../document/links";
import { type FoundSection, proseLines } from "../document/sections";
import { brokenLinkProperties } from "./linkDestinations";
import { type Card, cardItem } from "./cards";
import type { PageContext } from "./pageContext";
import { anchorProperties } from "./pageLinks";

const bullet = /^[-*+]\s+(.*)$/;
const reasonBullet = /^\s+[-*+]\s+Reason:\s*(.*)$/i;

/**
 * Related Nodes as cards: each top-level `- [Name](/Root/Path/Node/Node.md)` is a card linking to
 * the node (broken when it does not resolve), with the text of its indented `- Reason: ...` under it.
 * A top-level line that is not a single link is a broken card showing the line.
 */
export function relatedNodeCards(
  context: MarkdownContext,
  section: FoundSection,
  page: PageContext,
): ElementContent[] {
  const linksByLine = new Map(findLinks(context.parsed).map((link) => [link.range.start.line, link]));
  const cards: Card[] = [];
  for (const { line, text } of proseLines(context.parsed, section)) {
    if (text.trim() === "") continue;
    const current = cards[cards.length - 1];
    if (/^\s/.test(text) && current) {
      addReason(current, text.match(reasonBullet)?.[1] ?? text.trim().replace(bullet, "$1"));
      continue;
    }
    const link = linksByLine.get(line);
    const item = text.match(bullet)?.[1].trim();
    if (link && item !== undefined && item.startsWith("[") && item.endsWith(")")) {
      const properties = anchorProperties(link.target, {}, page);
      const broken = (properties.className as string[] | undefined)?.includes("kb-broken-link");
      cards.push({
        title: link.text,
        link: properties,
        line,
        notes: broken ? [{ kind: "broken", text: String(properties.title) }] : [],
        ...(broken ? { state: "broken" as const } : {}),
      });
    } else {
      const why = "A Related Nodes item is a single link: `- [Node Name](/Root/Path/To/Node/Node.md)`.";
      cards.push({
        title: text.trim(),
        link: brokenLinkProperties(why),
        line,
        state: "broken",
        notes: [{ kind: "broken", text: why }],
      });
    }
  }
  return cards.length > 0 ? [h("ul.kb-cards", cards.map(cardItem))] : [];
}

/** A reason continues over its indented lines: one text. */
function addReason(card: Card, text: string): void {
  const reason = card.notes.find((note) => note.kind === "reason");
  if (reason) reason.text += " " + text;
  else card.notes.push({ kind: "reason", text });
}
