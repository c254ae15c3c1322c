import * as assert from "node:assert/strict";
import { pathToUri } from "../../../server/src/core/model/uris";
import { readNodeFile } from "../../../server/src/core/map/nodeReading";
import { applyEdits, serviceWithCursor } from "../../support/cursor";

/**
 * Issue 13, point 4: a "disable for this line" fix inside a list the map builder reads (Order, Questions,
 * Related Nodes) must not change what the builder publishes. Each case runs the offered fixes and reads
 * the result as the builder does: the children, questions and links must be those of the text before.
 */
const files: Record<string, string> = {
  "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
  "/kb/Root/Alpha/Alpha.md": "### Mini Description\n\nAlpha.\n",
  "/kb/Root/Beta/Beta.md": "### Mini Description\n\nBeta.\n",
  "/kb/Root/Gamma/Gamma.md": "### Mini Description\n\nGamma.\n",
};
const root = "/kb/Root/Root.md";
const folders = ["Alpha", "Beta", "Gamma"];

/** What the builder reads from a node text: each list section's items, and the children after the Orders. */
function builderView(text: string) {
  const reading = readNodeFile(text.split("\n"), folders, "node");
  return {
    children: reading.names,
    lists: reading.lists.map(({ section, reading: list }) => [
      section.title,
      list.list.kind,
      list.list.items.map((item) => item.text),
    ]),
  };
}

/** The "Disable ..." fixes offered for the diagnostics on the cursor's line, applied, by title. */
function disableFixes(textWithMarker: string): Record<string, string> {
  const { service, text, position } = serviceWithCursor(files, root, textWithMarker);
  const diagnostics = (service.validate(root)?.diagnostics ?? []).filter(
    (diagnostic) => diagnostic.range.start.line === position.line,
  );
  assert.ok(diagnostics.length > 0, "a diagnostic on the cursor's line");
  const result: Record<string, string> = {};
  for (const action of service.getCodeActions(root, { start: position, end: position }, diagnostics)) {
    if (action.title.startsWith("Disable "))
      result[action.title] = applyEdits(text, action.edit!.changes![pathToUri(root)]);
  }
  return result;
}

describe("suppression fixes in the lists the map builder reads", () => {
  it("offers only the file-level comment on an Order's first entry (a comment there would drop every entry)", () => {
    const text = "### Mini Description\n\nRoot.\n\n### Order\n\n<|>1. Alphaa\n2. Beta\n3. Gamma\n";
    const fixes = disableFixes(text);
    assert.deepEqual(Object.keys(fixes), ["Disable order/unknown-entry for this file"]);
    const before = builderView(text.replace("<|>", ""));
    assert.deepEqual(builderView(fixes["Disable order/unknown-entry for this file"]), before);
  });

  it("puts the line comment above a later entry, where the builder skips it: the same children", () => {
    const text = "### Mini Description\n\nRoot.\n\n### Order\n\n1. Alpha\n<|>2. Betaa\n3. Gamma\n";
    const fixes = disableFixes(text);
    const line = fixes["Disable order/unknown-entry for this line"];
    assert.ok(line, `offered: ${Object.keys(fixes).join(", ")}`);
    assert.match(line, /1\. Alpha\n<!-- kb-author-disable-next-line order\/unknown-entry -->\n2\. Betaa\n/);
    assert.deepEqual(builderView(line), builderView(text.replace("<|>", "")));
  });

  it("offers only the file-level comment on an indented line (a comment above it would cut it from its item)", () => {
    const text =
      "### Mini Description\n\nRoot.\n\n### Related Nodes\n\n- [Alpha](/Root/Alpha/Alpha.md)\n<|>\t- Reason: see [it](www.example.org/alpha).\n\n### Order\n\n1. Alpha\n2. Beta\n3. Gamma\n";
    const fixes = disableFixes(text);
    assert.deepEqual(Object.keys(fixes), ["Disable link/missing-scheme for this file"]);
    assert.deepEqual(
      builderView(fixes["Disable link/missing-scheme for this file"]),
      builderView(text.replace("<|>", "")),
    );
  });

  it("puts the line comment above a later question: the same questions", () => {
    const text =
      "### Mini Description\n\nRoot.\n\n### Questions\n\n1. First?\n<|>- Second?\n\n### Order\n\n1. Alpha\n2. Beta\n3. Gamma\n";
    const fixes = disableFixes(text);
    const line = fixes["Disable questions/dropped-line for this line"];
    assert.ok(line, `offered: ${Object.keys(fixes).join(", ")}`);
    assert.deepEqual(builderView(line), builderView(text.replace("<|>", "")));
  });
});
