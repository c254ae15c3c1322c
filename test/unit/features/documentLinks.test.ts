import * as assert from "node:assert/strict";
import { pathToUri } from "../../../server/src/core/model/uris";
import { serviceWithCursor } from "../../support/cursor";

const map = {
  "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
  "/kb/Root/Gov/Gov.md": "### Mini Description\n\nGovernance.\n\n### Order\n\n1. Treaty_Frameworks\n",
  "/kb/Root/Gov/Treaty_Frameworks/Treaty_Frameworks.md": "### Mini Description\n\nTreaties.\n",
  "/kb/Root/No_File/": "",
  "/kb/wiki/page.md": "---\ntitle: Page\n---\n",
};

const line = (n: number, start: number, end: number) => ({
  start: { line: n, character: start },
  end: { line: n, character: end },
});

describe("document links", () => {
  it("links each known Order entry's name to the child's file (or folder), with a tooltip", () => {
    const { service } = serviceWithCursor(
      map,
      "/kb/Root/Root.md",
      "<|>### Description\n\nAll.\n\n### Order\n\n1. Gov\n2. No_File\n3. Unknown\n",
    );
    assert.deepEqual(service.getDocumentLinks("/kb/Root/Root.md"), [
      { range: line(6, 3, 6), target: pathToUri("/kb/Root/Gov/Gov.md"), tooltip: "Open Root › Gov" },
      {
        range: line(7, 3, 10),
        target: pathToUri("/kb/Root/No_File"),
        tooltip: "Reveal the folder of Root › No File (it has no No_File.md)",
      },
    ]);
  });

  it("links internal links on their target only: nodes by breadcrumb, pages by path", () => {
    const { service } = serviceWithCursor(
      map,
      "/kb/Root/Gov/Gov.md",
      "<|>### Mini Description\n\nSee [t](Treaty_Frameworks/Treaty_Frameworks.md), [p](/wiki/page), [w](https://example.org), [b](/nope.md).\n\n### Order\n\n1. Treaty_Frameworks\n",
    );
    assert.deepEqual(service.getDocumentLinks("/kb/Root/Gov/Gov.md"), [
      {
        range: line(6, 3, 20),
        target: pathToUri("/kb/Root/Gov/Treaty_Frameworks/Treaty_Frameworks.md"),
        tooltip: "Open Root › Gov › Treaty Frameworks",
      },
      {
        range: line(2, 8, 46),
        target: pathToUri("/kb/Root/Gov/Treaty_Frameworks/Treaty_Frameworks.md"),
        tooltip: "Open Root › Gov › Treaty Frameworks",
      },
      { range: line(2, 53, 63), target: pathToUri("/kb/wiki/page.md"), tooltip: "Open wiki/page.md" },
    ]);
  });

  it("links a topic's links, and nothing in code", () => {
    const { service } = serviceWithCursor(
      map,
      "/kb/wiki/t.md",
      "---\ntitle: T\n---\n<|>[Gov](</Root/Gov>) `[x](page.md)`\n\n```\n[y](page.md)\n```\n",
    );
    assert.deepEqual(service.getDocumentLinks("/kb/wiki/t.md"), [
      { range: line(3, 7, 16), target: pathToUri("/kb/Root/Gov/Gov.md"), tooltip: "Open Root › Gov" },
    ]);
  });
});
