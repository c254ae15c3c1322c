import type { Nodes, Parents, Root, RootContent } from "mdast";
import { type JsxElement, jsxElementNodes } from "./componentBoxes";
import { mdastElement, jsxCode, textNode } from "./mdastElement";
import type { ReferenceResolver } from "./referenceResolver";
import { jsxClass } from "./sanitizeSchema";
import { unravelJsxParagraphs } from "./unravelJsx";

/** The MDX node shapes (mdast-util-mdx), read structurally: only what showing them needs. */
interface MdxNode {
  type: string;
  value?: string;
  position?: RootContent["position"];
}

/**
 * Replaces every MDX construct by what can only be shown, so that nothing from MDX can become live
 * HTML or run: JSX elements become HTML elements, reference links or labelled boxes (componentBoxes.ts);
 * ESM (`import`/`export`) a collapsed code block; `{expressions}` code, never evaluated. Paragraphs
 * holding nothing but JSX are unwrapped first, as the MDX compiler does.
 */
export function makeMdxInert(tree: Root, resolveReference: ReferenceResolver): void {
  const visit = (parent: Parents): void => {
    unravelJsxParagraphs(parent);
    const children: RootContent[] = parent.children.flatMap((child) =>
      inert(child as MdxNode, resolveReference),
    );
    parent.children = children as never;
    for (const child of children) if ("children" in child) visit(child);
  };
  visit(tree);
}

function inert(node: MdxNode, resolveReference: ReferenceResolver): RootContent[] {
  switch (node.type) {
    case "mdxjsEsm":
      return [esmBlock(node)];
    case "mdxFlowExpression":
      return [codeBlock(`{${node.value ?? ""}}`, node)];
    case "mdxTextExpression":
      return [jsxCode(`{${node.value ?? ""}}`, node.position)];
    case "mdxJsxFlowElement":
    case "mdxJsxTextElement":
      return jsxElementNodes(node as JsxElement, resolveReference);
    default:
      return [node as RootContent];
  }
}

/** `import`/`export` lines: what the site runs, not what it shows; collapsed, to be opened when wanted. */
function esmBlock(node: MdxNode): RootContent {
  return mdastElement(
    "details",
    { className: ["kb-esm"] },
    [mdastElement("summary", {}, [textNode("import / export")]), codeBlock(node.value ?? "", node)],
    node.position,
  );
}

function codeBlock(value: string, node: MdxNode): RootContent {
  return {
    type: "code",
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
