import assert from "node:assert/strict";
import { createLanguageService } from "../../../server/src/core/languageService";
import { MemoryFileSystem } from "../../support/memoryFileSystem";

/**
 * A node file read from disk is read once per check, not once per link to one of its children: a check
 * that keeps no contents (the CLI's) re-read a 660 KB node file for each of its 20,000 Related Nodes
 * links, which took a minute.
 */
describe("node readings of a check that keeps no contents", () => {
  const related = Array.from({ length: 200 }, (_, i) => `- [N${i}](/Root/Missing_${i}/Missing_${i}.md)`).join(
    "\n",
  );
  const files = {
    "/kb/meta.json": '{ "rootDir": "Root" }',
    "/kb/Root/Root.md": `### Mini Description\n\nR.\n\n### Related Nodes\n\n${related}\n\n### Order\n\n1. A\n`,
    "/kb/Root/A/A.md": "### Mini Description\n\nA.\n",
  };

  function readsOfRootWhileChecking(): number {
    const fileSystem = new MemoryFileSystem(files);
    const service = createLanguageService({ fileSystem, workspaceRoots: ["/kb"], retainContents: false });
    let reads = 0;
    fileSystem.onCall = (call) => {
      if (call.method === "readFile" && call.path === "/kb/Root/Root.md") reads++;
    };
    const codes = service.validate("/kb/Root/Root.md")?.diagnostics.map((diagnostic) => diagnostic.code);
    assert.equal(
      codes?.filter((code) => code === "link/unresolved").length,
      200,
      "every link is still judged",
    );
    return reads;
  }

  it("reads a node file a few times for 200 links to its children, not 200 times", () => {
    const reads = readsOfRootWhileChecking();
    assert.ok(reads <= 3, `read ${reads} times`);
  });
});
