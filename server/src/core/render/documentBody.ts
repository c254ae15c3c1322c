import type { ElementContent } from "hast";
import type { LineIndex } from "../document/lineIndex";
import type { MarkdownSlice } from "./markdownPipeline";
import { prepareMathForTarget } from "./mathLayoutClasses";
import type { PageContext } from "./pageContext";
import { rewriteLinks } from "./pageLinks";
import { renderErrorBlock } from "./renderError";

/** Lines `start` to `end` (excluded) of a file rendered as Markdown, links and images made for the target. */
export function renderLines(
  lines: LineIndex,
  start: number,
  end: number,
  page: PageContext,
): ElementContent[] {
  if (start >= end) return [];
  const text = lines.lines.slice(start, end).join("\n");
  // The site's Markdown pipeline, as kb-author.jsonc declares it for the MDX check (`mdx.syntax`): math
  // and directives are read in `.md` pages too, as Astro's remark plugins are.
  const syntax = page.services.configs.configFor(page.path).mdx.syntax;
  return renderSlice(
    {
      text,
      firstLine: start,
      mdx: page.path.toLowerCase().endsWith(".mdx"),
      math: syntax.includes("math"),
      directives: syntax.includes("directives"),
      resolveReference: page.resolveReference,
    },
    page,
  );
}

function renderSlice(slice: MarkdownSlice, page: PageContext): ElementContent[] {
  const { nodes, mdxFailure } = page.renderMarkdown(slice);
  rewriteLinks(nodes, page);
  if (slice.math) prepareMathForTarget(nodes, page);
  if (mdxFailure === undefined) return nodes;
  const note = `This MDX could not be read as MDX (${mdxFailure}); it is shown as plain Markdown, HTML as text.`;
  return [renderErrorBlock(note), ...nodes];
}
