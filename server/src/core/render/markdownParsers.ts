import remarkDirective from "remark-directive";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified, type Processor } from "unified";
import type { Root } from "mdast";
import { withoutAutolinkLiterals } from "./autolinkLiterals";

/** What a parser reads besides CommonMark and GFM: the syntax of the site's pipeline, and the text's needs. */
export interface ParserOptions {
  /** MDX (a `.mdx` file): JSX, ESM and expressions. */
  mdx: boolean;
  /** `$inline$` and `$$display$$` math (remark-math), when the site's pipeline has it. */
  math: boolean;
  /** `:::name` container, `::name` leaf and `:name` text directives (remark-directive), likewise. */
  directives: boolean;
  /** GFM's autolink literals, which only a text holding `@`, `www` or `http` can contain (autolinkLiterals.ts). */
  autolinks: boolean;
}

type Parser = Processor<Root>;

// Processors are built and frozen once per combination: building one per render costs more than
// rendering a node. Each is built afresh, not copied: a copy of a frozen processor gets deep copies
// of its extensions, duplicated.
const parsers = new Map<string, Parser>();

/** The frozen parser for these options (built on first use). */
export function markdownParser(options: ParserOptions): Parser {
  const key = [options.mdx, options.math, options.directives, options.autolinks].map(Number).join("");
  let parser = parsers.get(key);
  if (!parser) {
    parser = buildParser(options);
    parsers.set(key, parser);
  }
  return parser;
}

function buildParser(options: ParserOptions): Parser {
  // remark-mdx before GFM, as the site's MDX compiler orders them (a table cell may hold JSX).
  const processor = unified().use(remarkParse) as unknown as Processor<Root>;
  if (options.mdx) processor.use(remarkMdx);
  processor.use(remarkGfm);
  if (options.math) processor.use(remarkMath);
  if (options.directives) processor.use(remarkDirective);
  if (!options.autolinks) processor.use(withoutAutolinkLiterals);
  return processor.freeze();
}
