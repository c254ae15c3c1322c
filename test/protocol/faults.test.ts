/**
 * Faults while the real server indexes (tracker issue 7), on a temporary copy of examples/: during the
 * initial scan files are deleted and renamed, a file loses its read permission, a symbolic link loop
 * appears and 10,000 files are created, all announced in one didChangeWatchedFiles message. Once the
 * server is idle, its diagnostics must equal those of a server started cold on the final tree.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type Diagnostic, type FileEvent, FileChangeType } from "vscode-languageserver-protocol/node";
import { type IndexStatusParams, indexStatusMethod } from "../../server/src/shared/protocol";
import { LspClient } from "../support/lspClient";

const examples = path.resolve(__dirname, "../../../examples");

function essentials(diagnostics: Map<string, Diagnostic[]>): Record<string, unknown[]> {
  return Object.fromEntries(
    [...diagnostics]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([uri, list]) => [
        uri,
        list.map(({ code, range, message, severity }) => ({ code, range, message, severity })),
      ]),
  );
}

describe("language server: faults during the initial scan leave the same diagnostics as a cold start", function () {
  this.timeout(300_000);
  const clients: LspClient[] = [];
  let dir: string;
  const native = (relative: string) => path.join(dir, relative);

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-faults-")));
    fs.cpSync(examples, dir, { recursive: true });
    // Enough files that the scan is still running when the faults come.
    fs.mkdirSync(native("wiki/padding"));
    for (let i = 0; i < 2000; i++)
      fs.writeFileSync(
        native(`wiki/padding/page-${i}.md`),
        `---\ntitle: Padding ${i}\n---\n\n# Padding ${i}\n`,
      );
  });

  afterEach(async function () {
    for (const client of clients.splice(0)) await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<LspClient> {
    const client = await LspClient.start({ workspaceFolder: dir });
    clients.push(client);
    return client;
  }

  it("deletions, renames, chmod 000, a link loop and 10,000 new files, announced in one burst", async function () {
    const warm = await start();
    const statuses: IndexStatusParams[] = [];
    const underWay = new Promise<void>((resolve) =>
      warm.connection.onNotification(indexStatusMethod, (status: IndexStatusParams) => {
        statuses.push(status);
        if (status.indexing) resolve();
      }),
    );
    await underWay;

    const events: FileEvent[] = [];
    const announce = (relative: string, type: FileChangeType) =>
      events.push({ uri: warm.uri(relative), type });
    fs.rmSync(native("wiki/mistake-missing-title.md"));
    announce("wiki/mistake-missing-title.md", FileChangeType.Deleted);
    fs.renameSync(native("wiki/mistake-broken-yaml.md"), native("wiki/renamed.md"));
    announce("wiki/mistake-broken-yaml.md", FileChangeType.Deleted);
    announce("wiki/renamed.md", FileChangeType.Created);
    const tf = "AI_Safety/Technical_Foundations";
    fs.renameSync(native(`${tf}/Interpretability`), native(`${tf}/Explainability`));
    announce(`${tf}/Interpretability`, FileChangeType.Deleted);
    announce(`${tf}/Explainability`, FileChangeType.Created);
    const unreadable = `${tf}/Robustness/Robustness.md`;
    fs.chmodSync(native(unreadable), 0o000);
    announce(unreadable, FileChangeType.Changed);
    fs.symlinkSync("..", native("AI_Safety/loop"));
    announce("AI_Safety/loop", FileChangeType.Created);
    fs.mkdirSync(native("wiki/bulk"));
    for (let i = 0; i < 10_000; i++) {
      const link = i % 10 === 0 ? "../gone/missing.md" : `page-${(i + 1) % 10_000}.md`;
      fs.writeFileSync(
        native(`wiki/bulk/page-${i}.md`),
        `---\ntitle: Page ${i}\n---\n\n# Page ${i}\n\n[next](${link})\n`,
      );
      announce(`wiki/bulk/page-${i}.md`, FileChangeType.Created);
    }
    await warm.watchedFilesChanged(events);
    await warm.waitForIdle(240_000);

    const cold = await start();
    await cold.waitForIdle(240_000);
    const warmDiagnostics = essentials(warm.currentDiagnostics());
    assert.deepEqual(warmDiagnostics, essentials(cold.currentDiagnostics()));

    // The faults did land: the new files are checked, nothing is reached through the loop.
    const uris = Object.keys(warmDiagnostics);
    assert.equal(
      uris.filter((uri) => uri.includes("/wiki/bulk/")).length,
      1_000,
      "every tenth new page has a broken link",
    );
    assert.ok(!uris.some((uri) => uri.includes("/loop/")), "nothing is checked through the link loop");
    assert.ok(
      !uris.some((uri) => uri.includes("mistake-missing-title")),
      "the deleted file's diagnostics are cleared",
    );
    assert.ok(
      statuses.some((status) => status.indexing),
      "the server had begun its scan when the faults came",
    );
    let rootReadsAnyway = true;
    try {
      fs.readFileSync(native(unreadable));
    } catch {
      rootReadsAnyway = false;
    }
    if (rootReadsAnyway) {
      // As root (CI containers) chmod 000 does not stop reading: file/unreadable is covered in memory
      // (test/unit/faults) and by test/unit/node/scanFaults.test.ts when not root.
      console.log(
        "      (running as root: chmod 000 leaves the file readable; file/unreadable not checked here)",
      );
    } else {
      const codes = (warmDiagnostics[warm.uri(unreadable)] ?? []) as { code: string }[];
      assert.deepEqual(
        codes.map((d) => d.code),
        ["file/unreadable"],
      );
    }
  });
});
