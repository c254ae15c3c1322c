import type { Element, Properties } from "hast";
import { h } from "hastscript";
import { targetOfNode } from "../model/linkTargets";
import type { MapNode } from "../workspace/nodeIndex";
import { internalLinkProperties } from "./linkDestinations";
import type { PageContext } from "./pageContext";

interface CardNote {
  kind: "summary" | "reason" | "broken";
  text: string;
}

export interface Card {
  title: string;
  /** The link's properties (a node link, or a broken link saying why). */
  link: Properties;
  /** The texts under the title: why the card is broken, a child's summary, a related node's reason. */
  notes: CardNote[];
  /** The source line the card comes from. */
  line?: number;
  state?: "broken" | "unlisted" | "lost";
}

const noteClass = { summary: "p.kb-card-summary", reason: "p.kb-card-reason", broken: "p.kb-broken-reason" };

/** `li.kb-card`: a linked title and one line of text under it (see renderTypes.ts). */
export function cardItem(card: Card): Element {
  const className = ["kb-card", ...(card.state ? [`kb-${card.state}`] : [])];
  const linkClasses = ["kb-card-link", ...((card.link.className as string[] | undefined) ?? [])];
  return h("li", { className, dataLine: card.line }, [
    h("a", { ...card.link, className: linkClasses }, h("span.kb-card-title", card.title)),
    ...card.notes.map((note) => h(noteClass[note.kind], note.text)),
  ]);
}

/** The link of a card to a node. */
export function nodeLink(node: MapNode, page: PageContext): Properties {
  return internalLinkProperties(targetOfNode(node), page);
}
