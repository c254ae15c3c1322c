import { fromMarkdown } from "mdast-util-from-markdown";
import { mdxFromMarkdown } from "mdast-util-mdx";
import { parse, postprocess, preprocess } from "micromark";
import { directive } from "micromark-extension-directive";
import { gfm } from "micromark-extension-gfm";
import { math } from "micromark-extension-math";
import { mdxjs } from "micromark-extension-mdxjs";
import type { Event, Extension } from "micromark-util-types";
import { addComponent, definedNames, type UsedComponent } from "./mdxNames";
import { readTagsOfEvents } from "./mdxTags";

/** Syntax extensions a site's MDX pipeline adds (remark-gfm, remark-math, remark-directive). */
export type MdxSyntax = "gfm" | "math" | "directives";

/** Where and why an MDX page would not compile. */
export interface MdxSyntaxError {
  /** 0-based line and UTF-16 column in the file. */
  line: number;
  character: number;
  reason: string;
}

const extensionsBySyntax: Record<MdxSyntax, () => Extension> = {
  gfm: () => gfm(),
  math: () => math(),
  directives: () => directive(),
};

const parsers = new Map<string, Extension[]>();

/** What the MDX compiler makes of a page: where it stops, or the components it uses and the names it defines. */
export type MdxReading =
  | { error: MdxSyntaxError }
  | { error?: undefined; components: UsedComponent[]; defined: Set<string> };

/**
 * Parses a page as the MDX compiler does (micromark with its mdxjs extension and the site's syntax
 * extensions, then the MDX tree): the first syntax error, at its place in the file, or the page's
 * components and the names its `import`s and `export`s define. The frontmatter is blanked, not cut, so
 * that the lines and columns stay the file's own. `via: "tree"` always builds the tree (the reference
 * the token reading is tested against).
 */
export function readMdx(
  text: string,
  bodyStartLine: number,
  syntax: readonly MdxSyntax[],
  via: "tokens" | "tree" = "tokens",
): MdxReading {
  const body = bodyStartLine > 0 ? blankLines(text, bodyStartLine) : text;
  const used = syntax.filter((name) => name !== "gfm" || gfmCanMatter(body));
  const key = [...used].sort().join(",");
  let extensions = parsers.get(key);
  if (!extensions) {
    extensions = [mdxjs(), ...used.map((name) => extensionsBySyntax[name]())];
    parsers.set(key, extensions);
  }
  if (via === "tree") return readTree(body, bodyStartLine, extensions);
  let events: Event[];
  try {
    events = postprocess(
      parse({ extensions })
        .document()
        .write(preprocess()(body, undefined, true)),
    );
  } catch (error) {
    return { error: syntaxErrorOf(error, bodyStartLine) };
  }
  // The tags read from the tokens settle most pages; where they do not (a tag closed in another block, a
  // closing tag that does not match), the MDX tree decides, and names the error as the compiler does.
  return readTagsOfEvents(events) ?? readTree(body, bodyStartLine, extensions);
}

/** The page through the MDX tree (tags paired as the compiler pairs them): its first error or its names. */
function readTree(body: string, bodyStartLine: number, extensions: Extension[]): MdxReading {
  let tree: MdastNode;
  try {
    tree = fromMarkdown(body, { extensions, mdastExtensions: [mdxFromMarkdown()] }) as MdastNode;
  } catch (error) {
    return { error: syntaxErrorOf(error, bodyStartLine) };
  }
  const components: UsedComponent[] = [];
  const defined = new Set<string>();
  const pending: MdastNode[] = [tree];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === "mdxjsEsm" && typeof node.value === "string") definedNames(node.value, defined);
    else if ((node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") && node.name) {
      const start = node.position?.start;
      if (start) addComponent(components, node.name, start.line - 1, start.column);
    }
    if (node.children) pending.push(...node.children);
  }
  return { components, defined };
}

/**
 * Whether GFM can change what the MDX compiler makes of a page: a table (its cells split text that braces
 * and tags would otherwise span), a footnote definition (its text is Markdown, where CommonMark may read a
 * link definition), or an autolink literal running into `{` or `<`. Strikethrough and task lists cannot.
 * Parsing GFM costs as much as the rest of the parse (5.0 s against 2.6 s on astro-docs' 420 pages), and
 * few pages have any of these.
 */
function gfmCanMatter(body: string): boolean {
  return (
    /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*\|/m.test(body) ||
    /^[ \t>]*\|[ \t]*:?-+:?[ \t]*$/m.test(body) ||
    /\[\^[^\]]*\]:/.test(body) ||
    /(?:https?:\/\/|www\.|@)[^\s]*[{<]/i.test(body)
  );
}

interface MdastNode {
  type: string;
  name?: string | null;
  value?: unknown;
  children?: MdastNode[];
  position?: { start: { line: number; column: number } };
}

function syntaxErrorOf(error: unknown, bodyStartLine: number): MdxSyntaxError {
  const message = error as { line?: number; column?: number; reason?: string };
  const reason = message.reason ?? String(error);
  // The tree's tag pairing names the tag's place in its reason ("Expected a closing tag for `<Aside>`
  // (9:1-9:19)"), more precise than the message's own place (the paragraph holding it).
  const where = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(reason);
  if (where) return { line: Number(where[1]) - 1, character: Number(where[2]) - 1, reason };
  if (typeof message.line === "number" && typeof message.column === "number")
    return { line: message.line - 1, character: message.column - 1, reason };
  return { line: bodyStartLine, character: 0, reason };
}

/** The text with its first `count` lines emptied (line ends kept, so the parser's lines stay the file's). */
function blankLines(text: string, count: number): string {
  const lineEnd = /\r\n?|\n/g;
  for (let line = 0; line < count; line++) if (!lineEnd.exec(text)) return text.replace(/[^\r\n]/g, "");
  return text.slice(0, lineEnd.lastIndex).replace(/[^\r\n]/g, "") + text.slice(lineEnd.lastIndex);
}
