import * as assert from "node:assert/strict";
import { MemoryFileSystem } from "../../support/memoryFileSystem";
import { createLanguageService } from "../../../server/src/core";
import { SessionDriver } from "../../support/sessionDriver";

/**
 * A map's conventions (issue 13, point 3): a section is expected of a node when most of the map's nodes
 * have it, so an edit of one node can change another node's diagnostics. The session revalidates the map's
 * other files when the balance tips.
 */
const node = (order: boolean, children: string[]) =>
  "### Mini Description\n\nA node.\n" +
  (order ? `\n### Order\n\n${children.map((child, i) => `${i + 1}. ${child}`).join("\n")}\n` : "");

const files: Record<string, string> = {
  "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
  "/kb/Root/Root.md": node(true, ["A", "B", "C"]),
  "/kb/Root/A/A.md": node(true, ["A1"]),
  "/kb/Root/A/A1/A1.md": node(false, []),
  "/kb/Root/B/B.md": node(true, ["B1"]),
  "/kb/Root/B/B1/B1.md": node(false, []),
  "/kb/Root/C/C.md": node(false, ["C1"]),
  "/kb/Root/C/C1/C1.md": node(false, []),
};

const missingOrderOn = (driver: SessionDriver) =>
  [...driver.published]
    .filter(([, diagnostics]) => diagnostics.some((d) => d.code === "section/missing"))
    .map(([path]) => path);

describe("map conventions (section/missing by the map's majority)", () => {
  it("expects an Order of C while most nodes with children have one, and no longer once most do not", async () => {
    const driver = new SessionDriver(new MemoryFileSystem(files), ["/kb"]);
    await driver.scan();
    assert.deepEqual(missingOrderOn(driver), ["/kb/Root/C/C.md"], "3 of 4 nodes with children have an Order");

    // Two Orders removed: 1 of 4 (the root's) is left, so C is as most nodes are.
    driver.open("/kb/Root/A/A.md", node(false, ["A1"]), 1);
    driver.open("/kb/Root/B/B.md", node(false, ["B1"]), 1);
    await driver.settle();
    assert.deepEqual(missingOrderOn(driver), [], "C.md was validated again when the balance tipped");

    // And back: C's diagnostic returns when the Orders do.
    driver.open("/kb/Root/A/A.md", node(true, ["A1"]), 2);
    driver.open("/kb/Root/B/B.md", node(true, ["B1"]), 2);
    await driver.settle();
    assert.deepEqual(missingOrderOn(driver), ["/kb/Root/C/C.md"]);
  });

  it("follows children created and deleted on disk as a fresh scan would, without counting the map again", async () => {
    const fileSystem = new MemoryFileSystem(files);
    const driver = new SessionDriver(fileSystem, ["/kb"]);
    await driver.scan();
    const fresh = async () => {
      const again = new SessionDriver(new MemoryFileSystem(fileSystem.snapshot()), ["/kb"]);
      await again.scan();
      return missingOrderOn(again);
    };
    // A1 and B1 gain children without an Order: 3 of 6 nodes with children have one, no longer most.
    for (const parent of ["/kb/Root/A/A1", "/kb/Root/B/B1"]) {
      fileSystem.writeFile(`${parent}/X/X.md`, node(false, []));
      driver.sendEvent(`${parent}/X`, "created");
      driver.sendEvent(`${parent}/X/X.md`, "created");
    }
    await driver.settle();
    assert.deepEqual(missingOrderOn(driver), await fresh());
    assert.deepEqual(missingOrderOn(driver), [], "C.md is as most nodes are now");
    // And deleted again: the Orders are the majority once more.
    for (const parent of ["/kb/Root/A/A1", "/kb/Root/B/B1"]) {
      fileSystem.delete(`${parent}/X`);
      driver.sendEvent(`${parent}/X`, "deleted");
    }
    await driver.settle();
    assert.deepEqual(missingOrderOn(driver), await fresh());
    assert.deepEqual(missingOrderOn(driver), ["/kb/Root/C/C.md"]);
  });

  it("counts a map's nodes in slices of the session's work, and publishes the node that waited for the count as a one-off check does", async () => {
    const leaves = Array.from({ length: 40 }, (_, i) => `L${i + 1}`);
    const tree: Record<string, string> = { ...files, "/kb/Root/Root.md": node(true, ["A", "B", "C", "D"]) };
    tree["/kb/Root/D/D.md"] = node(true, leaves);
    for (const leaf of leaves) tree[`/kb/Root/D/${leaf}/${leaf}.md`] = node(false, []);
    const fileSystem = new MemoryFileSystem(tree);
    const driver = new SessionDriver(fileSystem, ["/kb"]);
    // C.md first, as an open document: its check needs the count before anything else has been read.
    driver.open("/kb/Root/C/C.md", tree["/kb/Root/C/C.md"]);
    let readsInSlice = 0;
    let mostReadsInASlice = 0;
    fileSystem.onCall = (call) => {
      if (call.method === "readFile") mostReadsInASlice = Math.max(mostReadsInASlice, ++readsInSlice);
    };
    while (driver.service.hasWork()) {
      readsInSlice = 0;
      let steps = 0;
      for (const { path, diagnostics } of (await driver.service.runWork(() => ++steps >= 2)).publications)
        if (diagnostics.length > 0) driver.published.set(path, diagnostics);
    }
    assert.ok(
      mostReadsInASlice <= 4,
      `at most a few files read per slice, not the map's ${leaves.length + 8}`,
    );
    const oneOff = createLanguageService({ fileSystem: new MemoryFileSystem(tree), workspaceRoots: ["/kb"] });
    assert.deepEqual(
      driver.service.diagnosticsOf("/kb/Root/C/C.md").map((d) => d.code),
      oneOff.validate("/kb/Root/C/C.md")!.diagnostics.map((d) => d.code),
    );
    assert.deepEqual(missingOrderOn(driver), ["/kb/Root/C/C.md"], "4 of 5 nodes with children have an Order");
  });

  it("validates an edit of a node that needs no count while a map's count is under way", async () => {
    const leaves = Array.from({ length: 40 }, (_, i) => `L${i + 1}`);
    const tree: Record<string, string> = { ...files, "/kb/Root/Root.md": node(true, ["A", "B", "C", "D"]) };
    tree["/kb/Root/D/D.md"] = node(true, leaves);
    for (const leaf of leaves) tree[`/kb/Root/D/${leaf}/${leaf}.md`] = node(false, []);
    const service = createLanguageService({
      fileSystem: new MemoryFileSystem(tree),
      workspaceRoots: ["/kb"],
    });
    service.openDocument("/kb/Root/C/C.md", tree["/kb/Root/C/C.md"], 1);
    service.openDocument("/kb/Root/A/A.md", tree["/kb/Root/A/A.md"], 1);
    // C.md (no Order) starts the count; one step of it, then A.md is edited to have every section.
    const first = await service.runWork(() => true);
    assert.deepEqual(first.publications, [], "C.md waits for the count");
    const complete = node(true, ["A1"]).replace("### Order", "### Description\n\nMore.\n\n### Order");
    service.changeDocument("/kb/Root/A/A.md", 2, [{ text: complete }]);
    const { publications } = await service.runWork(() => true);
    assert.deepEqual(
      publications.map((p) => [p.path, p.version]),
      [["/kb/Root/A/A.md", 2]],
      "A.md's edit goes out at once, ahead of the count",
    );
    assert.equal(service.isPending("/kb/Root/C/C.md"), true, "C.md still waits for the count");
  });
});
