import type { Range } from "vscode-languageserver-types";
import type { ParsedMarkdown } from "./parsedDocument";

/** An inline link, image or link reference definition, with the range of its target. */
export interface MarkdownLink {
  text: string;
  target: string;
  targetRange: Range;
  /** The whole `[text](target)`. */
  range: Range;
}

// [text](target "title") and ![alt](target); the target may be <bracketed> or hold one level of parentheses.
const inlineLink =
  /!?\[((?:[^[\]\\]|\\.)*)\]\(\s*(<[^>\n]*>|(?:[^\s()\\]|\\.|\([^\s()]*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const referenceDefinition = /^ {0,3}\[((?:[^[\]\\]|\\.)+)\]:\s*(<[^>]*>|\S+)/;
const codeSpan = /(`+)(?:(?!\1)[\s\S])*?\1/g;

/** A line with its code spans blanked (same length), so that nothing in them is read as a link or footnote. */
export function withoutCodeSpans(line: string): string {
  return line.replace(codeSpan, (span) => " ".repeat(span.length));
}

/** Links in the prose of a document (never in code spans, code blocks, comments or MDX ESM). */
export function findLinks(parsed: ParsedMarkdown): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  const { lines, outline } = parsed;
  for (let line = outline.bodyStartLine; line < lines.lineCount; line++) {
    if (outline.isOpaqueLine(line)) continue;
    const raw = lines.lines[line];
    if (!raw.includes("](") && !raw.includes("]:")) continue;
    const text = withoutCodeSpans(raw);
    const definition = text.match(referenceDefinition);
    // `[^id]: text` is a GFM footnote definition, not a link: the links in its text are read below.
    if (definition && !definition[1].startsWith("^")) {
      const start = text.indexOf(definition[2], definition[0].length - definition[2].length);
      links.push(makeLink(line, definition[1], definition[2], start, 0, text.trimEnd().length));
      continue;
    }
    for (const match of text.matchAll(inlineLink)) {
      const afterParen = match.index + match[0].indexOf("](") + 2;
      const targetStart = text.indexOf(match[2], afterParen);
      links.push(makeLink(line, match[1], match[2], targetStart, match.index, match.index + match[0].length));
    }
  }
  return links;
}

function makeLink(
  line: number,
  text: string,
  rawTarget: string,
  targetStart: number,
  start: number,
  end: number,
): MarkdownLink {
  const bracketed = rawTarget.startsWith("<") && rawTarget.endsWith(">");
  const target = bracketed ? rawTarget.slice(1, -1) : rawTarget;
  const start0 = targetStart + (bracketed ? 1 : 0);
  return {
    text,
    target,
    targetRange: { start: { line, character: start0 }, end: { line, character: start0 + target.length } },
    range: { start: { line, character: start }, end: { line, character: end } },
  };
}
