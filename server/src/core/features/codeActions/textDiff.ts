import type { TextEdit } from "vscode-languageserver-types";
import { LineIndex } from "../../document/lineIndex";

/** Above this many differing lines, the changed middle is replaced as one edit instead of diffed. */
const maxDiffDistance = 2000;

/**
 * The edits that turn `oldText` into `newText`: a line diff (Myers), each changed run of lines then
 * narrowed to the characters that differ. The edits do not overlap, are in document order, and never
 * split a CRLF or a surrogate pair, so applying them in an editor gives exactly `newText`.
 */
export function editsBetween(oldText: string, newText: string): TextEdit[] {
  if (oldText === newText) return [];
  // Only the lines between the common first and last lines are split and diffed: a quick fix changes
  // a line or two of a long document, and each fix of each diagnostic is diffed (fuzz: hundreds of
  // Order fixes on a 40 KB file spent 0.2 s splitting the unchanged text).
  const { head, oldTail, newTail } = commonLines(oldText, newText);
  const before = segmentsOf(oldText.slice(head, oldTail));
  const after = segmentsOf(newText.slice(head, newTail));
  const oldOffsets = offsetsOf(before, head);
  const newOffsets = offsetsOf(after, head);
  const lines = lineIndexOf(oldText);
  const edits: TextEdit[] = [];
  for (const hunk of mergeAcrossBlankLines(diffSegments(before, after), before)) {
    const oneLine = hunk.oldEnd - hunk.oldStart === 1 && hunk.newEnd - hunk.newStart === 1;
    const narrowed = (oneLine ? narrow : wholeLines)(
      oldText,
      oldOffsets[hunk.oldStart],
      oldOffsets[hunk.oldEnd],
      newText,
      newOffsets[hunk.newStart],
      newOffsets[hunk.newEnd],
    );
    edits.push({
      range: lines.rangeOfOffsets(narrowed.oldStart, narrowed.oldEnd),
      newText: newText.slice(narrowed.newStart, narrowed.newEnd),
    });
  }
  return edits;
}

/** A text applied with edits (non-overlapping, in any order), as an editor applies them. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((edit) => ({
      start: lines.offsetAt(edit.range.start),
      end: lines.offsetAt(edit.range.end),
      newText: edit.newText,
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/**
 * Where the texts start to differ and stop differing, widened to whole lines: `head` is the start of
 * the first differing line (in both), `oldTail` and `newTail` the end of the last one in each.
 */
function commonLines(oldText: string, newText: string): { head: number; oldTail: number; newTail: number } {
  const shorter = Math.min(oldText.length, newText.length);
  const prefix = commonLength(oldText, newText, shorter, false);
  const head = prefix === 0 ? 0 : oldText.lastIndexOf("\n", prefix - 1) + 1;
  const suffix = commonLength(oldText, newText, shorter - head, true);
  // The kept tail starts right after a line break that lies inside the common suffix.
  let tail = suffix - 1;
  while (tail > 0 && oldText.charCodeAt(oldText.length - tail - 1) !== 10) tail--;
  tail = Math.max(tail, 0);
  return { head, oldTail: oldText.length - tail, newTail: newText.length - tail };
}

/**
 * How many characters the texts share at their start (`fromEnd`: at their end), at most `max`. Whole
 * chunks are compared as strings first, far faster than a loop over characters: every fix of every
 * diagnostic of "Fix all" compares the document with its fixed text.
 */
function commonLength(oldText: string, newText: string, max: number, fromEnd: boolean): number {
  const chunk = 1024;
  const part = (text: string, from: number, to: number) =>
    fromEnd ? text.slice(text.length - to, text.length - from) : text.slice(from, to);
  const charAt = (text: string, at: number) => text.charCodeAt(fromEnd ? text.length - 1 - at : at);
  let length = 0;
  while (
    length + chunk <= max &&
    part(oldText, length, length + chunk) === part(newText, length, length + chunk)
  )
    length += chunk;
  while (length < max && charAt(oldText, length) === charAt(newText, length)) length++;
  return length;
}

/** The line index of the last text diffed: every fix of one document diffs against the same text. */
let lastIndexed: LineIndex | undefined;
function lineIndexOf(text: string): LineIndex {
  if (lastIndexed?.text !== text) lastIndexed = new LineIndex(text);
  return lastIndexed;
}

interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/** Lines with their terminators: joining them gives the text back exactly. */
function segmentsOf(text: string): string[] {
  const segments: string[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline + 1;
    segments.push(text.slice(start, end));
    start = end;
  }
  return segments;
}

function offsetsOf(segments: string[], start: number): number[] {
  const offsets = [start];
  for (const segment of segments) offsets.push(offsets[offsets.length - 1] + segment.length);
  return offsets;
}

/** The runs of segments that differ, after the common head and tail are set aside. */
function diffSegments(a: string[], b: string[]): Hunk[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tailA = a.length;
  let tailB = b.length;
  while (tailA > head && tailB > head && a[tailA - 1] === b[tailB - 1]) {
    tailA--;
    tailB--;
  }
  const hunks = myers(a.slice(head, tailA), b.slice(head, tailB));
  if (!hunks) return [{ oldStart: head, oldEnd: tailA, newStart: head, newEnd: tailB }];
  return hunks.map((hunk) => ({
    oldStart: hunk.oldStart + head,
    oldEnd: hunk.oldEnd + head,
    newStart: hunk.newStart + head,
    newEnd: hunk.newEnd + head,
  }));
}

/** Myers' O(ND) diff; undefined when the texts differ in more than `maxDiffDistance` lines. */
function myers(a: string[], b: string[]): Hunk[] | undefined {
  const n = a.length;
  const m = b.length;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0) return [{ oldStart: 0, oldEnd: n, newStart: 0, newEnd: m }];
  const max = Math.min(n + m, maxDiffDistance);
  const offset = max;
  let v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v;
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && next[offset + k - 1] < next[offset + k + 1])
          ? next[offset + k + 1]
          : next[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  if (!found) return undefined;
  // Walk back through the trace, collecting the edit script as (x, y) steps.
  const steps: { x: number; y: number; kind: "keep" | "delete" | "insert" }[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const previous = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && previous[offset + k - 1] < previous[offset + k + 1]);
    const previousK = down ? k + 1 : k - 1;
    const previousX = previous[offset + previousK];
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      steps.push({ x: x - 1, y: y - 1, kind: "keep" });
      x--;
      y--;
    }
    if (d > 0) {
      if (down) steps.push({ x, y: y - 1, kind: "insert" });
      else steps.push({ x: x - 1, y, kind: "delete" });
    }
    x = previousX;
    y = previousY;
  }
  steps.reverse();
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  for (const step of steps) {
    if (step.kind === "keep") {
      current = undefined;
      continue;
    }
    if (!current) {
      current = { oldStart: step.x, oldEnd: step.x, newStart: step.y, newEnd: step.y };
      hunks.push(current);
    }
    if (step.kind === "delete") current.oldEnd = step.x + 1;
    else current.newEnd = step.y + 1;
  }
  return hunks;
}

/**
 * Changes separated only by blank lines become one change: a diff that keeps a lone blank line between
 * a removed heading and an added one reads worse than replacing the block.
 */
function mergeAcrossBlankLines(hunks: Hunk[], before: string[]): Hunk[] {
  const merged: Hunk[] = [];
  for (const hunk of hunks) {
    const previous = merged[merged.length - 1];
    const between = previous ? before.slice(previous.oldEnd, hunk.oldStart) : [];
    if (previous && between.every((segment) => segment.trim() === "")) {
      previous.oldEnd = hunk.oldEnd;
      previous.newEnd = hunk.newEnd;
    } else merged.push({ ...hunk });
  }
  return merged;
}

function wholeLines(
  _oldText: string,
  oldStart: number,
  oldEnd: number,
  _newText: string,
  newStart: number,
  newEnd: number,
): { oldStart: number; oldEnd: number; newStart: number; newEnd: number } {
  return { oldStart, oldEnd, newStart, newEnd };
}

/** Narrows a replaced line to the characters that differ. */
function narrow(
  oldText: string,
  oldStart: number,
  oldEnd: number,
  newText: string,
  newStart: number,
  newEnd: number,
): { oldStart: number; oldEnd: number; newStart: number; newEnd: number } {
  while (oldStart < oldEnd && newStart < newEnd && oldText[oldStart] === newText[newStart]) {
    oldStart++;
    newStart++;
  }
  while (oldStart > 0 && newStart > 0 && splitsPair(oldText, oldStart)) {
    oldStart--;
    newStart--;
  }
  while (oldEnd > oldStart && newEnd > newStart && oldText[oldEnd - 1] === newText[newEnd - 1]) {
    oldEnd--;
    newEnd--;
  }
  while (oldEnd < oldText.length && splitsPair(oldText, oldEnd)) {
    oldEnd++;
    newEnd++;
  }
  return { oldStart, oldEnd, newStart, newEnd };
}

/** Whether an offset falls inside a CRLF or a surrogate pair. */
function splitsPair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return (
    (before === 13 && after === 10) ||
    (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff)
  );
}
