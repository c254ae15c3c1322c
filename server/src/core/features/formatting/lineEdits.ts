import type { TextEdit } from "vscode-languageserver-types";
import type { LineIndex } from "../../document/lineIndex";

/**
 * One line of a formatted document: its text (without line break) and the original line it comes
 * from, or undefined for a line the formatter inserts. Sources must increase along the document;
 * original lines that no formatted line names are deleted.
 */
export interface FormattedLine {
  text: string;
  source: number | undefined;
}

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * The number of lines of a document, not counting the empty "line" after a final line break
 * (`a\n` has one line, the empty document none).
 */
export function lineCountOf(lines: LineIndex): number {
  const last = lines.lineCount - 1;
  return lines.lines[last] === "" ? last : lines.lineCount;
}

/**
 * The edits that turn a document into its formatted lines, each ended by `\n`. Because every
 * formatted line knows the line it comes from, no diff is needed: a changed line gets an edit on
 * its changed characters only (trailing spaces, an indent), a line break that is not `\n` one on
 * the break only, deleted and inserted lines one per run. Touching edits are merged, so that no
 * two edits start at the same place (the order of such edits is up to the client).
 */
export function lineEdits(lines: LineIndex, formatted: readonly FormattedLine[]): TextEdit[] {
  const text = lines.text;
  const count = lineCountOf(lines);
  const lineStart = (line: number) =>
    line < lines.lineCount ? lines.offsetAt({ line, character: 0 }) : text.length;
  const edits: OffsetEdit[] = [];
  const push = (edit: OffsetEdit) => {
    const previous = edits[edits.length - 1];
    if (previous && previous.end === edit.start) {
      previous.end = edit.end;
      previous.newText += edit.newText;
    } else {
      edits.push(edit);
    }
  };

  let next = 0;
  let inserted = "";
  /** Replaces the original lines from `next` up to `line` (excluded) by the lines inserted since. */
  const flush = (line: number) => {
    const start = lineStart(next);
    const end = lineStart(line);
    if (start !== end || inserted !== "") push({ start, end, newText: inserted });
    inserted = "";
  };

  for (const { text: newLine, source } of formatted) {
    if (source === undefined) {
      inserted += newLine + "\n";
      continue;
    }
    if (source < next || source >= count) throw new Error(`formatted line from line ${source} out of order`);
    flush(source);
    const start = lineStart(source);
    const oldLine = lines.lines[source];
    if (oldLine !== newLine) push(changedPart(oldLine, newLine, start));
    const contentEnd = start + oldLine.length;
    const lineEnd = lineStart(source + 1);
    if (text.slice(contentEnd, lineEnd) !== "\n") push({ start: contentEnd, end: lineEnd, newText: "\n" });
    next = source + 1;
  }
  flush(count);

  return edits.map((edit) => ({
    range: { start: lines.positionAt(edit.start), end: lines.positionAt(edit.end) },
    newText: edit.newText,
  }));
}

/** The differing middle of two versions of a line (after their common prefix and suffix), as an edit. */
function changedPart(oldLine: string, newLine: string, lineOffset: number): OffsetEdit {
  const shorter = Math.min(oldLine.length, newLine.length);
  let prefix = 0;
  while (prefix < shorter && oldLine.charCodeAt(prefix) === newLine.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    oldLine.charCodeAt(oldLine.length - 1 - suffix) === newLine.charCodeAt(newLine.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Never split a surrogate pair between the kept and the replaced text.
  if (prefix > 0 && isHighSurrogate(oldLine.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(oldLine.charCodeAt(oldLine.length - suffix))) suffix--;
  return {
    start: lineOffset + prefix,
    end: lineOffset + oldLine.length - suffix,
    newText: newLine.slice(prefix, newLine.length - suffix),
  };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
