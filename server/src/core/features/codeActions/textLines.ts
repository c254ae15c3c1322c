import type { TextEdit } from "vscode-languageserver-types";
import type { LineIndex } from "../../document/lineIndex";
import { editsBetween } from "./textDiff";

/**
 * A document's text as editable lines, each keeping its own line terminator, so that a fix changes
 * only the lines it touches: a CRLF file stays CRLF, a file without a final newline keeps none.
 * Fixes build the new text here; the edits the editor gets are the difference (see textDiff.ts) of
 * the lines the fix wrote only, between the lines it kept: a fix of one line costs one line.
 */
export class TextLines {
  private readonly mutableLines: string[];
  private readonly ends: string[];
  /** The original line each line is, unchanged; -1 for a line written (or whose terminator changed). */
  private readonly lineOrigins: number[];
  /** The terminator of new lines: the document's first one (LF for a one-line document). */
  readonly eol: string;

  /** The document as already split (every fix of every diagnostic starts from the same one). */
  constructor(private readonly index: LineIndex) {
    this.mutableLines = index.lines.slice();
    this.ends = index.lines.map((line, number) =>
      index.text.slice(index.lineStart(number) + line.length, index.lineStart(number + 1)),
    );
    this.lineOrigins = index.lines.map((_, line) => line);
    this.eol = this.ends.find((end) => end !== "") ?? "\n";
  }

  get original(): string {
    return this.index.text;
  }

  get lines(): readonly string[] {
    return this.mutableLines;
  }

  /** The original line each line is, unchanged with its terminator; -1 for a line the fix wrote. */
  get origins(): readonly number[] {
    return this.lineOrigins;
  }

  get count(): number {
    return this.mutableLines.length;
  }

  /** Whether a line was written or removed (the text may still be the same). */
  get changed(): boolean {
    return this.count !== this.index.lineCount || this.lineOrigins.includes(-1);
  }

  /**
   * The edits that turn the original text into this one: each run of written lines between two kept
   * ones is diffed with the original lines it replaced. "Fix all" asks every diagnostic for its fixes,
   * and a diff of the whole text (or of a window from the first change to the last) each made that
   * quadratic (fuzz: 200 Order fixes, each renumbering the entries below, in an 80 KB file took 0.1 s).
   */
  edits(): TextEdit[] {
    const originalCount = this.index.lineCount;
    const edits: TextEdit[] = [];
    let oldStart = 0;
    let newStart = 0;
    for (let line = 0; line <= this.count; line++) {
      // Past the last line, the original's end is kept.
      const origin = line < this.count ? this.lineOrigins[line] : originalCount;
      if (origin === -1) continue;
      if (line > newStart || origin > oldStart) {
        const before = this.original.slice(this.index.lineStart(oldStart), this.index.lineStart(origin));
        for (const { range, newText } of editsBetween(before, this.slice(newStart, line)))
          edits.push({
            range: {
              start: { line: range.start.line + oldStart, character: range.start.character },
              end: { line: range.end.line + oldStart, character: range.end.character },
            },
            newText,
          });
      }
      oldStart = origin + 1;
      newStart = line + 1;
    }
    return edits;
  }

  /** The text of the lines `from` (included) to `to` (excluded), with their terminators. */
  slice(from: number, to: number): string {
    let text = "";
    for (let i = from; i < to; i++) text += this.mutableLines[i] + this.ends[i];
    return text;
  }

  /** Gives a line another terminator; the line counts as written when that changes it. */
  private setEnd(line: number, end: string): void {
    if (this.ends[line] === end) return;
    this.ends[line] = end;
    this.lineOrigins[line] = -1;
  }

  /** Replaces the lines `from` to `to` (excluded) with written lines. */
  private splice(from: number, to: number, texts: readonly string[], ends: readonly string[]): void {
    this.mutableLines.splice(from, to - from, ...texts);
    this.ends.splice(from, to - from, ...ends);
    this.lineOrigins.splice(from, to - from, ...texts.map(() => -1));
  }

  /**
   * Lines that hold text: the empty "line" after a final newline is not one. Inserting at
   * `contentCount` appends after the last line of text.
   */
  get contentCount(): number {
    const last = this.count - 1;
    return last > 0 && this.mutableLines[last] === "" && this.ends[last - 1] !== "" ? last : this.count;
  }

  isBlank(line: number): boolean {
    return line < 0 || line >= this.count || this.mutableLines[line].trim() === "";
  }

  replace(line: number, text: string): void {
    if (this.mutableLines[line] === text) return;
    this.mutableLines[line] = text;
    this.lineOrigins[line] = -1;
  }

  /** Inserts lines before `line` (`contentCount` appends after the last line of text). */
  insert(line: number, texts: readonly string[]): void {
    if (texts.length === 0) return;
    const newEnds = texts.map(() => this.eol);
    const atEnd = line >= this.contentCount;
    if (atEnd) {
      const last = this.contentCount - 1;
      if (this.count === 1 && this.mutableLines[0] === "") {
        // An empty document: the lines become the whole text, with a final newline.
        this.splice(0, 1, [...texts, ""], [...newEnds, ""]);
        return;
      }
      // After the last line of text: it needs a terminator; a final newline stays as it was.
      const hadFinalNewline = this.ends[last] !== "";
      this.setEnd(last, this.eol);
      this.splice(last + 1, last + 1, texts, newEnds);
      if (!hadFinalNewline) this.ends[last + texts.length] = "";
      return;
    }
    this.splice(line, line, texts, newEnds);
  }

  /** Removes the lines `from` (included) to `to` (excluded). */
  remove(from: number, to: number): void {
    if (to <= from) return;
    const throughEnd = to >= this.contentCount;
    const hadFinalNewline = this.ends[this.contentCount - 1] !== "";
    this.splice(from, to, [], []);
    if (throughEnd && from > 0 && !hadFinalNewline) this.setEnd(from - 1, "");
    if (this.count === 0) this.splice(0, 0, [""], [""]);
  }

  /**
   * Inserts a block (a heading and its content) before `line` with one blank line on each side, unless
   * the neighbour already is blank or there is none (start or end of the document).
   */
  insertBlock(line: number, block: readonly string[], bodyStart = 0): void {
    const at = Math.min(line, this.contentCount);
    const texts = [...block];
    if (at > bodyStart && !this.isBlank(at - 1)) texts.unshift("");
    if (at < this.contentCount && !this.isBlank(at)) texts.push("");
    this.insert(at, texts);
  }

  toString(): string {
    return this.slice(0, this.count);
  }
}
