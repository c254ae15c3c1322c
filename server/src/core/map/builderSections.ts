import type { Position } from "vscode-languageserver-types";
import { pythonLstrip, pythonStrip, pythonWhitespaceClass } from "./pythonText";

/** A `###` section as the map builder splits a node file: `re.split(r"^###\s+(.*?)$", text, flags=re.M)`. */
export interface BuilderSection {
  /** The heading's text, stripped: what the builder matches against `Order`, `Description`, ... */
  title: string;
  /** The line of the `###` (the text may lie on a later line: `\s+` crosses line ends). */
  headingLine: number;
  /** The line the title text is on, and where it starts and ends there. */
  titleLine: number;
  titleStart: number;
  titleEnd: number;
  /** The section's text, stripped as the builder strips it: the lists are read from this. */
  content: string;
  /** Where `content` starts in the document (its first line keeps only what follows the stripped space). */
  contentStart: Position;
  /** The line after the section's last line (the next `###` line, or the line count). */
  endLine: number;
}

/** `^###\s+(.*?)$` with Python's multi-line `^`/`$` (only `\n` ends a line) and Python's `\s`. */
const headingPattern = new RegExp(`(?<![^\\n])###[${pythonWhitespaceClass}]+([^\\n]*?)(?![^\\n])`, "g");

/**
 * The builder's sections of a document, from its lines (line ends already normalised, as Python's
 * `read_text` does). Text before the first heading is not a section. Headings inside code fences and
 * comments count: the builder does not know Markdown.
 */
export function splitBuilderSections(lines: readonly string[]): BuilderSection[] {
  const text = lines.join("\n");
  const lineStarts: number[] = [];
  for (let line = 0, offset = 0; line < lines.length; offset += lines[line].length + 1, line++)
    lineStarts.push(offset);
  const positionAt = (offset: number): Position => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - lineStarts[low] };
  };

  const matches = [...text.matchAll(headingPattern)];
  return matches.map((match, index) => {
    const start = match.index;
    const end = start + match[0].length;
    const titleOffset = end - match[1].length;
    const titlePosition = positionAt(titleOffset);
    const leading = match[1].length - pythonLstrip(match[1]).length;
    const nextStart = index + 1 < matches.length ? matches[index + 1].index : text.length;
    const rawContent = text.slice(end, nextStart);
    const content = pythonStrip(rawContent);
    const contentOffset = content === "" ? end : end + rawContent.indexOf(content);
    return {
      title: pythonStrip(match[1]),
      headingLine: positionAt(start).line,
      titleLine: titlePosition.line,
      titleStart: titlePosition.character + leading,
      titleEnd: titlePosition.character + pythonStrip(match[1]).length + leading,
      content,
      contentStart: positionAt(contentOffset),
      endLine: index + 1 < matches.length ? positionAt(nextStart).line : lines.length,
    };
  });
}

/**
 * Only the stripped titles of the builder's sections, from a file's text (line ends as read from disk): what
 * a map's conventions are counted from, without the sections' contents and positions.
 */
export function builderSectionTitles(text: string): string[] {
  const normalised = text.includes("\r") ? text.replace(/\r\n/g, "\n") : text;
  return [...normalised.matchAll(headingPattern)].map((match) => pythonStrip(match[1]));
}
