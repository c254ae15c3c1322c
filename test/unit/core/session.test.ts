import * as assert from "node:assert/strict";
import type { Diagnostic } from "vscode-languageserver-types";
import { createLanguageService, type FileSystem, type LanguageService } from "../../../server/src/core";
import { SessionDriver } from "../../support/sessionDriver";
import { examplesFileSystem, kbRoot } from "../faults/examplesTree";

const robustness = `${kbRoot}/AI_Safety/Technical_Foundations/Robustness/Robustness.md`;

/** The same tree behind a host whose every answer comes later, as a promise (a browser's reads). */
function answeringLater(fileSystem: FileSystem): FileSystem {
  const later = <T>(answer: T | PromiseLike<T>): Promise<T> =>
    new Promise((resolve) => setImmediate(() => resolve(answer)));
  return {
    stat: (path) => later(fileSystem.stat(path)),
    readDirectory: (path) => later(fileSystem.readDirectory(path)),
    readFile: (path) => later(fileSystem.readFile(path)),
    readFileUpTo: (path, maxSize) => later(fileSystem.readFileUpTo!(path, maxSize)),
  };
}

function codesOf(published: ReadonlyMap<string, Diagnostic[]>): Record<string, string[]> {
  return Object.fromEntries(
    [...published]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([path, list]) => [path, list.map((d) => String(d.code))]),
  );
}

/** Runs every slice of work the session has, keeping what it publishes. */
async function drain(service: LanguageService): Promise<Map<string, Diagnostic[]>> {
  const published = new Map<string, Diagnostic[]>();
  while (service.hasWork()) {
    for (const { path, diagnostics } of (await service.runWork(() => false)).publications) {
      if (diagnostics.length > 0) published.set(path, diagnostics);
      else published.delete(path);
    }
  }
  return published;
}

describe("the validation session", () => {
  it("publishes the same diagnostics when every read of the host completes later", async () => {
    const now = new SessionDriver(examplesFileSystem(), [kbRoot]);
    await now.scan();
    const later = new SessionDriver(answeringLater(examplesFileSystem()), [kbRoot]);
    await later.scan();
    assert.ok(now.published.size >= 5, "the examples have problems to publish");
    assert.deepEqual(codesOf(later.published), codesOf(now.published));
  });

  it("withdraws the diagnostics of a workspace folder removed, and scans a folder added", async () => {
    const service = createLanguageService({ fileSystem: examplesFileSystem(), workspaceRoots: [kbRoot] });
    service.startScan();
    const scanned = await drain(service);
    assert.ok(scanned.has(robustness));

    service.foldersChanged([], [kbRoot]);
    const { publications } = await service.runWork(() => false);
    assert.deepEqual(
      publications.map((p) => p.path).sort(),
      [...scanned.keys()].sort(),
      "every file that showed diagnostics is published empty",
    );
    assert.ok(publications.every((p) => p.diagnostics.length === 0));
    assert.deepEqual(service.diagnosticsOf(robustness), [], "a hover card counts nothing there");

    service.foldersChanged([kbRoot], []);
    assert.ok(service.status().indexing, "the added folder is scanned");
    assert.deepEqual(codesOf(await drain(service)), codesOf(scanned));
  });

  it("holds an edit back for the debounce, then validates it once, by the session's clock", async () => {
    let now = 1000;
    const service = createLanguageService({
      fileSystem: examplesFileSystem(),
      workspaceRoots: [kbRoot],
      clock: () => now,
    });
    service.startScan();
    await drain(service);
    service.configure({ enabled: true, debounceMs: 200 });
    service.openDocument(robustness, "### Mini Description\n\nx\n", 1);
    await drain(service);
    const before = service.validationCount();
    service.changeDocument(robustness, 2, [{ text: "### Mini Description\n\nxy\n" }]);
    service.changeDocument(robustness, 3, [{ text: "### Mini Description\n\nxyz\n" }]);
    assert.equal(service.hasWork(), false, "nothing runs before the moment");
    assert.equal(service.isPending(robustness), true);
    assert.equal(service.nextDueIn(), 200);
    now += 199;
    assert.equal(service.nextDueIn(), 1);
    now += 1;
    assert.equal(service.nextDueIn(), 0);
    const { publications } = await service.runWork(() => false);
    assert.deepEqual(
      publications.map((p) => [p.path, p.version]),
      [[robustness, 3]],
    );
    assert.equal(service.validationCount() - before, 1, "two edits, one validation");
    assert.equal(service.isPending(robustness), false);
  });

  it("applies incremental changes to an open document and ignores a stale version (near miss: a newer one)", async () => {
    const service = createLanguageService({ fileSystem: examplesFileSystem(), workspaceRoots: [kbRoot] });
    service.openDocument(robustness, "### Mini Description\n\nabc\n", 5);
    const range = { start: { line: 2, character: 1 }, end: { line: 2, character: 2 } };
    service.changeDocument(robustness, 5, [{ range, text: "STALE" }]);
    service.changeDocument(robustness, 6, [{ range, text: "B" }]);
    const { publications } = await service.runWork(() => false);
    assert.equal(publications[0]?.version, 6);
    const symbols = service.getDocumentSymbols(robustness);
    assert.equal(symbols[0]?.name, "Mini Description");
    assert.equal(service.format(robustness).length, 0);
    assert.match(service.renderPage(robustness, { kind: "editor", resourceRoots: [] })?.html ?? "", /aBc/);
  });

  it("puts a file the client waits for ahead of the background scan", async () => {
    const service = createLanguageService({ fileSystem: examplesFileSystem(), workspaceRoots: [kbRoot] });
    service.startScan();
    // One step at a time until the scan's walk has queued the file.
    while (!service.isPending(robustness)) await service.runWork(() => true);
    assert.ok(service.status().filesTotal > 1, "the scan has queued other files too");
    service.prioritize(robustness);
    const { publications } = await service.runWork(() => false);
    assert.equal(publications[0]?.path, robustness, "validated first, ahead of the rest of the scan");
    assert.equal(service.isPending(robustness), false);
  });

  it("asks the client to watch every entry created or deleted, and the contents of the files it reads", () => {
    const service = createLanguageService({ fileSystem: examplesFileSystem(), workspaceRoots: [kbRoot] });
    assert.deepEqual(service.watchedFiles(), [
      { globPattern: "**/*", kind: 1 | 4 },
      { globPattern: "**/*.{md,mdx,json,jsonc,yaml,yml}", kind: 2 },
      { globPattern: "**/.kb-author.jsonc", kind: 2 },
    ]);
  });
});
