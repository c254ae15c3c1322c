import type { Parents, RootContent } from "mdast";

/**
 * A paragraph that holds nothing but JSX elements and expressions (and white space) is replaced by them,
 * as flow content: what the MDX compiler does (its remark-mark-and-unravel), so that `<p>text</p>` or
 * `<Aside>Short</Aside>` on a line of its own is one block, not a block inside a paragraph.
 */
export function unravelJsxParagraphs(parent: Parents): void {
  if (!parent.children.some((child) => child.type === "paragraph")) return;
  parent.children = parent.children.flatMap((child: RootContent) =>
    child.type === "paragraph" && holdsOnlyJsx(child.children) ? asFlow(child.children) : [child],
  ) as never;
}

function holdsOnlyJsx(children: readonly RootContent[]): boolean {
  let jsx = false;
  for (const child of children) {
    if (child.type === "mdxJsxTextElement" || child.type === "mdxTextExpression") jsx = true;
    else if (child.type !== "text" || child.value.trim() !== "") return false;
  }
  return jsx;
}

function asFlow(children: readonly RootContent[]): RootContent[] {
  return children
    .filter((child) => child.type !== "text")
    .map(
      (child) =>
        ({
          ...child,
          type: child.type === "mdxJsxTextElement" ? "mdxJsxFlowElement" : "mdxFlowExpression",
        }) as RootContent,
    );
}
