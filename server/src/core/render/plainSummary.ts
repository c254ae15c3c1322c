import type { CoreServices } from "../model/services";
import { miniDescription } from "../model/cardData";
import type { MapNode } from "../workspace/nodeIndex";
import { markdownToPlainText } from "./markdownPipeline";

/**
 * A node's Mini Description as the text shown on a card, in the map's tooltip and on the site's map:
 * plain text (the hover card, which renders Markdown, takes the Markdown itself).
 */
export function plainSummaryOf(node: MapNode, services: CoreServices): string | undefined {
  const summary = miniDescription(node, services);
  return summary === undefined ? undefined : markdownToPlainText(summary);
}
