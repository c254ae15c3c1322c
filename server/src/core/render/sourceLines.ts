import type { Nodes, Root } from "mdast";

/** The Markdown blocks that become line-marked HTML blocks (see `lineMarkedTags`). */
const lineMarkedTypes = new Set([
  "paragraph",
  "heading",
  "listItem",
  "table",
  "tableRow",
  "code",
  "math",
  "blockquote",
  "thematicBreak",
]);

/** The renderer's own elements (mdastElement.ts) that are line-marked blocks: labelled directives, the collapsed ESM. */
const lineMarkedElements = new Set(["p", "details"]);

function isLineMarked(node: Nodes): boolean {
  if (lineMarkedTypes.has(node.type)) return true;
  const name = (node.data as { hName?: unknown } | undefined)?.hName;
  return (node.type as string) === "kbElement" && typeof name === "string" && lineMarkedElements.has(name);
}

/**
 * Puts `data-line` (0-based line in the source file) on the blocks of a parsed slice of the file:
 * `firstLine` is the line of the file the slice starts at, so sections and bodies rendered
 * separately still point at the right lines. Done on the Markdown tree, where remark-rehype carries
 * `hProperties` over to the elements it makes.
 */
export function markSourceLines(tree: Root, firstLine: number): void {
  const visit = (node: Nodes): void => {
    const line = node.position?.start.line;
    if (line !== undefined && isLineMarked(node)) {
      node.data = {
        ...node.data,
        hProperties: { ...node.data?.hProperties, dataLine: firstLine + line - 1 },
      };
    }
    if ("children" in node) for (const child of node.children) visit(child);
  };
  visit(tree);
}
