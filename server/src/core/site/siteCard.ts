import type { Element } from "hast";
import { h } from "hastscript";

/**
 * A card in the renderer's vocabulary (`li.kb-card` with `a.kb-card-link > span.kb-card-title`, then
 * `p.kb-card-summary`), for the site's own lists, so that preview.css styles them like the pages' cards.
 */
export function siteCard(card: {
  title: string;
  href: string | undefined;
  summary?: string;
  node?: boolean;
}): Element {
  const title = h("span.kb-card-title", card.title);
  const linkClasses = card.node ? ["kb-card-link", "kb-node-link"] : ["kb-card-link"];
  return h("li.kb-card", [
    card.href ? h("a", { className: linkClasses, href: card.href }, [title]) : title,
    card.summary ? h("p.kb-card-summary", card.summary) : "",
  ]);
}
