/**
 * Cheap checks run before remark parses a slice (its own module: the bundle lazy-loads
 * markdownPipeline.ts and lists its exports). A block (lines between blank lines) that would take too
 * long to parse is shown as plain text instead, and the rest of the slice is parsed as usual.
 */

/** Container markers (`>`, list bullets) and indentation columns at the start of one line beyond which a block is not parsed. */
const maxLineMarkers = 64;
const maxIndentColumns = 128;
/** Inline delimiters (`*`, `_`, backticks, brackets, `~`, `<`) in one block beyond which it is not parsed. */
const maxBlockDelimiters = 1000;
/**
 * Inline delimiters in one slice (a page's body) beyond which the rest of it is not parsed: 60,000 marks
 * in 1.4 MB of short paragraphs, each under the block limit, held the preview (and the server) for a
 * minute. The busiest page of the shared corpora has about 4,000.
 */
const maxSliceDelimiters = 20_000;
/** Characters of one line beyond which its block is not parsed. */
const maxParsedLineLength = 50_000;
/** Characters after a `[` that no `]` closes, beyond which the block is not parsed. */
const maxTextAfterOpenBracket = 8_000;
/** Table cell separators (`|`) in one block beyond which it is not parsed. */
const maxTableCells = 2_000;
/**
 * Table cell separators parsed together. micromark's table extension keeps every cell of a parse in one
 * list of edits that it scans at each insertion, so the cost grows with the square of the cells parsed
 * together, whatever the tables: 5 tables of 1,900 cells took 2.7 s, 10 took 8 s, 20 took 30 s (37 KB to
 * 150 KB). Past this many, the next block starts a new parse.
 */
const maxPartTableCells = 1_000;
/** Table cell separators in one slice beyond which the rest of it is shown as text (astro-docs' busiest page has 122). */
const maxSliceTableCells = 4_000;

/**
 * Why a block would take too long to parse, if it would. micromark's cost grows faster than the
 * nesting depth and than the inline delimiters of a paragraph (found by the fuzz suite: 2,000 nested
 * `1. ` on one line take about 1 s, 500 indented list levels over 3 s and 128 about 0.1 s, a 60 KB line of `*_\`` 4 s,
 * 1,000 links in a paragraph 0.1 s, 4,000 words after a `[` that is never closed 0.1 s (GFM's
 * autolink literals look back over the paragraph for an open bracket at each word), and
 * mdast-util-to-hast overflows the stack from about 1,000 levels). No real block comes near these limits: the shared corpus's busiest paragraph has a few
 * dozen links.
 */
export function tooCostlyToParse(text: string): string | undefined {
  // A GFM table's cost grows faster than its cells: 2,500 cells rendered in about 1 s, 10,000 in 4 s,
  // 40,000 (200 x 200) in over 20 s, and the preview of a 1 MB table held the server for minutes.
  if (countOf(text, 124, maxTableCells) > maxTableCells)
    return `it holds over ${maxTableCells.toLocaleString("en-US")} table cells`;
  const afterOpenBracket = text.length - firstUnclosedBracket(text);
  if (afterOpenBracket > maxTextAfterOpenBracket)
    return `a \`[\` that nothing closes is followed by over ${maxTextAfterOpenBracket.toLocaleString("en-US")} characters`;
  const lineEnd = /[\r\n]/g;
  const marker = /[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$)/y;
  let delimiters = 0;
  for (let start = 0; start < text.length; ) {
    // micromark ends lines at \r as well as \n: a file with lone CRs is many lines to it.
    lineEnd.lastIndex = start;
    const end = lineEnd.test(text) ? lineEnd.lastIndex - 1 : text.length;
    if (end - start > maxParsedLineLength)
      return `a line is over ${maxParsedLineLength.toLocaleString("en-US")} characters long`;
    let columns = 0;
    for (let i = start; i < end && columns <= maxIndentColumns; i++) {
      const code = text.charCodeAt(i);
      if (code === 32) columns++;
      else if (code === 9) columns += 4;
      else break;
    }
    if (columns > maxIndentColumns) return `a line is indented over ${maxIndentColumns} columns`;
    let markers = 0;
    marker.lastIndex = start;
    while (markers <= maxLineMarkers && marker.lastIndex < end && marker.test(text)) markers++;
    if (markers > maxLineMarkers) return `a line opens over ${maxLineMarkers} nested quotes or lists`;
    delimiters += delimiterCount(text, start, end, maxBlockDelimiters - delimiters + 1);
    if (delimiters > maxBlockDelimiters)
      return `it holds over ${maxBlockDelimiters.toLocaleString("en-US")} emphasis, code, link or HTML marks`;
    start = end + 1;
  }
  return undefined;
}

/** The inline delimiters (`*`, `_`, backticks, brackets, `~`, `<`) of `text[start, end)`, counting no further than `limit`. */
function delimiterCount(text: string, start: number, end: number, limit: number): number {
  let count = 0;
  for (let i = start; i < end && count < limit; i++) {
    const code = text.charCodeAt(i);
    if (
      code === 42 ||
      code === 95 ||
      code === 96 ||
      code === 91 ||
      code === 93 ||
      code === 126 ||
      code === 60
    )
      count++;
  }
  return count;
}

/** How many times a character (by its code) occurs in a text, counting no further than past `limit`. */
function countOf(text: string, code: number, limit = Infinity): number {
  const character = String.fromCharCode(code);
  let count = 0;
  for (let at = text.indexOf(character); at !== -1 && count <= limit; at = text.indexOf(character, at + 1))
    count++;
  return count;
}

/** A run of lines of a slice: parsed as Markdown, or (`unparsed` says why) shown as plain text. */
interface GuardedPart {
  text: string;
  /** The line of the slice the part starts at. */
  line: number;
  unparsed?: string;
}

/**
 * The slice cut into parts to parse and blocks too costly to parse (each with the reason). A slice
 * without such a block is one part, its text unchanged, so ordinary documents render as before.
 * Blocks end at blank lines, where a Markdown block ends, so the parts around a costly block parse
 * as they would have in the whole slice (but for a list or fence that runs across blank lines). Past
 * `maxSliceDelimiters` marks in all, the rest of the slice is one plain-text part.
 */
export function guardSlice(text: string): GuardedPart[] {
  if (tooCostlyToParse(text) === undefined && countOf(text, 124, maxPartTableCells) <= maxPartTableCells)
    return [{ text, line: 0 }];
  const lines = text.split("\n");
  const parts: GuardedPart[] = [];
  let pending: string[] = [];
  let pendingLine = 0;
  let pendingCells = 0;
  const flush = (next: number) => {
    if (pending.length > 0) parts.push({ text: pending.join("\n"), line: pendingLine });
    pending = [];
    pendingLine = next;
    pendingCells = 0;
  };
  const restAsText = (line: number, what: string) => {
    flush(line);
    const rest = `the page holds over ${what}, and the rest of it is shown as text`;
    parts.push({ text: lines.slice(line).join("\n"), line, unparsed: rest });
    return parts;
  };
  let delimiters = 0;
  let tableCells = 0;
  /** The fence (``` or ~~~) of the code block the next block is inside, if any. */
  let inFence: string | undefined;
  for (let line = 0; line < lines.length; ) {
    let end = line;
    while (end < lines.length && !isBlank(lines[end])) end++;
    const block = lines.slice(line, end).join("\n");
    delimiters += delimiterCount(block, 0, block.length, maxSliceDelimiters);
    if (delimiters > maxSliceDelimiters)
      return restAsText(
        line,
        `${maxSliceDelimiters.toLocaleString("en-US")} emphasis, code, link or HTML marks`,
      );
    const cells = countOf(block, 124, maxSliceTableCells);
    tableCells += cells;
    if (tableCells > maxSliceTableCells)
      return restAsText(line, `${maxSliceTableCells.toLocaleString("en-US")} table cells`);
    const reason = end > line ? tooCostlyToParse(block) : undefined;
    if (reason) {
      flush(end);
      parts.push({ text: block, line, unparsed: reason });
    } else {
      // A new parse starts only outside a fenced code block, which would otherwise be cut in two.
      if (pendingCells + cells > maxPartTableCells && !inFence) flush(line);
      pendingCells += cells;
      pending.push(...lines.slice(line, end));
    }
    for (let at = line; at < end; at++) {
      const fence = /^ {0,3}(`{3,}|~{3,})/.exec(lines[at]);
      if (fence && (!inFence || (fence[1][0] === inFence[0] && fence[1].length >= inFence.length)))
        inFence = inFence ? undefined : fence[1];
    }
    // The blank line after the block (if any) stays with the text to parse.
    if (end < lines.length) {
      if (pending.length === 0) pendingLine = end;
      pending.push(lines[end]);
    }
    line = end + 1;
  }
  flush(lines.length);
  return parts;
}

/** The offset of the first `[` that no later `]` closes (the text's length when there is none). */
function firstUnclosedBracket(text: string): number {
  const open: number[] = [];
  for (let i = text.indexOf("["); i !== -1 && i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 91) open.push(i);
    else if (code === 93) open.pop();
  }
  return open.length > 0 ? open[0] : text.length;
}

function isBlank(line: string): boolean {
  return /^[ \t\r]*$/.test(line);
}
