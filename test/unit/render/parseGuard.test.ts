import assert from "node:assert/strict";
import { renderMarkdown } from "../../../server/src/core/render/markdownPipeline";
import { guardSlice, tooCostlyToParse } from "../../../server/src/core/render/parseGuard";

/**
 * The preview's parse guard: a block (lines between blank lines) that micromark would be slow on is
 * shown as plain text after a notice, and the blocks around it render as usual. Costs measured on the
 * fuzz suite's slowest cases (scripts/fuzz.mjs): a 128-level list 0.1 s, 1,000 links in a paragraph
 * 0.1 s, 4,000 words after a `[` never closed 0.1 s.
 */
describe("parse guard (preview)", () => {
  const costly: Record<string, string> = {
    "over 1,000 emphasis, code, link or HTML marks in a block": "[x](y) ".repeat(600),
    "a list nested 100 levels deep": Array.from({ length: 100 }, (_, i) => " ".repeat(i * 2) + "- item").join(
      "\n",
    ),
    "over 8,000 characters after a `[` that nothing closes": "[ " + "word ".repeat(2000),
    "a line over 50,000 characters": "word ".repeat(11_000),
  };
  for (const [name, block] of Object.entries(costly)) {
    it(`${name}: that block is plain text after a notice, the text around it is rendered`, () => {
      assert.ok(tooCostlyToParse(block), "the guard refuses the block");
      const text = `Before *it*.\n\n${block}\n\nAfter *it*.`;
      const parts = guardSlice(text);
      assert.deepEqual(
        parts.map((part) => part.unparsed !== undefined),
        [false, true, false],
      );
      assert.equal(parts[1].line, 2, "the costly block starts on the slice's third line");
      assert.equal(parts.map((part) => part.text).join("\n"), text, "the parts are the whole text");
      const { nodes } = renderMarkdown({ text, firstLine: 10, mdx: false });
      const html = JSON.stringify(nodes);
      assert.match(html, /kb-render-error/);
      assert.match(html, /kb-unparsed/);
      assert.equal((html.match(/"tagName":"em"/g) ?? []).length, 2, "both paragraphs around it rendered");
    });
  }

  it("shows the rest of a page as text past 20,000 marks in all, each block under the block limit", () => {
    // 60,000 marks in short paragraphs held the preview, and the server, for a minute.
    const paragraph = "*a* _b_ `c` [d](e) **f** ".repeat(40);
    const text = Array.from({ length: 300 }, () => paragraph).join("\n\n");
    const parts = guardSlice(text);
    assert.deepEqual(
      parts.map((part) => part.unparsed !== undefined),
      [false, true],
    );
    assert.equal(parts.map((part) => part.text).join("\n"), text, "the parts are the whole text");
    assert.equal(parts[1].line % 2, 0, "the text part starts at a paragraph");
    // 480 marks a paragraph: the first 41 paragraphs (20,000 marks) are rendered.
    assert.equal(parts[1].line, 2 * 41, "the paragraphs within the budget are rendered");
  });

  const tableOf = (rows: number) =>
    ["| a | b | c |", "| - | - | - |", ...Array(rows).fill("| x | y | z |")].join("\n");

  it("parses tables in runs of at most 1,000 cells and shows the rest of a page as text past 4,000", () => {
    // Each table under the block limit, but parsed together: 5 tables of 1,900 cells took 2.7 s, 20 took 30 s.
    const table = tableOf(48); // 50 rows of 4 separators: 200 cells
    const text = Array.from({ length: 30 }, () => table).join("\n\n");
    const parts = guardSlice(text);
    assert.equal(parts.map((part) => part.text).join("\n"), text, "the parts are the whole text");
    const parsed = parts.filter((part) => part.unparsed === undefined);
    for (const part of parsed)
      assert.ok((part.text.match(/\|/g) ?? []).length <= 1000, "a run of at most 1,000 cells");
    assert.equal(parsed.length, 4, "20 tables (4,000 cells) in runs of 5");
    assert.match(parts[parts.length - 1].unparsed ?? "", /4,000 table cells/);
    assert.equal(parts[parts.length - 1].line, 20 * 51, "the 21st table starts the text");
  });

  it("near miss: never starts a new parse inside a fenced code block, blank lines and pipes in it", () => {
    // 968 cells of table, then a code block whose 9th paragraph passes 1,000.
    const fenced = ["```text", ...Array.from({ length: 10 }, () => "| x | y | z |\n"), "```"].join("\n");
    const text = [tableOf(240), fenced, tableOf(240), fenced].join("\n\n");
    const parts = guardSlice(text);
    assert.ok(parts.length > 1, "the page is parsed in runs");
    for (const part of parts) {
      const fences = part.text.split("\n").filter((line) => line.startsWith("```")).length;
      assert.equal(fences % 2, 0, "each part holds whole code blocks");
    }
  });

  it("renders a page of the busiest real size whole: 4,000 marks in 200 paragraphs", () => {
    const text = Array.from({ length: 200 }, () => "*a* `c` [d](e) x ".repeat(4)).join("\n\n");
    assert.deepEqual(
      guardSlice(text).map((part) => part.unparsed),
      [undefined],
    );
  });

  it("leaves real blocks alone: one part, the text unchanged", () => {
    const real =
      "- a\n  - b\n    1. c\n> > quote\n\n*emphasis* `code` [link](x) [a] [b]\n\n" +
      "[x](y) ".repeat(100) +
      "\n\n" +
      "word ".repeat(1000);
    assert.equal(tooCostlyToParse(real), undefined);
    assert.deepEqual(guardSlice(real), [{ text: real, line: 0 }]);
  });
});
