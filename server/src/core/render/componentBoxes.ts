import { h } from "hastscript";
import type { PhrasingContent, RootContent } from "mdast";
import { type JsxAttribute, propsElement, propsOfJsx, type ShownProp, textProps } from "./componentProps";
import { mdastElement, paragraph, textNode } from "./mdastElement";
import type { ReferenceResolver } from "./referenceResolver";
import { sanitizeSchema } from "./sanitizeSchema";

/** A JSX element of mdast-util-mdx-jsx, read structurally. */
export interface JsxElement {
  type: "mdxJsxFlowElement" | "mdxJsxTextElement";
  name?: string | null;
  attributes?: JsxAttribute[];
  children?: RootContent[];
  position?: RootContent["position"];
}

/** HTML elements a page may hold (GitHub's list, as for raw HTML in `.md`): lower-case JSX naming one is one. */
const htmlTagNames = new Set(sanitizeSchema.tagNames ?? []);

/**
 * What a JSX element of an MDX page becomes, as the site would show it without running any code:
 * - a fragment (`<>...</>`): its children;
 * - an HTML element the page may hold (`<p>`, `<br />`, `<kbd>`, `<details>`): that element, with its
 *   string attributes only (the sanitizer then keeps the safe ones, as for raw HTML);
 * - a component the resolver knows as a reference: a link to its entry, its children as the text (the
 *   entry's title when it has none);
 * - any other component (or HTML element a page may not hold, such as `<script>`): a labelled box (inline
 *   in a paragraph): its name, its props as text, and its children rendered as Markdown.
 * The children are returned unchanged inside the new nodes, for the caller to make inert in turn.
 */
export function jsxElementNodes(node: JsxElement, resolveReference: ReferenceResolver): RootContent[] {
  const children = node.children ?? [];
  const name = node.name ?? "";
  if (name === "") return children;
  const inline = node.type === "mdxJsxTextElement";
  const props = propsOfJsx(node.attributes ?? []);
  if (/^[a-z][a-z0-9]*$/.test(name) && htmlTagNames.has(name))
    return [mdastElement(name, htmlProperties(name, props), children, node.position)];
  const reference = resolved(resolveReference, name, props);
  if (reference) {
    const link = {
      type: "link",
      url: reference.href,
      title: null,
      children: linkText(children, reference.title, inline),
      position: node.position,
    } as RootContent;
    return [inline ? link : paragraph([link], node.position)];
  }
  return [componentBox(name, props, children, inline, node.position)];
}

function componentBox(
  name: string,
  props: ShownProp[],
  children: RootContent[],
  inline: boolean,
  position: RootContent["position"],
): RootContent {
  const tag = inline ? "span" : "div";
  const label = [
    mdastElement("span", { className: ["kb-component-name"] }, [textNode(name)]),
    ...propsElement(props),
  ];
  const body = children.length > 0 ? [mdastElement(tag, { className: ["kb-component-body"] }, children)] : [];
  const className = inline ? ["kb-component", "kb-component-inline"] : ["kb-component"];
  const header = inline ? label : [mdastElement("div", { className: ["kb-component-label"] }, label)];
  return mdastElement(tag, { className }, [...header, ...body], position);
}

/** The resolver's answer; a resolver that throws resolves nothing (the box is shown). */
function resolved(resolveReference: ReferenceResolver, name: string, props: ShownProp[]) {
  try {
    return resolveReference(name, textProps(props));
  } catch {
    return undefined;
  }
}

/** A link's text: the component's own phrasing content (a flow element's one paragraph), else the title. */
function linkText(children: RootContent[], title: string, inline: boolean): PhrasingContent[] {
  const phrasing = inline
    ? children
    : children.length === 1 && children[0].type === "paragraph"
      ? children[0].children
      : [];
  return phrasing.length > 0 ? (phrasing as PhrasingContent[]) : [textNode(title)];
}

/** An HTML element's properties from its string and flag attributes (JSX names read as HTML's: `className`, `htmlFor`). */
function htmlProperties(tagName: string, props: ShownProp[]) {
  const attributes: Record<string, string | boolean> = Object.create(null);
  for (const prop of props) {
    if (prop.kind === "text") attributes[prop.name] = prop.text;
    else if (prop.kind === "flag") attributes[prop.name] = true;
  }
  return h(tagName, attributes).properties;
}
