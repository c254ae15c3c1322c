/**
 * What is held for deleted files is released (tracker issue 7): after 10,000 files are created and then
 * deleted, every cache and index of the service holds what it held before. bench/memory-release.mjs
 * measures the heap and RSS of the same steps.
 */
import * as assert from "node:assert/strict";
import type { IndexStats } from "../../../server/src/core/languageService";
import { examplesFileSystem, kbRoot } from "./examplesTree";
import { SessionDriver } from "../../support/sessionDriver";

describe("index release: creating then deleting 10,000 files leaves the index as it was", function () {
  this.timeout(120_000);
  const count = 10_000;
  const bulk = `${kbRoot}/wiki/bulk`;

  /**
   * The stats after every file is validated again (negative answers, such as missing link targets, are
   * dropped at each change of the tree's shape and come back with the next validation) and after the
   * queries an editor makes (the map view, workspace symbols), which fill the node index.
   */
  function statsAfterQueries(server: SessionDriver): IndexStats {
    for (const path of server.service.listCheckedFiles()) server.service.validate(path);
    server.service.getMapTree();
    server.service.getWorkspaceSymbols("");
    return server.service.getIndexStats();
  }

  const statPaths = (server: SessionDriver) =>
    [...server.service.cachedPaths()].filter(([cache]) => cache === "stats").map(([, path]) => path);

  for (const announced of ["each file, then the folder", "the folder alone"] as const) {
    it(`returns every count to its starting value, no deleted path held (deletion announced for ${announced})`, async () => {
      const fileSystem = examplesFileSystem();
      const server = new SessionDriver(fileSystem, [kbRoot]);
      await server.scan();
      const before = statsAfterQueries(server);
      assert.ok(before.knownFiles > 10 && before.texts > 10, "the scan filled the index");
      const heldBefore = new Set(statPaths(server));

      const paths = Array.from({ length: count }, (_, i) => `${bulk}/page-${i}.md`);
      paths.forEach((path, i) =>
        fileSystem.writeFile(
          path,
          `---\ntitle: Page ${i}\n---\n\n# Page ${i}\n\n[x](../gone/page-${i}.md)\n`,
        ),
      );
      for (const path of paths) server.sendEvent(path, "created");
      await server.settle();
      const grown = statsAfterQueries(server);
      assert.equal(grown.knownFiles, before.knownFiles + count);
      assert.equal(grown.texts, before.texts + count);
      assert.equal(grown.diagnostics, before.diagnostics + count, "each new page has a broken link");

      fileSystem.delete(bulk);
      if (announced === "each file, then the folder")
        for (const path of paths) server.sendEvent(path, "deleted");
      server.sendEvent(bulk, "deleted");
      await server.settle();
      const after = statsAfterQueries(server);
      // The stat cache may have learnt about an existing folder on the way (`/kb/wiki`, whose listing
      // changed twice): every count is back where it was, but for such entries, all of existing paths.
      // Folder listings are dropped on a change of shape and read again on demand: no more than before.
      assert.deepEqual({ ...after, stats: 0, directories: 0 }, { ...before, stats: 0, directories: 0 });
      assert.ok(
        after.directories <= before.directories,
        `${after.directories} folder listings held, ${before.directories} before`,
      );
      const newlyHeld = statPaths(server).filter((path) => !heldBefore.has(path));
      assert.equal(after.stats, before.stats + newlyHeld.length);
      for (const path of newlyHeld) assert.ok(fileSystem.stat(path), `${path} is held but does not exist`);
      const held = [...server.service.cachedPaths()].filter(([, path]) => path.startsWith(bulk));
      assert.deepEqual(held, [], "no cache holds a deleted path");
      assert.deepEqual(
        [...server.published.keys()].filter((path) => path.startsWith(bulk)),
        [],
      );
    });
  }
});
