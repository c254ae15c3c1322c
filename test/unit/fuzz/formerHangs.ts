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

/** Topic pages that an attack found slow to check or preview (issue 16), each the whole file. */
export const formerSlowPages: Record<string, string> = {
  "8,000 undefined footnotes beside 8,000 unused definitions (every pair compared for a did-you-mean: 2.5 s)":
    "---\ntitle: T\n---\n\n" +
    Array.from({ length: 8000 }, (_, i) => `Text[^n${i}].`).join("\n\n") +
    "\n\n" +
    Array.from({ length: 8000 }, (_, i) => `[^m${i}]: Note ${i}.`).join("\n"),
  "810 broken anchors on a page of 4,900 headings (every pair compared: 1.7 s)":
    "---\ntitle: T\n---\n\n" +
    Array.from({ length: 4900 }, (_, i) => `## H ${i % 50}\n\nSee [x](#h-${i % 60}).\n`).join("\n"),
  "1.4 MB of short paragraphs with 60,000 emphasis, code and link marks (the preview took a minute)":
    "---\ntitle: T\n---\n\n" + ("*a* _b_ `c` [d](e) **f** ".repeat(40) + "\n\n").repeat(1500),
};
