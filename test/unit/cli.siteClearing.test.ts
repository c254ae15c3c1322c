import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type ClearingOperations, readManifest } from "../../server/src/cli/siteManifest";
import { prepareOutputFolder } from "../../server/src/cli/siteFolder";

/**
 * Clearing an earlier site before a render: the listed files go all together or none of them does, so a
 * failure never leaves `--out` half-emptied; a file that cannot be deleted is listed for the next render.
 * Failures are injected through the clearing's file operations (as root, no mode makes a rename fail).
 */
const oldSite: Record<string, string> = {
  "index.html": "<p>index</p>",
  "map.html": "<p>map</p>",
  "style.css": "p {}",
  "Root/index.html": "<p>root</p>",
  "Root/A/index.html": "<p>a</p>",
};
const header =
  "Written by `kb-author render`. The files it wrote, which the next render into this folder replaces:";

function siteFolder(): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-clearing-"));
  for (const [name, text] of Object.entries(oldSite)) {
    fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
    fs.writeFileSync(path.join(out, name), text);
  }
  fs.writeFileSync(
    path.join(out, ".kb-author-site"),
    [header, ...Object.keys(oldSite).sort(), ""].join("\n"),
  );
  return out;
}

/** Every file under a folder (relative, `/`-separated) with its text. */
function filesOf(out: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(out, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files[path.relative(out, full).split(path.sep).join("/")] = fs.readFileSync(full, "utf8");
    }
  return files;
}

const real: ClearingOperations = { rename: fs.renameSync, remove: (file) => fs.rmSync(file) };

describe("render --out: clearing the earlier site", () => {
  const listed = Object.keys(oldSite).length;
  for (let failing = 0; failing < listed; failing++) {
    it(`move ${failing + 1} of ${listed} aside fails: the whole earlier site and its list stay`, () => {
      const out = siteFolder();
      const before = filesOf(out);
      let moves = 0;
      const operations: ClearingOperations = {
        ...real,
        rename: (from, to) => {
          if (moves++ === failing)
            throw Object.assign(new Error("EPERM: operation not permitted"), { code: "EPERM" });
          real.rename(from, to);
        },
      };
      assert.throws(() => prepareOutputFolder(out, operations), /EPERM/);
      assert.deepEqual(filesOf(out), before, "every file of the earlier site is where it was, nothing else");
      fs.rmSync(out, { recursive: true });
    });
  }

  it("a file that cannot be deleted once moved aside is listed, and the next clearing deletes it", () => {
    const out = siteFolder();
    const operations: ClearingOperations = {
      ...real,
      remove: (file) => {
        if (fs.readFileSync(file, "utf8") === "<p>map</p>") throw new Error("EBUSY: resource busy");
        real.remove(file);
      },
    };
    const cleared = prepareOutputFolder(out, operations);
    assert.equal(cleared.leftovers.length, 1);
    assert.deepEqual(readManifest(out), cleared.leftovers, "the list names the leftover");
    assert.deepEqual(Object.values(filesOf(out)).sort(), ["<p>map</p>", readManifestText(out)].sort());
    const again = prepareOutputFolder(out);
    assert.deepEqual(again.leftovers, []);
    assert.deepEqual(Object.keys(filesOf(out)), [".kb-author-site"], "only the (empty) list is left");
    fs.rmSync(out, { recursive: true });
  });

  it("near miss: with nothing failing, the earlier site is gone and its folders too", () => {
    const out = siteFolder();
    assert.deepEqual(prepareOutputFolder(out), { kept: [], leftovers: [] });
    assert.deepEqual(fs.readdirSync(out), [".kb-author-site"]);
    fs.rmSync(out, { recursive: true });
  });
});

function readManifestText(out: string): string {
  return fs.readFileSync(path.join(out, ".kb-author-site"), "utf8");
}
