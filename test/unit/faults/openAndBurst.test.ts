/**
 * Two more faults while the server indexes (tracker issue 7): a file changed on disk while it is open
 * with unsaved edits, and 10,000 files appearing at once (a branch checkout) announced by one burst of
 * events. After each, the index equals a cold index of the final tree.
 */
import * as assert from "node:assert/strict";
import type { Diagnostic } from "vscode-languageserver-types";
import type { MemoryFileSystem } from "../../support/memoryFileSystem";
import { assertSameAsColdIndex } from "./coldIndex";
import { examplesFileSystem, kbRoot } from "./examplesTree";
import { SessionDriver } from "../../support/sessionDriver";

const robustness = `${kbRoot}/AI_Safety/Technical_Foundations/Robustness/Robustness.md`;
const codes = (diagnostics: Diagnostic[] | undefined) =>
  (diagnostics ?? []).map((d) => String(d.code)).sort();

/** What a server started with `text` open for `path` publishes for it. */
async function publishedWhenOpen(
  fileSystem: MemoryFileSystem,
  path: string,
  text: string,
): Promise<Diagnostic[] | undefined> {
  const cold = new SessionDriver(fileSystem, [kbRoot]);
  cold.open(path, text);
  await cold.scan();
  return cold.published.get(path);
}

describe("a file changed on disk while open with unsaved edits", () => {
  const diskText = (fileSystem: MemoryFileSystem) => fileSystem.snapshot()[robustness];
  // The unsaved edit adds a broken link; the disk change renames the Description section instead.
  const edited = (text: string) => text + "\nSee [nowhere](Nowhere/Nowhere.md).\n";
  const changedOnDisk = (text: string) => text.replace("### Description", "### Overview");

  for (const when of ["after the scan", "during the scan"] as const) {
    it(`keeps the open text while open and uses the disk after closing (opened and changed ${when})`, async () => {
      const fileSystem = examplesFileSystem();
      const original = diskText(fileSystem);
      assert.notEqual(changedOnDisk(original), original, "the disk change changes the file");
      const server = new SessionDriver(fileSystem, [kbRoot]);
      const openAndChange = () => {
        server.open(robustness, edited(original), 2);
        fileSystem.writeFile(robustness, changedOnDisk(original));
        server.sendEvent(robustness, "changed");
      };
      if (when === "during the scan") {
        fileSystem.onCall = (call) => {
          if (call.count === 20) openAndChange();
        };
        await server.scan();
      } else {
        await server.scan();
        openAndChange();
        await server.settle();
      }
      const whileOpen = server.published.get(robustness);
      assert.ok(codes(whileOpen).includes("link/unresolved"), "the unsaved edit is what is checked");
      assert.ok(!codes(whileOpen).includes("section/unknown"), "the disk change is not checked while open");
      assert.deepEqual(whileOpen, await publishedWhenOpen(fileSystem, robustness, edited(original)));

      server.close(robustness);
      await assertSameAsColdIndex(server, fileSystem, [kbRoot]);
      const afterClose = codes(server.published.get(robustness));
      assert.ok(afterClose.includes("section/unknown"), "the disk text is checked");
      assert.ok(!afterClose.includes("link/unresolved"), "the unsaved edit is gone");
    });
  }

  it("keeps an open document whose file is deleted on disk until it is closed, then forgets it", async () => {
    const fileSystem = examplesFileSystem();
    const server = new SessionDriver(fileSystem, [kbRoot]);
    await server.scan();
    const text = edited(diskText(fileSystem));
    server.open(robustness, text, 2);
    fileSystem.delete(robustness);
    server.sendEvent(robustness, "deleted");
    await server.settle();
    assert.ok(
      codes(server.published.get(robustness)).includes("link/unresolved"),
      "still checked while open",
    );
    server.close(robustness);
    await assertSameAsColdIndex(server, fileSystem, [kbRoot]);
    assert.equal(server.published.get(robustness), undefined);
  });
});

describe("10,000 files appearing at once (a branch checkout), announced in one burst of events", function () {
  this.timeout(120_000);
  const count = 10_000;
  const bulk = `${kbRoot}/wiki/bulk`;

  /**
   * Topic pages; every tenth has a broken link and every hundredth no title, so diagnostics come too.
   * The broken links point out of the folder: a "did you mean" among 10,000 siblings costs ~4 ms a link.
   */
  function checkOut(fileSystem: MemoryFileSystem): string[] {
    const paths: string[] = [];
    for (let i = 0; i < count; i++) {
      const path = `${bulk}/page-${i}.md`;
      const title = i % 100 === 0 ? "" : `title: Page ${i}\n`;
      const link = i % 10 === 0 ? `[gone](../gone/missing-${i}.md)` : `[next](page-${(i + 1) % count}.md)`;
      fileSystem.writeFile(path, `---\n${title}---\n\n# Page ${i}\n\nSee ${link}.\n`);
      paths.push(path);
    }
    return paths;
  }

  for (const when of ["after the scan", "during the scan"] as const) {
    it(`equals a cold index (files created ${when}, one event per file)`, async () => {
      const fileSystem = examplesFileSystem();
      const server = new SessionDriver(fileSystem, [kbRoot]);
      const checkOutAndAnnounce = () => {
        for (const path of checkOut(fileSystem)) server.sendEvent(path, "created");
      };
      if (when === "during the scan") {
        fileSystem.onCall = (call) => {
          if (call.count === 20) checkOutAndAnnounce();
        };
        await server.scan();
      } else {
        await server.scan();
        checkOutAndAnnounce();
      }
      await assertSameAsColdIndex(server, fileSystem, [kbRoot]);
      const bulkFiles = server.service.listCheckedFiles().filter((path) => path.startsWith(bulk + "/"));
      assert.equal(bulkFiles.length, count);
      const withLinkErrors = [...server.published].filter(
        ([path, diagnostics]) =>
          path.startsWith(bulk + "/") && codes(diagnostics).includes("link/unresolved"),
      );
      assert.equal(withLinkErrors.length, count / 10);
    });
  }

  it("equals a cold index when the checkout's folder is announced by one event for the folder", async () => {
    const fileSystem = examplesFileSystem();
    const server = new SessionDriver(fileSystem, [kbRoot]);
    await server.scan();
    checkOut(fileSystem);
    server.sendEvent(bulk, "created");
    await assertSameAsColdIndex(server, fileSystem, [kbRoot]);
    assert.equal(server.service.listCheckedFiles(bulk).length, count);
  });
});
