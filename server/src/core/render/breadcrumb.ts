import type { Element } from "hast";
import { h } from "hastscript";
import { ancestorsOf } from "../model/nodeTrail";
import type { MapNode } from "../workspace/nodeIndex";
import { nodeLink } from "./cards";
import type { PageContext } from "./pageContext";

/** Ancestors shown from the map's root, and above the node, when a trail is longer than both. */
const shownFromRoot = 2;
const shownAboveNode = 4;

/**
 * `nav.kb-breadcrumb`: the node's ancestors from the map's root, each a link; none for a root. A long
 * trail shows its first and last ancestors around a gap that says how many are left out: with every
 * ancestor, each page of a chain 400 nodes deep held 400 links of up to 400 `../`, and the site grew
 * with the cube of the depth (86 MB, 13 s).
 */
export function breadcrumb(node: MapNode, page: PageContext): Element | undefined {
  const ancestors = ancestorsOf(node, page.services.nodes);
  if (ancestors.length === 0) return undefined;
  const link = (ancestor: MapNode) => h("li", h("a", nodeLink(ancestor, page), ancestor.title));
  const hidden = ancestors.length - shownFromRoot - shownAboveNode;
  const items =
    hidden <= 1
      ? ancestors.map(link)
      : [
          ...ancestors.slice(0, shownFromRoot).map(link),
          h("li.kb-breadcrumb-gap", { title: `${hidden} levels left out` }, "…"),
          ...ancestors.slice(-shownAboveNode).map(link),
        ];
  return h("nav.kb-breadcrumb", { ariaLabel: "Ancestors" }, [h("ol", items)]);
}
