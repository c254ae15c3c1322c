import * as assert from "node:assert/strict";
import { pathToUri } from "../../../server/src/core/model/uris";
import { serviceWithCursor } from "../../support/cursor";

const nfd = "Lo\u0308bian_Obstacle";
const map = {
  "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
  "/kb/Root/A/A.md": "### Mini Description\n\nA.\n",
  "/kb/Root/No_File/": "",
  [`/kb/Root/${nfd}/${nfd}.md`]: "### Mini Description\n\nNFD on disk.\n",
  "/kb/wiki/page.md": "---\ntitle: Page\n---\n",
  "/kb/wiki/guide/index.md": "---\ntitle: Guide\n---\n",
  "/kb/images/map.png": "png",
};
const startOfFile = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The definitions at the cursor, as paths. */
function definitionsAt(textWithMarker: string, openPath = "/kb/Root/Root.md"): string[] {
  const { service, position } = serviceWithCursor(map, openPath, textWithMarker);
  const locations = service.getDefinition(openPath, position);
  for (const location of locations) assert.deepEqual(location.range, startOfFile);
  return locations.map((location) => decodeURIComponent(location.uri.replace(/^file:\/\//, "")));
}

describe("go to definition", () => {
  it("goes from an Order entry to the child's Name/Name.md", () => {
    assert.deepEqual(definitionsAt("### Order\n\n1. <|>A\n2. No_File\n"), ["/kb/Root/A/A.md"]);
    assert.deepEqual(
      definitionsAt("### Order\n\n1. A<|>\n"),
      ["/kb/Root/A/A.md"],
      "cursor right after the name",
    );
  });

  it("goes to the child's folder when it has no file, and nowhere for an unknown entry", () => {
    assert.deepEqual(definitionsAt("### Order\n\n1. A\n2. No_<|>File\n"), ["/kb/Root/No_File"]);
    assert.deepEqual(definitionsAt("### Order\n\n1. A\n2. Mis<|>sing\n"), []);
  });

  it("finds a child written in NFC whose folder is NFD on disk", () => {
    const uri = pathToUri(`/kb/Root/${nfd}/${nfd}.md`);
    const { service, position } = serviceWithCursor(
      map,
      "/kb/Root/Root.md",
      "### Order\n\n1. Lö<|>bian_Obstacle\n",
    );
    assert.deepEqual(service.getDefinition("/kb/Root/Root.md", position), [{ uri, range: startOfFile }]);
    const linked = serviceWithCursor(
      map,
      "/kb/Root/A/A.md",
      "### Mini Description\n\n[L](/Root/Lö<|>bian_Obstacle/Löbian_Obstacle.md)\n",
    );
    assert.deepEqual(linked.service.getDefinition("/kb/Root/A/A.md", linked.position), [
      { uri, range: startOfFile },
    ]);
  });

  it("goes from a link to its file; from a link to a node's folder to the node's file", () => {
    const description = (link: string) => `### Mini Description\n\nSee ${link}.\n`;
    const open = "/kb/Root/A/A.md";
    assert.deepEqual(definitionsAt(description("[x](/Root/A/<|>A.md)"), open), ["/kb/Root/A/A.md"]);
    assert.deepEqual(definitionsAt(description("[x](/Root<|>/A)"), open), ["/kb/Root/A/A.md"]);
    assert.deepEqual(definitionsAt(description("[x](../<|>A/)"), open), ["/kb/Root/A/A.md"]);
    assert.deepEqual(definitionsAt(description("[<|>x](/wiki/page.md#part)"), open), ["/kb/wiki/page.md"]);
    assert.deepEqual(definitionsAt(description("![map](/images/<|>map.png)"), open), ["/kb/images/map.png"]);
  });

  it("follows site routes: a page without its extension, a folder's index page", () => {
    assert.deepEqual(definitionsAt("---\ntitle: T\n---\n\n[p](pa<|>ge)\n", "/kb/wiki/t.md"), [
      "/kb/wiki/page.md",
    ]);
    assert.deepEqual(definitionsAt("---\ntitle: T\n---\n\n[g](/wiki/gu<|>ide)\n", "/kb/wiki/t.md"), [
      "/kb/wiki/guide/index.md",
    ]);
  });

  it("goes nowhere from external, broken and in-page links, or plain text", () => {
    const open = "/kb/Root/A/A.md";
    assert.deepEqual(definitionsAt("### Mini Description\n\n[w](https://<|>example.org)\n", open), []);
    assert.deepEqual(definitionsAt("### Mini Description\n\n[b](/Root/<|>Nope.md)\n", open), []);
    assert.deepEqual(definitionsAt("### Mini Description\n\n[s](#<|>top)\n", open), []);
    assert.deepEqual(definitionsAt("### Mini <|>Description\n\nText.\n", open), []);
  });
});
