import * as assert from "node:assert/strict";
import { serviceWithCursor } from "../../support/cursor";

const page = "/kb/wiki/risks.md";
const text = [
  "---",
  "title: Risks",
  "---",
  "",
  "## Overview",
  "",
  "Misuse is a concern[^So<|>urce] and so is accident[^none].",
  "",
  "[^source]: The [original report](https://example.org/report),",
  "    continued on an indented line.",
].join("\n");

describe("footnotes in the editor", () => {
  it("goes from a reference to its definition (labels match without regard to case)", () => {
    const { service, position } = serviceWithCursor({}, page, text);
    assert.deepEqual(service.getDefinition(page, position), [
      {
        uri: "file:///kb/wiki/risks.md",
        range: { start: { line: 8, character: 0 }, end: { line: 8, character: 9 } },
      },
    ]);
  });

  it("shows the definition's text, continuation included, on hover", () => {
    const { service, position } = serviceWithCursor({}, page, text);
    const hover = service.getHover(page, position);
    assert.equal(
      (hover?.contents as { value: string } | undefined)?.value,
      "**Footnote `[^source]`** (line 9)\n\nThe [original report](https://example.org/report), continued on an indented line.",
    );
  });

  it("gives nothing on a reference without a definition (its diagnostic says so)", () => {
    const { service, position } = serviceWithCursor(
      {},
      page,
      text.replace("[^So<|>urce]", "[^Source]").replace("[^none]", "[^no<|>ne]"),
    );
    assert.deepEqual(service.getDefinition(page, position), []);
    assert.equal(service.getHover(page, position), undefined);
    assert.deepEqual(
      service.validate(page)?.diagnostics.map((found) => found.code),
      ["footnote/undefined"],
    );
  });
});
