/**
 * Inputs the fuzz suite found hanging the core (seed 1 of scripts/fuzz.mjs, before the fixes), each the
 * body of a leaf node's file. Shared by regressions.test.ts (no exception, ranges inside the document)
 * and bench/limits.mjs (how long each takes now).
 */

/** A leaf node's file holding `body`. */
export const leafNode = (body: string): string => `### Mini Description\n\nA leaf.\n\n${body}\n`;

export const formerHangs: Record<string, string> = {
  "thousands of `1. ` nested on one line (the preview took 10 s, then overflowed the stack)": "1. ".repeat(
    10000,
  ),
  "an indented list 300 levels deep (micromark's cost grows with the cube of the depth)": Array.from(
    { length: 300 },
    (_, i) => " ".repeat(i * 2) + "- item",
  ).join("\n"),
  "nested `1. ` after a lone CR, a line end to micromark (the guard missed it: 1.3 s)":
    "Text.\r" + "1. ".repeat(3000),
  "a 60 KB line of emphasis and code marks (the preview took 4 s)": "*_`".repeat(20000),
  "one broken link repeated 15,000 times (validation searched for a suggestion each time: 3 s)":
    "[x](y) ".repeat(15000),
};
