import * as assert from "node:assert/strict";
import type { Location } from "vscode-languageserver-types";
import { serviceWithCursor } from "../../support/cursor";

const map = {
  "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
  "/kb/Root/Root.md": "### Description\n\nSee [governance](/Root/Gov).\n\n### Order\n\n1. Gov\n2. Ethics\n",
  "/kb/Root/Gov/Gov.md": "### Mini Description\n\nGovernance.\n\n### Order\n\n1. Treaties\n",
  "/kb/Root/Gov/Treaties/Treaties.md":
    "### Mini Description\n\nUp to [the parent](../Gov.md) and [ethics](/Root/Ethics/Ethics.md).\n",
  "/kb/Root/Ethics/Ethics.md":
    "### Mini Description\n\nValues.\n\n### Related Nodes\n\n- [Gov](/Root/Gov/Gov.md)\n\t- Reason: policy.\n",
  "/kb/wiki/page.md":
    "---\ntitle: Page\n---\n\n[Gov](../Root/Gov/) and [t](other) and `[no](../Root/Gov/Gov.md)`.\n",
  "/kb/wiki/other.md": "---\ntitle: Other\n---\n\nBack to [page](page.md).\n",
};

/** `path line:start-end` for each location, to compare lists at a glance. */
function listed(locations: Location[]): string[] {
  return locations.map(
    (location) =>
      `${decodeURIComponent(location.uri.replace(/^file:\/\//, ""))} ${location.range.start.line}:${location.range.start.character}-${location.range.end.character}`,
  );
}

const govReferences = [
  "/kb/Root/Root.md 6:3-6",
  "/kb/Root/Ethics/Ethics.md 6:2-25",
  "/kb/Root/Gov/Treaties/Treaties.md 2:6-29",
  "/kb/Root/Root.md 2:4-27",
  "/kb/wiki/page.md 4:0-19",
];

describe("find all references", () => {
  it("lists, from an Order entry, the node's file, its parent's entry and every link to it", () => {
    const { service, position } = serviceWithCursor(
      map,
      "/kb/Root/Root.md",
      map["/kb/Root/Root.md"].replace("1. Gov", "1. G<|>ov"),
    );
    assert.deepEqual(listed(service.getReferences("/kb/Root/Root.md", position)), [
      "/kb/Root/Gov/Gov.md 0:0-0",
      ...govReferences,
    ]);
    assert.deepEqual(listed(service.getReferences("/kb/Root/Root.md", position, false)), govReferences);
  });

  it("gives the same list from a link to the node, and from the node's own first line", () => {
    const fromLink = serviceWithCursor(
      map,
      "/kb/Root/Ethics/Ethics.md",
      map["/kb/Root/Ethics/Ethics.md"].replace("[Gov]", "[G<|>ov]"),
    );
    assert.deepEqual(
      listed(fromLink.service.getReferences("/kb/Root/Ethics/Ethics.md", fromLink.position, false)),
      govReferences,
    );
    const fromFile = serviceWithCursor(
      map,
      "/kb/Root/Gov/Gov.md",
      "### Mini <|>Description\n\nGovernance.\n",
    );
    assert.deepEqual(
      listed(fromFile.service.getReferences("/kb/Root/Gov/Gov.md", fromFile.position, false)),
      govReferences,
    );
  });

  it("sees unsaved links in open documents", () => {
    const { service, position } = serviceWithCursor(
      map,
      "/kb/Root/Root.md",
      "### Description\n\nSee [e](/Root/Ethics) and [g](Gov/Gov.md).\n\n### Order\n\n1. G<|>ov\n2. Ethics\n",
    );
    const found = listed(service.getReferences("/kb/Root/Root.md", position, false));
    assert.ok(found.includes("/kb/Root/Root.md 2:26-41"), found.join("\n"));
    assert.ok(!found.includes("/kb/Root/Root.md 2:4-27"), found.join("\n"));
  });

  it("finds the links to a topic page, from a link or from the page itself", () => {
    const { service, position } = serviceWithCursor(
      map,
      "/kb/wiki/page.md",
      map["/kb/wiki/page.md"].replace("[t]", "[<|>t]"),
    );
    assert.deepEqual(listed(service.getReferences("/kb/wiki/page.md", position)), [
      "/kb/wiki/other.md 0:0-0",
      "/kb/wiki/page.md 4:24-34",
    ]);
    assert.deepEqual(listed(service.getReferences("/kb/wiki/page.md", { line: 0, character: 1 }, false)), [
      "/kb/wiki/other.md 4:8-23",
    ]);
  });

  it("finds nothing from an unknown entry, a broken link, or the middle of a file", () => {
    const { service } = serviceWithCursor(
      map,
      "/kb/Root/Root.md",
      "<|>### Description\n\nSee [x](/Root/Nope) here.\n\n### Order\n\n1. Gov\n2. Missing\n",
    );
    assert.deepEqual(service.getReferences("/kb/Root/Root.md", { line: 7, character: 5 }), []);
    assert.deepEqual(service.getReferences("/kb/Root/Root.md", { line: 2, character: 6 }), []);
    assert.deepEqual(service.getReferences("/kb/Root/Root.md", { line: 2, character: 24 }), []);
  });
});
