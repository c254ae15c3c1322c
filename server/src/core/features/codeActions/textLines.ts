/**
 * A document's text as editable lines, each keeping its own line terminator, so that a fix changes
 * only the lines it touches: a CRLF file stays CRLF, a file without a final newline keeps none.
 * Fixes build the new text here; the edits the editor gets are the difference (see textDiff.ts).
 */
export class TextLines {
  readonly lines: string[] = [];
  private readonly ends: string[] = [];
  /** The terminator of new lines: the document's first one (LF for a one-line document). */
  readonly eol: string;

  constructor(text: string) {
    let start = 0;
    for (;;) {
      const newline = text.indexOf("\n", start);
      if (newline === -1) {
        this.lines.push(text.slice(start));
        this.ends.push("");
        break;
      }
      const crlf = newline > start && text.charCodeAt(newline - 1) === 13;
      this.lines.push(text.slice(start, crlf ? newline - 1 : newline));
      this.ends.push(crlf ? "\r\n" : "\n");
      start = newline + 1;
    }
    this.eol = this.ends.find((end) => end !== "") ?? "\n";
  }

  get count(): number {
    return this.lines.length;
  }

  /**
   * Lines that hold text: the empty "line" after a final newline is not one. Inserting at
   * `contentCount` appends after the last line of text.
   */
  get contentCount(): number {
    const last = this.lines.length - 1;
    return last > 0 && this.lines[last] === "" && this.ends[last - 1] !== "" ? last : this.lines.length;
  }

  isBlank(line: number): boolean {
    return line < 0 || line >= this.lines.length || this.lines[line].trim() === "";
  }

  replace(line: number, text: string): void {
    this.lines[line] = text;
  }

  /** Inserts lines before `line` (`contentCount` appends after the last line of text). */
  insert(line: number, texts: readonly string[]): void {
    if (texts.length === 0) return;
    const atEnd = line >= this.contentCount;
    if (atEnd) {
      const last = this.contentCount - 1;
      if (this.lines.length === 1 && this.lines[0] === "") {
        // An empty document: the lines become the whole text, with a final newline.
        this.lines.splice(0, 1, ...texts, "");
        this.ends.splice(0, 1, ...texts.map(() => this.eol), "");
        return;
      }
      // After the last line of text: it needs a terminator; a final newline stays as it was.
      const hadFinalNewline = this.ends[last] !== "";
      this.ends[last] = this.eol;
      this.lines.splice(last + 1, 0, ...texts);
      this.ends.splice(last + 1, 0, ...texts.map(() => this.eol));
      if (!hadFinalNewline) this.ends[last + texts.length] = "";
      return;
    }
    this.lines.splice(line, 0, ...texts);
    this.ends.splice(line, 0, ...texts.map(() => this.eol));
  }

  /** Removes the lines `from` (included) to `to` (excluded). */
  remove(from: number, to: number): void {
    if (to <= from) return;
    const throughEnd = to >= this.contentCount;
    const hadFinalNewline = this.ends[this.contentCount - 1] !== "";
    this.lines.splice(from, to - from);
    this.ends.splice(from, to - from);
    if (throughEnd && from > 0 && !hadFinalNewline) this.ends[from - 1] = "";
    if (this.lines.length === 0) {
      this.lines.push("");
      this.ends.push("");
    }
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
    let text = "";
    for (let i = 0; i < this.lines.length; i++) text += this.lines[i] + this.ends[i];
    return text;
  }
}
