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
  for (const heading of parsed.outline.headings) {
    const explicit = explicitId.exec(heading.text);
    if (explicit) anchors.add(explicit[1]);
    else anchors.add(slugger(headingText(heading.text)));
  }
  const { lines, outline } = parsed;
  for (let line = outline.bodyStartLine; line < lines.lineCount; line++) {
    const text = lines.lines[line];
    if (outline.isOpaqueLine(line) || (!text.includes("id") && !text.includes("name"))) continue;
    for (const match of text.matchAll(elementId)) anchors.add(match[1] ?? match[2]);
  }
  bySlugger.set(sluggerName, anchors);
  return anchors;
}

/** A heading's text as a reader sees it: Markdown inline syntax read, HTML and JSX tags left out. */
function headingText(markdown: string): string {
  if (!/[`*_[\]<&\\!]/.test(markdown)) return markdown;
  try {
    // Read as a heading itself, so that `1. Install` or `- x` stay text, not a list.
    return toString(fromMarkdown(`# ${markdown}`), { includeHtml: false });
  } catch {
    return markdown;
  }
}
