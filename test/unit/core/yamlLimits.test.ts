import * as assert from "node:assert/strict";
import { parseYamlWithinLimits } from "../../../server/src/core/document/yamlNesting";

describe("YAML within limits", () => {
  const options = { uniqueKeys: false } as const;

  it("reads broken lines the parser nests inside each other as unreadable, where the stack ends", () => {
    // Each `k: a: b: c` is read as a mapping inside the one before: the parser overflowed the stack.
    const text = Array.from({ length: 20_000 }, (_, i) => `k${i}: a: b: c\n`).join("");
    const read = parseYamlWithinLimits(text, options);
    assert.ok("unreadable" in read, "no document");
    assert.match(read.unreadable.reason, /deeper than the YAML reader can follow/);
  });

  it("near miss: a few such lines are parsed, with their syntax errors", () => {
    const read = parseYamlWithinLimits("k0: a: b: c\nk1: a: b: c\n", options);
    assert.ok("document" in read);
    assert.ok(read.document.errors.length > 0);
  });

  it("refuses nesting the text shows before parsing, at the place it passes the limit", () => {
    const read = parseYamlWithinLimits(`x: ${"[".repeat(101)}`, options);
    assert.ok("unreadable" in read);
    assert.equal(read.unreadable.offset, 3 + 100);
  });
});
