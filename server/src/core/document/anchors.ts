import { fromMarkdown } from "mdast-util-from-markdown";
import { toString } from "mdast-util-to-string";
import type { ParsedMarkdown } from "./parsedDocument";
import { createSlugger, type SluggerName } from "./sluggers";

/** `## Heading {#custom-id}`: an explicit id, as several site generators accept. */
const explicitId = /\s*\{#([^\s{}]+)\}\s*$/;
/** `id="x"` or `name="x"` on an element (HTML or JSX) in the prose. */
const elementId = /\s(?:id|name)\s*=\s*(?:"([^"]+)"|'([^']+)')/g;

const anchorsByDocument = new WeakMap<ParsedMarkdown, Map<SluggerName, Set<string>>>();

/**
 * The anchors a page has: its headings' ids as the site's slugger makes them (by default GitHub's:
 * github-slugger over the heading's text, repeats numbered `-1`, `-2`), explicit `{#id}`s, and the ids of
 * its elements.
 */
export function anchorsOf(parsed: ParsedMarkdown, sluggerName: SluggerName = "github"): Set<string> {
  let bySlugger = anchorsByDocument.get(parsed);
  if (!bySlugger) anchorsByDocument.set(parsed, (bySlugger = new Map()));
  let anchors = bySlugger.get(sluggerName);
  if (anchors) return anchors;
  anchors = new Set();
  const slugger = createSlugger(sluggerName);
  const headings = parsed.outline.headings.map((heading) => heading.text);
  const texts = headingTexts(headings.filter((text) => !explicitId.test(text)));
  for (const heading of headings) {
    const explicit = explicitId.exec(heading);
    // (Slugged in the page's order: a repeated heading's number depends on it.)
    anchors.add(explicit ? explicit[1] : slugger(texts.get(heading) ?? heading));
  }
  for (const id of elementIds(parsed)) anchors.add(id);
  bySlugger.set(sluggerName, anchors);
  return anchors;
}

/**
 * What a page's anchors are made from, whatever the slugger: its headings and its elements' ids. When it
 * changes, a link to one of the page's anchors may land elsewhere.
 */
export function anchorSources(parsed: ParsedMarkdown): string {
  return [...parsed.outline.headings.map((heading) => heading.text), ...elementIds(parsed)].join("\n");
}

function* elementIds(parsed: ParsedMarkdown): Generator<string> {
  const { lines, outline } = parsed;
  for (let line = outline.bodyStartLine; line < lines.lineCount; line++) {
    const text = lines.lines[line];
    if (outline.isOpaqueLine(line) || (!text.includes("id") && !text.includes("name"))) continue;
    for (const match of text.matchAll(elementId)) yield match[1] ?? match[2];
  }
}

/**
 * Headings' text as a reader sees it (Markdown inline syntax read, HTML and JSX tags left out), for those
 * with inline syntax; the others are their own text. Read in one parse per page, each as a heading of its
 * own (so that `1. Install` or `- x` stay text, not a list): a parse per heading took 1.2 s on astro-docs.
 */
function headingTexts(headings: readonly string[]): Map<string, string> {
  const marked = [...new Set(headings.filter((text) => /[`*_[\]<&\\!]/.test(text)))];
  const texts = new Map<string, string>();
  if (marked.length === 0) return texts;
  try {
    const parsed = fromMarkdown(marked.map((text) => `# ${text}`).join("\n\n")).children;
    // Each line is an ATX heading whatever it holds; should the count still differ, each is read alone.
    if (parsed.length !== marked.length) {
      if (marked.length === 1) return texts;
      return new Map(marked.map((text) => [text, headingTexts([text]).get(text) ?? text]));
    }
    marked.forEach((text, index) => texts.set(text, toString(parsed[index], { includeHtml: false })));
  } catch {
    // Unreadable inline syntax: the text as written.
  }
  return texts;
}
