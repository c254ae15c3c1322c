import * as assert from "node:assert/strict";
import { pathToUri, uriToPath } from "../../../server/src/core";

describe("paths and file: URIs", () => {
  it("reads a file: URI as a core path, with steps, doubled and trailing slashes resolved", () => {
    assert.equal(uriToPath("file:///kb/AI_Safety/AI_Safety.md"), "/kb/AI_Safety/AI_Safety.md");
    assert.equal(uriToPath("file:///kb/wiki/../AI_Safety//./AI_Safety/"), "/kb/AI_Safety/AI_Safety");
    assert.equal(uriToPath("file:///"), "/");
  });

  it("keeps a Windows drive in lower case and a UNC server as the path's start", () => {
    assert.equal(uriToPath("file:///C:/kb/x.md"), "/c:/kb/x.md");
    assert.equal(uriToPath("file://server/share/x.md"), "//server/share/x.md");
  });

  it("gives no path for other schemes or a malformed URI (near miss: the same path as a file: URI)", () => {
    assert.equal(uriToPath("untitled:Untitled-1"), undefined);
    assert.equal(uriToPath("git:/kb/x.md?ref"), undefined);
    assert.equal(uriToPath("not a uri"), undefined);
    assert.equal(uriToPath("file:///kb/x.md"), "/kb/x.md");
  });

  it("writes a core path as a file: URI that reads back as the same path", () => {
    for (const path of ["/kb/a b/#1.md", "/kb/ü/é.md", "/c:/kb/x.md"])
      assert.equal(uriToPath(pathToUri(path)), path);
  });
});
