import type { ElementContent } from "hast";
import type { Root as MdastRoot } from "mdast";
import rehypeRaw from "rehype-raw";
import rehypeSanitize from "rehype-sanitize";
import rehypeSlug from "rehype-slug";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { mayHoldAutolinkLiteral } from "./autolinkLiterals";
import { renderDirectives } from "./directiveCallouts";
import { directivesTooDeep } from "./directiveNesting";
import { rehypeFootnoteIds } from "./footnoteIds";
import { markdownParser, type ParserOptions } from "./markdownParsers";
import { renderMathIn } from "./mathRendering";
import { makeHtmlInert, makeMdxInert } from "./mdxInert";
import { noReferences, type ReferenceResolver } from "./referenceResolver";
import { sanitizeSchema } from "./sanitizeSchema";
import { h } from "hastscript";
import { toString } from "mdast-util-to-string";
import { guardSlice } from "./parseGuard";
import { renderErrorBlock } from "./renderError";
import { markSourceLines } from "./sourceLines";
import type { RenderedMarkdown } from "./renderTypes";

/** A run of lines of a source file to render as Markdown. */
export interface MarkdownSlice {
  text: string;
  /** The 0-based line of the file the text starts at (for `data-line`). */
  firstLine: number;
  /** Read as MDX (a `.mdx` file): JSX, ESM and expressions are shown, never run (mdxInert.ts). */
  mdx: boolean;
  /** `$...$` and `$$...$$` are math, typeset with KaTeX (the site's pipeline has remark-math). */
  math?: boolean;
  /** `:::note` and other directives are read (the site's pipeline has remark-directive). */
  directives?: boolean;
  /** Which MDX components are references to entries, shown as links (none when not given). */
  resolveReference?: ReferenceResolver;
}

// `clobberPrefix: ""`: the sanitizer prefixes every id with `user-content-` (as GitHub does) and the
// link pass prefixes in-page `#fragments` to match; prefixing here too would double it. Headings get
// GitHub's ids (rehype-slug), so `#a-heading` links lead somewhere in the preview and the site;
// footnotes get ids no heading can have (footnoteIds.ts).
const toSafeHtml = unified()
  .use(remarkRehype, { clobberPrefix: "" })
  .use(rehypeFootnoteIds)
  .use(rehypeSlug)
  .use(rehypeSanitize, sanitizeSchema)
  .freeze();
// Raw HTML (as GitHub renders it in .md files) costs an HTML parse: only slices that contain some pay it.
const toSafeHtmlWithRaw = unified()
  .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: "" })
  .use(rehypeFootnoteIds)
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
  const tooDeep = slice.directives ? directivesTooDeep(slice.text) : undefined;
  if (tooDeep !== undefined) nodes.push(renderErrorBlock(`Directives are shown as text here: ${tooDeep}.`));
  const read = tooDeep === undefined ? slice : { ...slice, directives: false };
  for (const part of guardSlice(read.text)) {
    const firstLine = read.firstLine + part.line;
    if (part.unparsed !== undefined) {
      nodes.push(
        renderErrorBlock(`This block is shown as plain text, not rendered: ${part.unparsed}.`),
        h("pre.kb-unparsed", { dataLine: firstLine }, part.text),
      );
      continue;
    }
    const rendered = renderParsed({ ...read, text: part.text, firstLine });
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
  const parser = markdownParser({ ...plainMarkdown, autolinks: mayHoldAutolinkLiteral(markdown) });
  return toString(parser.parse(markdown), { includeHtml: false }).replace(/\s+/g, " ").trim();
}

const plainMarkdown = { mdx: false, math: false, directives: false };

function renderParsed(slice: MarkdownSlice): RenderedMarkdown {
  const { tree, mdxFailure } = parse(slice);
  if (slice.directives) renderDirectives(tree, slice.text);
  markSourceLines(tree, slice.firstLine);
  const processor = containsHtml(tree) ? toSafeHtmlWithRaw : toSafeHtml;
  const nodes = processor.runSync(tree).children as ElementContent[];
  // After sanitizing: KaTeX's output is checked by its own schema, which allows what the page's does not.
  if (slice.math) renderMathIn(nodes);
  return { nodes, mdxFailure };
}

function parse(slice: MarkdownSlice): { tree: MdastRoot; mdxFailure: string | undefined } {
  const options: ParserOptions = {
    mdx: false,
    math: slice.math ?? false,
    directives: slice.directives ?? false,
    autolinks: mayHoldAutolinkLiteral(slice.text),
  };
  const parseMarkdown = () => markdownParser(options).parse(slice.text);
  if (!slice.mdx) return { tree: parseMarkdown(), mdxFailure: undefined };
  try {
    const tree = markdownParser({ ...options, mdx: true }).parse(slice.text);
    makeMdxInert(tree, slice.resolveReference ?? noReferences);
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
