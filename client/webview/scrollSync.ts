/**
 * Source line <-> scroll position for the preview, through the `data-line` attributes (0-based source lines)
 * the renderer puts on block elements. Between two marked elements the position is interpolated, so that
 * scrolling one side moves the other smoothly, not block by block.
 */

interface LineMark {
  line: number;
  /** The element's top, in document coordinates. */
  top: number;
  bottom: number;
}

/** The marked elements in document order with increasing lines (nested repeats of a line are skipped). */
function lineMarks(root: ParentNode): LineMark[] {
  const marks: LineMark[] = [];
  for (const element of root.querySelectorAll<HTMLElement>("[data-line]")) {
    const line = Number(element.dataset.line);
    if (!Number.isFinite(line)) continue;
    const box = element.getBoundingClientRect();
    if (box.height === 0 && box.width === 0) continue; // Not rendered (inside a closed <details>, ...).
    const previous = marks[marks.length - 1];
    if (previous !== undefined && line <= previous.line) continue;
    marks.push({ line, top: box.top + window.scrollY, bottom: box.bottom + window.scrollY });
  }
  return marks;
}

/** The scroll offset that puts source `line` at the top of the view. */
export function offsetOfLine(root: ParentNode, line: number): number {
  const marks = lineMarks(root);
  if (marks.length === 0 || line <= marks[0].line) return 0;
  let index = 0;
  while (index + 1 < marks.length && marks[index + 1].line <= line) index++;
  const current = marks[index];
  const next = marks[index + 1];
  if (next === undefined) {
    // Past the last mark: move through the last element in proportion, assuming one source line per line box.
    return current.top + Math.min(1, line - current.line) * (current.bottom - current.top);
  }
  const fraction = (line - current.line) / (next.line - current.line);
  return current.top + fraction * (next.top - current.top);
}

/** The (fractional) source line at scroll offset `offset`. */
export function lineAtOffset(root: ParentNode, offset: number): number {
  const marks = lineMarks(root);
  if (marks.length === 0) return 0;
  if (offset <= marks[0].top) return marks[0].line === 0 ? 0 : Math.max(0, marks[0].line - 1);
  let index = 0;
  while (index + 1 < marks.length && marks[index + 1].top <= offset) index++;
  const current = marks[index];
  const next = marks[index + 1];
  if (next === undefined) return current.line;
  const span = next.top - current.top;
  const fraction = span > 0 ? (offset - current.top) / span : 0;
  return current.line + fraction * (next.line - current.line);
}
