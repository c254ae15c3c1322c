import * as assert from "node:assert/strict";
import { itemTexts, readBuilderList } from "../../../server/src/core/map/builderList";
import { splitBuilderSections } from "../../../server/src/core/map/builderSections";
import { readNodeFile } from "../../../server/src/core/map/nodeReading";
import { compareCodePoints, pythonLstripChars, pythonStrip } from "../../../server/src/core/map/pythonText";

/**
 * The map builder's reading, ported to the core (server/src/core/map): each case is a behaviour of the
 * builder measured by running it (../shared/notes/kb-formats.md, "What the builder publishes when a map is
 * wrong"), checked on the port.
 */
const order = (text: string, folders: string[]) => itemTexts(readBuilderList(text, folders).list);
const sorted = (names: string[]) =>
  [...names].sort((a, b) =>
    compareCodePoints(pythonLstripChars(a, "Untitled_"), pythonLstripChars(b, "Untitled_")),
  );

describe("the map builder's reading (core/map)", () => {
  it("sorts sub-folders by code point after stripping any of `Untitled_`'s characters from the start", () => {
    assert.deepEqual(sorted(["alpha", "Zeta"]), ["Zeta", "alpha"]);
    assert.deepEqual(sorted(["Uncertainty", "Bias", "tools"]), ["Bias", "Uncertainty", "tools"]); // `certainty`, `ols`
    assert.deepEqual(sorted(["Untitled_2", "Untitled_10", "Untitled_1"]), [
      "Untitled_1",
      "Untitled_10",
      "Untitled_2",
    ]);
    assert.equal(Math.sign(compareCodePoints("\u{1F600}", "\uFFFD")), 1, "above U+FFFF sorts after the BMP");
  });

  it("reads numbers as positions: `1. 1. 1.` reverses, a gap keeps the lines' order", () => {
    assert.deepEqual(order("1. A\n1. B\n1. C", ["A", "B", "C"]), ["C", "B", "A"]);
    assert.deepEqual(order("1. A\n3. B\n4. C", ["A", "B", "C"]), ["A", "B", "C"]);
  });

  it("removes the child at a misspelt entry's position: `1. D` `2. Cx` over A-D publishes D, B, C", () => {
    const names = order("1. D\n2. Cx", ["A", "B", "C", "D"]);
    assert.deepEqual(names, ["D", "Cx", "B", "C"]);
    const reading = readBuilderList("1. D\n2. Cx", ["A", "B", "C", "D"]);
    assert.deepEqual(
      reading.placements.map((placement) => [
        placement.item.text,
        placement.removed?.text,
        placement.displaced,
      ]),
      [
        ["D", "D", false],
        ["Cx", "A", true],
      ],
    );
  });

  it("reads one digit only: entries 10 and up are skipped, their folders keep their sorted places", () => {
    const folders = Array.from({ length: 11 }, (_, i) => `N${String(i).padStart(2, "0")}`);
    const text = [...folders]
      .reverse()
      .map((name, i) => `${i + 1}. ${name}`)
      .join("\n");
    const reading = readBuilderList(text, folders);
    assert.deepEqual(
      reading.skipped.map((skip) => skip.line),
      [9, 10],
    );
    assert.deepEqual(itemTexts(reading.list).slice(9), ["N00", "N01"]);
  });

  it("reads an Order whose first line is not a numbered item as bullets only (numbered entries dropped)", () => {
    assert.deepEqual(order("<!-- sorted -->\n1. A\n2. B", ["A", "B"]), []);
    assert.deepEqual(order("- B\n- A", ["A", "B"]), ["B", "A"]);
  });

  it("keeps an entry's trailing space, so it names no folder", () => {
    assert.deepEqual(order("1. B \n2. A", ["A", "B"]), ["B ", "A"]);
  });

  it("stops the build on an empty list, a line of spaces under an item, an entry past the end", () => {
    assert.equal(readBuilderList("").crash?.reason, "empty");
    assert.equal(readBuilderList("1. A\n   \n2. B", ["A", "B"]).crash?.reason, "blank-after-item");
    assert.equal(readBuilderList("1. A\n\n2. B", ["A", "B"]).crash, undefined, "an empty line is fine");
    assert.equal(readBuilderList("5. Nothing", ["A", "B"]).crash?.reason, "out-of-range");
  });

  it("splits sections on `###` at a line's start, in fences and comments too, and strips like Python", () => {
    const lines = [
      "intro",
      "### Description",
      "",
      "```",
      "### Order",
      "1. X",
      "```",
      "###   Mini Description  ",
      "\u00a0text\u00a0",
    ];
    const sections = splitBuilderSections(lines);
    assert.deepEqual(
      sections.map((section) => [section.title, section.headingLine, section.content]),
      [
        ["Description", 1, "```"],
        ["Order", 4, "1. X\n```"],
        ["Mini Description", 7, "text"],
      ],
    );
    assert.equal(pythonStrip("\ufeffx"), "\ufeffx", "Python does not strip a BOM");
    assert.deepEqual(splitBuilderSections(["#### Order", " ### Order", "###Order"]), []);
  });

  it("applies a second Order on top of the first", () => {
    const reading = readNodeFile(["### Order", "1. B", "### Order", "1. A"], ["A", "B"], "node");
    assert.deepEqual(reading.names, ["A", "B"]);
    assert.equal(reading.orders.length, 2);
  });

  it("reads a breakdown's Paper from its ```json block, and stops on invalid JSON", () => {
    const ok = readNodeFile(["### Paper", "```json", '{"title": "T"}', "```"], [], "breakdown");
    assert.deepEqual(ok.paper?.value?.parsed, { title: "T" });
    assert.equal(ok.paper?.start.line, 1);
    const bad = readNodeFile(["### Paper", "```json", '{"title": "T",}', "```"], [], "breakdown");
    assert.equal(bad.crash?.reason, "paper-json");
  });
});
