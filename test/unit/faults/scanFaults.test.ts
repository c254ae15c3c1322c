/**
 * Faults while the server indexes (tracker issue 7): files deleted or renamed mid-scan, an unreadable
 * file, a file changed on disk while open with unsaved edits. Each fault is injected at every point of
 * the scan in turn (before the Nth call to the file system), the watcher's events follow, and then the
 * index must equal a cold index of the final tree (`assertSameAsColdIndex`).
 */
import * as assert from "node:assert/strict";
import type { FileSystemCall, MemoryFileSystem } from "../../support/memoryFileSystem";
import { assertSameAsColdIndex } from "./coldIndex";
import { examplesFileSystem, kbRoot } from "./examplesTree";
import { SessionDriver } from "../../support/sessionDriver";

const tf = `${kbRoot}/AI_Safety/Technical_Foundations`;
const ic = `${kbRoot}/AI_Safety/Governance_and_Policy/International_Coordination`;

/** How many file-system calls a cold scan of examples/ makes: each fault is tried before every one. */
async function callsOfAScan(): Promise<number> {
  const fileSystem = examplesFileSystem();
  let calls = 0;
  fileSystem.onCall = (call) => (calls = call.count);
  await new SessionDriver(fileSystem, [kbRoot]).scan();
  return calls;
}

/**
 * Scans examples/ with `fault` run once, just before the `at`th call to the file system is answered;
 * the fault returns the watcher's events, delivered at the server's next turn.
 */
async function scanWithFault(
  at: number,
  fault: (
    fileSystem: MemoryFileSystem,
    call: FileSystemCall,
  ) => [string, "created" | "changed" | "deleted"][],
): Promise<{ server: SessionDriver; fileSystem: MemoryFileSystem }> {
  const fileSystem = examplesFileSystem();
  const server = new SessionDriver(fileSystem, [kbRoot]);
  fileSystem.onCall = (call) => {
    if (call.count !== at) return;
    for (const [path, change] of fault(fileSystem, call)) server.sendEvent(path, change);
  };
  await server.scan();
  return { server, fileSystem };
}

describe("faults during the initial scan: the index equals a cold index of the final tree", function () {
  this.timeout(120_000);
  let calls = 0;
  before(async () => {
    calls = await callsOfAScan();
  });

  it("makes a few hundred file-system calls to scan examples/ (each one a point where a fault is tried)", async () => {
    assert.ok(calls > 50, `${calls} calls`);
  });

  const cases: [string, (fileSystem: MemoryFileSystem) => [string, "created" | "changed" | "deleted"][]][] = [
    [
      "a Markdown topic page deleted",
      (fileSystem) => {
        fileSystem.delete(`${kbRoot}/wiki/mistake-missing-title.md`);
        return [[`${kbRoot}/wiki/mistake-missing-title.md`, "deleted"]];
      },
    ],
    [
      "a node's file deleted (its parent's Order now names a folder without its file)",
      (fileSystem) => {
        fileSystem.delete(`${tf}/Robustness/Robustness.md`);
        return [[`${tf}/Robustness/Robustness.md`, "deleted"]];
      },
    ],
    [
      "a node folder with children and a papers.json deleted",
      (fileSystem) => {
        fileSystem.delete(`${ic}/Treaty_Frameworks`);
        return [[`${ic}/Treaty_Frameworks`, "deleted"]];
      },
    ],
    [
      "a node folder removed with its children, announced only by its files' events (coalesced by the watcher)",
      (fileSystem) => {
        const folder = `${tf}/Interpretability`;
        const files = Object.keys(fileSystem.snapshot()).filter((path) => path.startsWith(folder + "/"));
        fileSystem.delete(folder);
        return files.map((path) => [path, "deleted"]);
      },
    ],
    [
      "a topic page renamed",
      (fileSystem) => {
        fileSystem.rename(`${kbRoot}/wiki/mistake-broken-yaml.md`, `${kbRoot}/wiki/renamed-page.md`);
        return [
          [`${kbRoot}/wiki/mistake-broken-yaml.md`, "deleted"],
          [`${kbRoot}/wiki/renamed-page.md`, "created"],
        ];
      },
    ],
    [
      "a node folder renamed (its file keeps the old name; the parent's Order names the old one)",
      (fileSystem) => {
        fileSystem.rename(`${tf}/Interpretability`, `${tf}/Explainability`);
        return [
          [`${tf}/Interpretability`, "deleted"],
          [`${tf}/Explainability`, "created"],
        ];
      },
    ],
    [
      "a node folder renamed with its file (a consistent rename, listed under the new name)",
      (fileSystem) => {
        fileSystem.rename(`${tf}/Robustness`, `${tf}/Resilience`);
        fileSystem.rename(`${tf}/Resilience/Robustness.md`, `${tf}/Resilience/Resilience.md`);
        const parent = `${tf}/Technical_Foundations.md`;
        fileSystem.writeFile(parent, fileSystem.snapshot()[parent].replace("Robustness", "Resilience"));
        return [
          [`${tf}/Robustness`, "deleted"],
          [`${tf}/Resilience`, "created"],
          [parent, "changed"],
        ];
      },
    ],
    [
      "files appearing in folders the scan skips (npm install, a hidden folder)",
      (fileSystem) => {
        const page = "---\ntitle: Skipped\n---\n\n# Skipped\n\nSee [gone](gone.md).\n";
        fileSystem.writeFile(`${kbRoot}/node_modules/pkg/README.md`, page);
        fileSystem.writeFile(`${kbRoot}/wiki/.drafts/draft.md`, page);
        fileSystem.writeFile(`${kbRoot}/node_modules/pkg/meta.json`, "{ not json");
        return [
          [`${kbRoot}/node_modules/pkg/meta.json`, "created"],
          [`${kbRoot}/node_modules`, "created"],
          [`${kbRoot}/node_modules/pkg/README.md`, "created"],
          [`${kbRoot}/wiki/.drafts/draft.md`, "created"],
        ];
      },
    ],
    [
      "meta.json deleted (the map loses its root)",
      (fileSystem) => {
        fileSystem.delete(`${kbRoot}/meta.json`);
        return [[`${kbRoot}/meta.json`, "deleted"]];
      },
    ],
    [
      "a file made unreadable (chmod 000; the watcher reports a change)",
      (fileSystem) => {
        fileSystem.unreadable.add(`${tf}/Alignment_Theory/Alignment_Theory.md`);
        return [[`${tf}/Alignment_Theory/Alignment_Theory.md`, "changed"]];
      },
    ],
  ];

  for (const [name, fault] of cases) {
    it(`${name}, before each call of the scan`, async () => {
      for (let at = 1; at <= calls + 1; at++) {
        const { server, fileSystem } = await scanWithFault(at, fault);
        try {
          await assertSameAsColdIndex(server, fileSystem, [kbRoot]);
        } catch (error) {
          (error as Error).message = `fault before call ${at} of ${calls}: ${(error as Error).message}`;
          throw error;
        }
      }
    });
  }

  it("an unreadable file gets one file/unreadable diagnostic at its start, and nothing else, as in a cold index", async () => {
    const fileSystem = examplesFileSystem();
    const path = `${tf}/Robustness/Robustness.md`;
    fileSystem.unreadable.add(path);
    const server = new SessionDriver(fileSystem, [kbRoot]);
    await server.scan();
    const diagnostics = server.published.get(path) ?? [];
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range]),
      [["file/unreadable", { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]],
    );
    assert.match(diagnostics[0].message, /cannot be read \(permission denied, EACCES\)/);
    await assertSameAsColdIndex(server, fileSystem, [kbRoot]);
    // Made readable again (the watcher reports the change): checked as usual.
    fileSystem.unreadable.delete(path);
    server.sendEvent(path, "changed");
    await assertSameAsColdIndex(server, fileSystem, [kbRoot]);
    assert.ok(!(server.published.get(path) ?? []).some((d) => d.code === "file/unreadable"));
  });
});
