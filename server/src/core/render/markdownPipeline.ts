import type { ElementContent } from "hast";
import type { Root as MdastRoot } from "mdast";
import rehypeRaw from "rehype-raw";
import rehypeSanitize from "rehype-sanitize";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { mayHoldAutolinkLiteral, withoutAutolinkLiterals } from "./autolinkLiterals";
import { makeHtmlInert, makeMdxInert } from "./mdxInert";
import { sanitizeSchema } from "./sanitizeSchema";
import { h } from "hastscript";
import { toString } from "mdast-util-to-string";
import { guardSlice } from "./parseGuard";
import { renderErrorBlock } from "./renderError";
import { markSourceLines } from "./sourceLines";

/** A run of lines of a source file to render as Markdown. */
export interface MarkdownSlice {
  text: string;
  /** The 0-based line of the file the text starts at (for `data-line`). */
  firstLine: number;
  /** Read as MDX (a `.mdx` file): JSX, ESM and expressions are shown as inert text. */
  mdx: boolean;
}

interface RenderedMarkdown {
  /** Sanitized HTML nodes, links and images not yet rewritten for the target. */
  nodes: ElementContent[];
  /** Why an MDX slice was read as plain Markdown instead, when it was. */
  mdxFailure: string | undefined;
}

// Processors are built and frozen once: building one per render costs more than rendering a node.
// Each comes without GFM's costly autolink literals too, for the texts that cannot hold one.
const markdownParser = unified().use(remarkParse).use(remarkGfm).freeze();
const mdxParser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).freeze();
// (Built afresh: a copy of a frozen processor gets deep copies of its extensions, duplicated.)
const markdownParserWithoutAutolinks = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(withoutAutolinkLiterals)
  .freeze();
const mdxParserWithoutAutolinks = unified()
  .use(remarkParse)
  .use(remarkMdx)
  .use(remarkGfm)
  .use(withoutAutolinkLiterals)
  .freeze();
// `clobberPrefix: ""`: the sanitizer prefixes every id with `user-content-` (as GitHub does) and the
// link pass prefixes in-page `#fragments` to match; prefixing here too would double it. Headings get
// GitHub's ids (rehype-slug), so `#a-heading` links lead somewhere in the preview and the site.
const toSafeHtml = unified()
  .use(remarkRehype, { clobberPrefix: "" })
  .use(rehypeSlug)
  .use(rehypeSanitize, sanitizeSchema)
  .freeze();
// Raw HTML (as GitHub renders it in .md files) costs an HTML parse: only slices that contain some pay it.
const toSafeHtmlWithRaw = unified()
  .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: "" })
  .use(rehypeRaw)
  .use(rehypeSlug)
  .use(rehypeSanitize, sanitizeSchema)
  .freeze();

/**
 * Markdown to sanitized HTML nodes; raw HTML in `.md` is interpreted then sanitized, MDX made inert.
 * A block too costly to parse (parseGuard.ts) is shown as plain text after a notice saying why.
 */
export function renderMarkdown(slice: MarkdownSlice): RenderedMarkdown {
  const nodes: ElementContent[] = [];
  let mdxFailure: string | undefined;
  for (const part of guardSlice(slice.text)) {
    const firstLine = slice.firstLine + part.line;
    if (part.unparsed !== undefined) {
      nodes.push(
        renderErrorBlock(`This block is shown as plain text, not rendered: ${part.unparsed}.`),
        h("pre.kb-unparsed", { dataLine: firstLine }, part.text),
      );
      continue;
    }
    const rendered = renderParsed({ text: part.text, firstLine, mdx: slice.mdx });
    nodes.push(...rendered.nodes);
    mdxFailure ??= rendered.mdxFailure;
  }
  return { nodes, mdxFailure };
}

/** Characters without which a text holds no Markdown to take out (most Mini Descriptions hold none). */
const markdownSigns = /[\\`*_[\]<>!&~|]/;

/**
 * What a reader sees of a short Markdown text, as plain text (a Mini Description in a card, a tooltip or
 * the site's map): links and images as their text, no emphasis marks or code ticks, entities decoded,
 * HTML tags left out, white space as single spaces.
 */
export function markdownToPlainText(markdown: string): string {
  if (!markdownSigns.test(markdown)) return markdown;
  const parser = mayHoldAutolinkLiteral(markdown) ? markdownParser : markdownParserWithoutAutolinks;
  return toString(parser.parse(markdown), { includeHtml: false }).replace(/\s+/g, " ").trim();
}

function renderParsed(slice: MarkdownSlice): RenderedMarkdown {
  const { tree, mdxFailure } = parse(slice);
  markSourceLines(tree, slice.firstLine);
  const processor = containsHtml(tree) ? toSafeHtmlWithRaw : toSafeHtml;
  const hast = processor.runSync(tree);
  return { nodes: hast.children as ElementContent[], mdxFailure };
}

function parse(slice: MarkdownSlice): { tree: MdastRoot; mdxFailure: string | undefined } {
  const autolinks = mayHoldAutolinkLiteral(slice.text);
  const parseMarkdown = () => (autolinks ? markdownParser : markdownParserWithoutAutolinks).parse(slice.text);
  if (!slice.mdx) return { tree: parseMarkdown(), mdxFailure: undefined };
  try {
    const tree = (autolinks ? mdxParser : mdxParserWithoutAutolinks).parse(slice.text);
    makeMdxInert(tree, slice.text);
    return { tree, mdxFailure: undefined };
  } catch (error) {
    const tree = parseMarkdown();
    makeHtmlInert(tree);
    return { tree, mdxFailure: error instanceof Error ? error.message : String(error) };
  }
}

function containsHtml(tree: MdastRoot): boolean {
  const search = (node: { type: string; children?: unknown[] }): boolean =>
    node.type === "html" || (node.children ?? []).some((child) => search(child as typeof node));
  return search(tree);
}
