import type { Nodes, Parents, Root, RootContent } from "mdast";
import { jsxClass } from "./sanitizeSchema";

/** The MDX node shapes (mdast-util-mdx), read structurally: only what showing them as text needs. */
interface MdxNode {
  type: string;
  name?: string | null;
  value?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: RootContent[];
  position?: { start: { offset?: number; line: number }; end: { offset?: number } };
}

const jsxFlow = "mdxJsxFlowElement";
const jsxText = "mdxJsxTextElement";

/**
 * Replaces every MDX construct by inert text, so that nothing from MDX can become live HTML: a JSX
 * element shows its opening tag as written (attributes included) in `code.kb-jsx`, then its children
 * rendered as Markdown, then its closing tag; ESM (`import`/`export`) and `{expressions}` are shown
 * as code. `source` is the text the tree was parsed from (positions are offsets into it).
 */
export function makeMdxInert(tree: Root, source: string): void {
  const visit = (parent: Parents): void => {
    const children: RootContent[] = parent.children.flatMap((child) => inert(child as MdxNode, source));
    parent.children = children as never;
    for (const child of children) if ("children" in child) visit(child);
  };
  visit(tree);
}

function inert(node: MdxNode, source: string): RootContent[] {
  switch (node.type) {
    case "mdxjsEsm":
      return [codeBlock(node.value ?? "", node)];
    case "mdxFlowExpression":
      return [codeBlock(`{${node.value ?? ""}}`, node)];
    case "mdxTextExpression":
      return [inlineCode(`{${node.value ?? ""}}`, node)];
    case jsxFlow:
    case jsxText:
      return jsxAsText(node, source);
    default:
      return [node as RootContent];
  }
}

function jsxAsText(node: MdxNode, source: string): RootContent[] {
  const children = node.children ?? [];
  const { opening, closing } = tagTexts(node, source);
  const open = inlineCode(opening, node);
  const close = closing ? [inlineCode(closing, node)] : [];
  if (node.type === jsxText) return [open, ...children, ...close];
  const paragraph = (code: RootContent) =>
    ({ type: "paragraph", children: [code], position: node.position }) as RootContent;
  return [paragraph(open), ...children, ...close.map(paragraph)];
}

/** The opening and closing tags as written in the source; rebuilt from the tree when positions are missing. */
function tagTexts(node: MdxNode, source: string): { opening: string; closing: string | undefined } {
  const children = node.children ?? [];
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start !== undefined && end !== undefined) {
    if (children.length === 0) return { opening: source.slice(start, end).trim(), closing: undefined };
    const first = children[0].position?.start.offset;
    const last = children[children.length - 1].position?.end.offset;
    if (first !== undefined && last !== undefined)
      return { opening: source.slice(start, first).trim(), closing: source.slice(last, end).trim() };
  }
  const name = node.name ?? "";
  const attributes = (node.attributes ?? []).map(attributeText).join("");
  return children.length === 0
    ? { opening: `<${name}${attributes} />`, closing: undefined }
    : { opening: `<${name}${attributes}>`, closing: `</${name}>` };
}

function attributeText(attribute: { type: string; name?: string; value?: unknown }): string {
  if (attribute.type === "mdxJsxExpressionAttribute") return ` {${String(attribute.value)}}`;
  const value = attribute.value;
  if (value === null || value === undefined) return ` ${attribute.name}`;
  if (typeof value === "string") return ` ${attribute.name}=${JSON.stringify(value)}`;
  return ` ${attribute.name}={${String((value as { value?: unknown }).value)}}`;
}

function codeBlock(value: string, node: MdxNode): RootContent {
  return {
    type: "code",
    value,
    position: node.position,
    data: { hProperties: { className: [jsxClass] } },
  } as RootContent;
}

function inlineCode(value: string, node: MdxNode): RootContent {
  return {
    type: "inlineCode",
    value,
    position: node.position,
    data: { hProperties: { className: [jsxClass] } },
  } as RootContent;
}

/**
 * For an MDX file that is not valid MDX, read as plain Markdown: raw HTML is shown as text, never
 * interpreted (an MDX author did not mean it as HTML, and it has not been checked as MDX).
 */
export function makeHtmlInert(tree: Root): void {
  const visit = (parent: Parents): void => {
    const flow = parent.type !== "paragraph" && parent.type !== "heading" && !isPhrasingParent(parent);
    const children = parent.children.map((child: Nodes) => {
      if (child.type !== "html") return child;
      const text = { type: "text", value: child.value, position: child.position };
      return flow ? { type: "paragraph", children: [text], position: child.position } : text;
    }) as RootContent[];
    parent.children = children as never;
    for (const child of children) if ("children" in child) visit(child);
  };
  visit(tree);
}

function isPhrasingParent(parent: Parents): boolean {
  return ["emphasis", "strong", "delete", "link", "linkReference", "tableCell"].includes(parent.type);
}
