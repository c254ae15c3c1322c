import type { Element } from "hast";
import { h } from "hastscript";
import { ancestorsOf } from "../model/nodeTrail";
import type { MapNode } from "../workspace/nodeIndex";
import { nodeLink } from "./cards";
import type { PageContext } from "./pageContext";

/** `nav.kb-breadcrumb`: the node's ancestors from the map's root, each a link; none for a root. */
export function breadcrumb(node: MapNode, page: PageContext): Element | undefined {
  const ancestors = ancestorsOf(node, page.services.nodes);
  if (ancestors.length === 0) return undefined;
  return h("nav.kb-breadcrumb", { ariaLabel: "Ancestors" }, [
    h(
      "ol",
      ancestors.map((ancestor) => h("li", h("a", nodeLink(ancestor, page), ancestor.title))),
    ),
  ]);
}
