import type { Properties } from "hast";
import type { PhrasingContent, RootContent } from "mdast";
import { jsxClass } from "./sanitizeSchema";

/**
 * A node of the Markdown tree that remark-rehype turns into the HTML element `tagName` with these
 * properties, its children rendered as usual (its unknown-node handler makes an element of any node
 * that names one in `data.hName`). The renderer builds callouts, component boxes and the like from
 * these; the sanitizer still decides which of their elements and properties stay (sanitizeSchema.ts).
 */
export function mdastElement(
  tagName: string,
  properties: Properties,
  children: readonly RootContent[],
  position?: RootContent["position"],
): RootContent {
  return {
    type: "kbElement",
    data: { hName: tagName, hProperties: properties },
    children: [...children],
    ...(position ? { position } : {}),
  } as unknown as RootContent;
}

export function textNode(value: string): PhrasingContent {
  return { type: "text", value };
}

/** Inline code that renders as `code.kb-jsx`: MDX source shown as inert text. */
export function jsxCode(value: string, position?: RootContent["position"]): PhrasingContent {
  return {
    type: "inlineCode",
    value,
    ...(position ? { position } : {}),
    data: { hProperties: { className: [jsxClass] } },
  } as PhrasingContent;
}

export function paragraph(children: readonly RootContent[], position?: RootContent["position"]): RootContent {
  return {
    type: "paragraph",
    children: [...children] as PhrasingContent[],
    ...(position ? { position } : {}),
  };
}
