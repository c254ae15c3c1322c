import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { diagnosticCodes } from "../../../server/src/core/diagnosticCodes";
import { codeDocumentationUrl } from "../../../server/src/core/diagnosticDocs";
import { createLanguageService } from "../../../server/src/core/languageService";
import { MemoryFileSystem } from "../../support/memoryFileSystem";

const codesOf = (service: ReturnType<typeof createLanguageService>, path: string) =>
  service.validate(path)?.diagnostics.map((diagnostic) => diagnostic.code) ?? [];

function smallMap(): MemoryFileSystem {
  return new MemoryFileSystem({
    "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
    "/kb/Root/Root.md": "### Description\n\nAll of it.\n\n### Order\n\n1. Child\n",
    "/kb/Root/Child/Child.md": "### Mini Description\n\nA child.\n",
    "/kb/README.md": "# Not part of the map\n\nNo kind: stays silent.\n",
  });
}

/**
 * The small map with a second child that has its Mini Description: most of the map's nodes then have one
 * (the root by meta.json's coverRootDescription), so a node without it is reported (section/missing).
 */
function mapWithSibling(): MemoryFileSystem {
  const fileSystem = smallMap();
  fileSystem.writeFile(
    "/kb/Root/Root.md",
    "### Description\n\nAll of it.\n\n### Order\n\n1. Child\n2. Sibling\n",
  );
  fileSystem.writeFile("/kb/Root/Sibling/Sibling.md", "### Mini Description\n\nA sibling.\n");
  return fileSystem;
}

describe("language service (in memory)", () => {
  it("checks a clean map without a diagnostic, and leaves a README without a kind alone", () => {
    const service = createLanguageService({ fileSystem: smallMap(), workspaceRoots: ["/kb"] });
    const files = service.listCheckedFiles().sort();
    assert.deepEqual(files, [
      "/kb/README.md",
      "/kb/Root/Child/Child.md",
      "/kb/Root/Root.md",
      "/kb/meta.json",
    ]);
    for (const file of files) assert.deepEqual(codesOf(service, file), [], file);
    assert.equal(service.validate("/kb/README.md")?.kind, null);
    assert.equal(service.validate("/kb/Root/Root.md")?.kind, "map-node");
  });

  it("validates the unsaved text of an open document, and the disk text again once closed", () => {
    const service = createLanguageService({ fileSystem: mapWithSibling(), workspaceRoots: ["/kb"] });
    service.openDocument("/kb/Root/Child/Child.md", "### Description\n\nNo mini description.\n", 2);
    assert.deepEqual(codesOf(service, "/kb/Root/Child/Child.md"), ["section/missing"]);
    service.closeDocument("/kb/Root/Child/Child.md");
    assert.deepEqual(codesOf(service, "/kb/Root/Child/Child.md"), []);
  });

  it("names the parent node's file as affected when a child folder is created, and reports it unlisted", () => {
    const fileSystem = smallMap();
    const service = createLanguageService({ fileSystem, workspaceRoots: ["/kb"] });
    service.listCheckedFiles();
    assert.deepEqual(codesOf(service, "/kb/Root/Root.md"), []);
    // A folder with content (an empty one is not in git, so not in the published map's source).
    fileSystem.addFolder("/kb/Root/New_Child");
    fileSystem.writeFile("/kb/Root/New_Child/papers.json", "[]");
    const affected = service.filesChanged([
      { path: "/kb/Root/New_Child", change: "created" },
      { path: "/kb/Root/New_Child/papers.json", change: "created" },
    ]);
    assert.ok(affected.includes("/kb/Root/Root.md"), `affected: ${affected.join(", ")}`);
    // Without its New_Child.md the builder drops the folder: no child to list yet.
    assert.deepEqual(codesOf(service, "/kb/Root/Root.md").sort(), ["node/file-name"]);
    fileSystem.writeFile("/kb/Root/New_Child/New_Child.md", "### Mini Description\n\nNew.\n");
    const again = service.filesChanged([{ path: "/kb/Root/New_Child/New_Child.md", change: "created" }]);
    assert.ok(again.includes("/kb/Root/Root.md"), `affected: ${again.join(", ")}`);
    assert.deepEqual(codesOf(service, "/kb/Root/Root.md").sort(), ["order/unlisted-child"]);
  });

  it("revalidates the files that link to a folder when it is deleted", () => {
    const fileSystem = smallMap();
    fileSystem.writeFile(
      "/kb/Root/Other/Other.md",
      "### Mini Description\n\nSee [Child](/Root/Child/Child.md).\n",
    );
    fileSystem.writeFile("/kb/Root/Root.md", "### Description\n\nAll.\n\n### Order\n\n1. Child\n2. Other\n");
    const service = createLanguageService({ fileSystem, workspaceRoots: ["/kb"] });
    for (const file of service.listCheckedFiles()) service.validate(file);
    fileSystem.delete("/kb/Root/Child");
    const affected = service.filesChanged([{ path: "/kb/Root/Child", change: "deleted" }]);
    assert.ok(affected.includes("/kb/Root/Other/Other.md"), `affected: ${affected.join(", ")}`);
    assert.deepEqual(codesOf(service, "/kb/Root/Other/Other.md"), ["link/unresolved"]);
    assert.deepEqual(codesOf(service, "/kb/Root/Root.md"), ["order/unknown-entry"]);
  });

  it("without retainContents (a one-shot check), gives the same diagnostics and keeps no text", () => {
    const fileSystem = smallMap();
    fileSystem.writeFile("/kb/Root/Child/Child.md", "### Mini Description\n\n### Description\n\nText.\n");
    const retained = createLanguageService({ fileSystem, workspaceRoots: ["/kb"] });
    const oneShot = createLanguageService({ fileSystem, workspaceRoots: ["/kb"], retainContents: false });
    for (const file of retained.listCheckedFiles())
      assert.deepEqual(codesOf(oneShot, file), codesOf(retained, file), file);
    // Nothing was kept: the next validation reads the disk again, even unannounced.
    fileSystem.writeFile("/kb/Root/Child/Child.md", "### Mini Description\n\nA child.\n");
    assert.deepEqual(codesOf(oneShot, "/kb/Root/Child/Child.md"), []);
    assert.deepEqual(codesOf(retained, "/kb/Root/Child/Child.md"), ["section/empty"]);
  });

  it("applies a configuration change to every file", () => {
    const fileSystem = smallMap();
    fileSystem.writeFile("/kb/Root/Child/Child.md", "### Mini Description\n\n### Description\n\nText.\n");
    const service = createLanguageService({ fileSystem, workspaceRoots: ["/kb"] });
    service.listCheckedFiles();
    assert.deepEqual(codesOf(service, "/kb/Root/Child/Child.md"), ["section/empty"]);
    fileSystem.writeFile("/kb/kb-author.jsonc", '{ "severity": { "section/empty": "off" } }');
    const affected = service.filesChanged([{ path: "/kb/kb-author.jsonc", change: "created" }]);
    assert.ok(affected.includes("/kb/Root/Child/Child.md"));
    assert.deepEqual(codesOf(service, "/kb/Root/Child/Child.md"), []);
  });
});

describe("diagnostic documentation links", () => {
  it("links every diagnostic's code to its heading in docs/codes.md", () => {
    const page = readFileSync(resolve(__dirname, "../../../../docs/codes.md"), "utf8");
    const anchors = new Set([...page.matchAll(/^### (\S+)$/gm)].map((match) => match[1].replace("/", "")));
    for (const code of diagnosticCodes) {
      const anchor = codeDocumentationUrl(code).split("#")[1];
      assert.ok(anchors.has(anchor), `docs/codes.md has no heading for ${code}`);
    }
    const service = createLanguageService({ fileSystem: mapWithSibling(), workspaceRoots: ["/kb"] });
    service.openDocument("/kb/Root/Child/Child.md", "### Description\n\nNo mini description.\n", 2);
    const [diagnostic] = service.validate("/kb/Root/Child/Child.md")?.diagnostics ?? [];
    assert.equal(diagnostic.codeDescription?.href, codeDocumentationUrl("section/missing"));
  });
});

describe("link suggestions", () => {
  it("points a link to a moved node at the node of that name elsewhere in the map", () => {
    const fileSystem = new MemoryFileSystem({
      "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
      "/kb/Root/Root.md": "### Description\n\nAll.\n\n### Order\n\n1. A\n2. B\n",
      "/kb/Root/A/A.md": "### Mini Description\n\nA.\n\n### Order\n\n1. Moved_Node\n",
      "/kb/Root/A/Moved_Node/Moved_Node.md": "### Mini Description\n\nMoved.\n",
      "/kb/Root/B/B.md":
        "### Mini Description\n\nB.\n\n### Related Nodes\n\n- [Moved Node](/Root/B/Moved_Node/Moved_Node.md)\n",
    });
    const service = createLanguageService({ fileSystem, workspaceRoots: ["/kb"] });
    const [diagnostic] = service.validate("/kb/Root/B/B.md")?.diagnostics ?? [];
    assert.equal(diagnostic.code, "link/unresolved");
    assert.deepEqual(diagnostic.data, { suggestion: "/Root/A/Moved_Node/Moved_Node.md" });
    const fix = service
      .getCodeActions("/kb/Root/B/B.md", diagnostic.range, [diagnostic])
      .find((action) => action.isPreferred);
    assert.ok(fix, "a preferred quick fix repoints the link");
  });
});
