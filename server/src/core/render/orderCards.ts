import type { Element } from "hast";
import { h } from "hastscript";
import { nodeTitle } from "../model/cardData";
import { plainSummaryOf } from "./plainSummary";
import type { MapNode } from "../workspace/nodeIndex";
import { type Card, cardItem, nodeLink } from "./cards";
import { type ChildPlace, childrenInOrder } from "./childOrder";
import { brokenLinkProperties } from "./linkDestinations";
import type { PageContext } from "./pageContext";

/** `ol.kb-cards`: the node's children as the map shows them, each with its Mini Description; undefined when it has none. */
export function childCards(node: MapNode, page: PageContext): Element | undefined {
  const places = childrenInOrder(node, page.services);
  if (places.length === 0) return undefined;
  return h(
    "ol.kb-cards",
    places.map((place) => cardItem(childCard(place, page))),
  );
}

function childCard(place: ChildPlace, page: PageContext): Card {
  const line = place.line;
  if (!place.node) {
    const why = place.broken ?? "This Order entry names no child folder.";
    return {
      title: place.name,
      link: brokenLinkProperties(why),
      line,
      state: "broken",
      notes: [{ kind: "broken", text: why }],
    };
  }
  const child = place.node;
  const link = nodeLink(child, page);
  if (!child.file) {
    const why = `The folder \`${child.name}\` has no \`${child.fileName}\`: the builder drops it.`;
    return { title: child.title, link, line, state: "broken", notes: [{ kind: "broken", text: why }] };
  }
  const summary = plainSummaryOf(child, page.services);
  return {
    title: nodeTitle(child, page.services),
    link,
    line,
    ...(place.unlisted ? { state: "unlisted" as const } : place.lost ? { state: "lost" as const } : {}),
    notes: summary ? [{ kind: "summary", text: summary }] : [],
  };
}
