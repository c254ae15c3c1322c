import type { Range } from "vscode-languageserver-types";
import { withoutCodeSpans } from "./links";
import type { ParsedMarkdown } from "./parsedDocument";

/** A GFM footnote reference `[^id]` or definition `[^id]: text`. */
export interface Footnote {
  /** The label as written (without `[^` and `]`). */
  label: string;
  /** The label as GFM matches it: white space collapsed, case folded. */
  key: string;
  /** The `[^id]` (a definition's too: its label, not its text). */
  range: Range;
}

export interface Footnotes {
  references: Footnote[];
  definitions: Footnote[];
}

/** `[^id]:` at the start of a line (up to three spaces of indentation), as GFM reads a definition. */
const definitionStart = /^ {0,3}\[\^([^\]\s]+)\]:/;
/** `[^id]` anywhere in prose: a reference, when a definition of its label exists (else plain text). */
const reference = /\[\^([^\]\s]+)\]/g;

/** A footnote label as micromark normalises identifiers (`normalizeIdentifier`). */
export function footnoteKey(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, " ")
    .trim()
    .toLowerCase()
    .toUpperCase();
}

/** The footnote references and definitions in the prose of a document (never in code, comments or MDX ESM). */
export function findFootnotes(parsed: ParsedMarkdown): Footnotes {
  const references: Footnote[] = [];
  const definitions: Footnote[] = [];
  const { lines, outline } = parsed;
  for (let line = outline.bodyStartLine; line < lines.lineCount; line++) {
    if (outline.isOpaqueLine(line)) continue;
    const raw = lines.lines[line];
    if (!raw.includes("[^")) continue;
    const text = withoutCodeSpans(raw);
    const definition = definitionStart.exec(text);
    let from = 0;
    if (definition) {
      const start = definition[0].indexOf("[");
      definitions.push(footnoteAt(line, definition[1], start));
      from = definition[0].length;
    }
    for (const match of text.slice(from).matchAll(reference))
      references.push(footnoteAt(line, match[1], from + match.index));
  }
  return { references, definitions };
}

function footnoteAt(line: number, label: string, start: number): Footnote {
  const end = start + label.length + 3;
  return {
    label,
    key: footnoteKey(label),
    range: { start: { line, character: start }, end: { line, character: end } },
  };
}
