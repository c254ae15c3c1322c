/**
 * A cheap check run before remark parses a slice (its own module: the bundle lazy-loads
 * markdownPipeline.ts and lists its exports).
 */

/** Container markers (`>`, list bullets) and indentation columns at the start of one line beyond which a slice is not parsed. */
const maxLineMarkers = 64;
const maxIndentColumns = 256;
/** Inline delimiters (`*`, `_`, backticks, brackets) on one line beyond which a slice is not parsed. */
const maxLineDelimiters = 5000;

/**
 * Why a slice would take too long to parse, if it would. micromark's cost grows faster than the
 * nesting depth and than the inline delimiters of a line (found by the fuzz suite: 2,000 nested `1. `
 * on one line take about 1 s, 500 indented list levels over 3 s, a 60 KB line of `*_\`` 4 s, and
 * mdast-util-to-hast overflows the stack from about 1,000 levels), so such a line would hang the
 * preview; no real document comes near these limits.
 */
export function tooCostlyToParse(text: string): string | undefined {
  const lineEnd = /[\r\n]/g;
  const marker = /[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$)/y;
  for (let start = 0; start < text.length; ) {
    // micromark ends lines at \r as well as \n: a file with lone CRs is many lines to it.
    lineEnd.lastIndex = start;
    const end = lineEnd.test(text) ? lineEnd.lastIndex - 1 : text.length;
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
    let delimiters = 0;
    for (let i = start; i < end && delimiters <= maxLineDelimiters; i++) {
      const code = text.charCodeAt(i);
      // * _ ` [ ] ~
      if (code === 42 || code === 95 || code === 96 || code === 91 || code === 93 || code === 126)
        delimiters++;
    }
    if (delimiters > maxLineDelimiters)
      return `a line holds over ${maxLineDelimiters} emphasis, code or link marks`;
    start = end + 1;
  }
  return undefined;
}
