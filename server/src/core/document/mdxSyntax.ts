import { fromMarkdown } from "mdast-util-from-markdown";
import { mdxFromMarkdown } from "mdast-util-mdx";
import { directive } from "micromark-extension-directive";
import { gfm } from "micromark-extension-gfm";
import { math } from "micromark-extension-math";
import { mdxjs } from "micromark-extension-mdxjs";
import type { Extension } from "micromark-util-types";

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

/** A component a page uses: `<Aside>`, `<Tabs.Item>` (by its first part), where its name is written. */
export interface UsedComponent {
  name: string;
  line: number;
  character: number;
}

/** What the MDX compiler makes of a page: where it stops, or the components it uses and the names it defines. */
export type MdxReading =
  | { error: MdxSyntaxError }
  | { error?: undefined; components: UsedComponent[]; defined: Set<string> };

/**
 * Parses a page as the MDX compiler does (micromark with its mdxjs extension and the site's syntax
 * extensions, then the MDX tree): the first syntax error, at its place in the file, or the page's
 * components and the names its `import`s and `export`s define. The frontmatter is blanked, not cut, so
 * that the lines and columns stay the file's own.
 */
export function readMdx(text: string, bodyStartLine: number, syntax: readonly MdxSyntax[]): MdxReading {
  const body = bodyStartLine > 0 ? blankLines(text, bodyStartLine) : text;
  const used = syntax.filter((name) => name !== "gfm" || gfmCanMatter(body));
  const key = [...used].sort().join(",");
  let extensions = parsers.get(key);
  if (!extensions) {
    extensions = [mdxjs(), ...used.map((name) => extensionsBySyntax[name]())];
    parsers.set(key, extensions);
  }
  let tree: MdastNode;
  try {
    // The tree too, not only the tokens: unclosed and misnested tags are found when tags are paired.
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
      const name = node.name.split(".")[0];
      const start = node.position?.start;
      // Lower-case names are HTML elements, names with `-` custom elements: only components need defining.
      if (/^[A-Z_$]/.test(name) && start)
        components.push({ name, line: start.line - 1, character: start.column });
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

/** The names an ESM block binds: `import X, { A, B as C } from`, `import * as NS from`, `export const X`. */
function definedNames(esm: string, names: Set<string>): void {
  for (const match of esm.matchAll(/\bimport\s+([^'";]*?)\s+from\b/g)) {
    const clause = match[1];
    const named = /\{([^}]*)\}/.exec(clause);
    for (const part of named?.[1].split(",") ?? []) {
      const binding = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (binding) names.add(binding.replace(/^type\s+/, ""));
    }
    const rest = clause.replace(/\{[^}]*\}/, "");
    const namespace = /\*\s*as\s+([\w$]+)/.exec(rest);
    if (namespace) names.add(namespace[1]);
    const defaultBinding = /^\s*([\w$]+)/.exec(rest);
    if (defaultBinding && defaultBinding[1] !== "type") names.add(defaultBinding[1]);
  }
  for (const match of esm.matchAll(
    /\bexport\s+(?:default\s+)?(?:const|let|var|function\*?|class)\s+([\w$]+)/g,
  ))
    names.add(match[1]);
  for (const match of esm.matchAll(/\b(?:const|let|var)\s+\{([^}]*)\}\s*=/g))
    for (const part of match[1].split(",")) {
      const binding = part.split(":").pop()?.trim();
      if (binding) names.add(binding);
    }
}

/** The text with its first `count` lines emptied (line ends kept, so the parser's lines stay the file's). */
function blankLines(text: string, count: number): string {
  const lineEnd = /\r\n?|\n/g;
  for (let line = 0; line < count; line++) if (!lineEnd.exec(text)) return text.replace(/[^\r\n]/g, "");
  return text.slice(0, lineEnd.lastIndex).replace(/[^\r\n]/g, "") + text.slice(lineEnd.lastIndex);
}
