import type { Position, Range } from "vscode-languageserver-types";

/**
 * A document's text split into lines once. A line ends at `\r\n`, `\r` or `\n`, as LSP and VS Code
 * count lines (and micromark and the map builder, which reads files with Python's universal newlines);
 * lines exclude their terminator, so characters are the UTF-16 offsets LSP expects.
 */
export class LineIndex {
  readonly lines: string[];
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    this.lines = [];
    this.lineStarts = [];
    const lineEnd = /\r\n?|\n/g;
    let start = 0;
    for (;;) {
      const found = lineEnd.exec(text);
      this.lineStarts.push(start);
      this.lines.push(text.slice(start, found ? found.index : text.length));
      if (!found) break;
      start = lineEnd.lastIndex;
    }
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** The offset a line starts at; the text's length for the line after the last. */
  lineStart(line: number): number {
    return line < this.lineStarts.length ? this.lineStarts[line] : this.text.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    const character = Math.min(clamped - this.lineStarts[low], this.lines[low].length);
    return { line: low, character };
  }

  offsetAt(position: Position): number {
    const line = Math.max(0, Math.min(position.line, this.lines.length - 1));
    return this.lineStarts[line] + Math.min(position.character, this.lines[line].length);
  }

  rangeOfOffsets(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The line's text without leading and trailing white space; an empty line gives an empty range at 0. */
  lineRange(line: number): Range {
    const text = this.lines[line] ?? "";
    const start = text.length - text.trimStart().length;
    const end = text.trimEnd().length;
    return { start: { line, character: Math.min(start, end) }, end: { line, character: end } };
  }
}
