import * as assert from "node:assert/strict";
import { serviceWithCursor } from "../../support/cursor";

const map = {
  "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
  "/kb/Root/A/A.md": "### Mini Description\n\nA.\n",
  "/kb/Root/B/B.md": "### Mini Description\n\nB.\n",
};

describe("document symbols", () => {
  it("outlines a map node's sections, with the Order's children under it", () => {
    const { service } = serviceWithCursor(
      map,
      "/kb/Root/Root.md",
      "<|>### Description\n\nAll of it.\n\n### Order\n\n1. A\n2. B\n",
    );
    const symbols = service.getDocumentSymbols("/kb/Root/Root.md");
    assert.deepEqual(
      symbols.map((symbol) => [
        symbol.name,
        symbol.range.start.line,
        symbol.children?.map((child) => child.name),
      ]),
      [
        ["Description", 0, []],
        ["Order", 4, ["A", "B"]],
      ],
    );
    assert.deepEqual(symbols[1].children?.[1].selectionRange, {
      start: { line: 7, character: 3 },
      end: { line: 7, character: 4 },
    });
  });

  it("outlines a topic's headings, ignoring those in code fences", () => {
    const { service } = serviceWithCursor(
      {},
      "/kb/wiki/t.md",
      "---\ntitle: T\n---\n<|>## One\n\n```\n## Not\n```\n\n## Two\n\n### Sub\n",
    );
    const names = service.getDocumentSymbols("/kb/wiki/t.md").map((symbol) => symbol.name);
    assert.deepEqual(names, ["One", "Two"]);
  });
});
