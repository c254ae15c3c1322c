import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { replaceSite, type SiteFolderWriter } from "../../server/src/cli/siteFolder";
import { readManifest } from "../../server/src/cli/siteManifest";
import { nodeSwapOperations, type SwapOperations } from "../../server/src/cli/siteSwap";

/**
 * `render --out` swaps the new site for the earlier one whole or not at all (issue 16, point 2): every
 * file-system operation of the swap is made to fail in turn, through the operations the CLI uses (as
 * root, no file mode makes a rename fail), and `--out` then holds the complete earlier site or the
 * complete new one, plus earlier files it could not delete, which its list names; the next render
 * deletes those.
 */
const header =
  "Written by `kb-author render`. The files it wrote, which the next render into this folder replaces:";
const marker = ".kb-author-site";

/** The earlier site: `gone/` becomes a file, `images/` and `Root/A/` go. */
const oldSite = [
  "index.html",
  "map.html",
  "style.css",
  "Root/index.html",
  "Root/A/index.html",
  "images/a.png",
  "gone/x.html",
];
/** The new site: `Root/B/` and `wiki/` are new folders, `gone` a file where a folder was. */
const newSite = [
  "index.html",
  "map.html",
  "style.css",
  "Root/index.html",
  "Root/B/index.html",
  "wiki/page.html",
  "gone",
];
/** Files of the user's in --out (`notes.md` named by the list, which a render never deletes). */
const usersFiles = { "mine.txt": "the user's", "notes.md": "the user's notes" };

let scratch: string;

/** An --out holding the earlier site, its list (naming notes.md too) and the user's files. */
function earlierSite(): string {
  const out = fs.mkdtempSync(path.join(scratch, "out-"));
  const files: Record<string, string> = { ...usersFiles };
  for (const name of oldSite) files[name] = `${name} (old)`;
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
    fs.writeFileSync(path.join(out, name), text);
  }
  fs.writeFileSync(path.join(out, marker), [header, ...[...oldSite, "notes.md"].sort(), ""].join("\n"));
  return out;
}

/** Every file under a folder, hidden ones included (relative, `/`-separated), with its text. */
function filesOf(out: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(out, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files[path.relative(out, full).split(path.sep).join("/")] = fs.readFileSync(full, "utf8");
    }
  return files;
}

/** Renders `files` (each holding its name and `version`) into `out`, as `render --out` does. */
function render(out: string, files: readonly string[], version: string, operations?: SwapOperations) {
  const warnings: string[] = [];
  const build = (output: SiteFolderWriter) => {
    for (const name of files) output.writePage(name, `${name} (${version})`);
  };
  const replaced = replaceSite(out, scratch, (message) => void warnings.push(message), build, operations);
  return { ...replaced, warnings };
}

/**
 * The file system, but operations fail by `rule` (given the operation's number, counting from 1) with
 * `error`; `count` says how many were called.
 */
function failingWhen(
  rule: (call: number) => boolean,
  error: () => Error,
): { operations: SwapOperations; count: () => number } {
  let calls = 0;
  const wrap =
    <Args extends unknown[], Result>(operation: (...args: Args) => Result) =>
    (...args: Args): Result => {
      if (rule(++calls)) throw error();
      return operation(...args);
    };
  const real = nodeSwapOperations;
  const operations: SwapOperations = {
    rename: wrap(real.rename),
    place: wrap(real.place),
    makeFolder: wrap(real.makeFolder),
    removeFolder: wrap(real.removeFolder),
    remove: wrap(real.remove),
  };
  return { operations, count: () => calls };
}

/** The file system, but the `failing`-th operation (counting from 1) throws EPERM. */
function failingAt(failing: number): { operations: SwapOperations; count: () => number } {
  return failingWhen(
    (call) => call === failing,
    () => Object.assign(new Error("EPERM: operation not permitted"), { code: "EPERM" }),
  );
}

/** The files of the site `version` of `names` in `out`, the user's files, the list, and `leftovers`. */
function siteWith(names: readonly string[], version: string, leftovers: Record<string, string>) {
  const files: Record<string, string> = { ...usersFiles, ...leftovers };
  for (const name of names) files[name] = `${name} (${version})`;
  files[marker] = [header, ...[...names, ...Object.keys(leftovers)].sort(), ""].join("\n");
  return files;
}

/** Hidden folders a render left in `out` (its staging and set-aside folders). */
function hiddenFoldersOf(out: string): string[] {
  return fs.readdirSync(out).filter((name) => name.startsWith(marker + "-"));
}

describe("render --out: swapping the new site for the earlier one", () => {
  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-swap-"));
  });
  afterEach(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("near miss: with nothing failing, --out holds the new site, the user's files and a list of the new files", () => {
    const out = earlierSite();
    const probe = failingAt(0);
    const { kept, leftovers } = render(out, newSite, "new", probe.operations);
    assert.deepEqual({ kept, leftovers }, { kept: ["notes.md"], leftovers: [] });
    assert.deepEqual(filesOf(out), siteWith(newSite, "new", {}));
    assert.deepEqual(hiddenFoldersOf(out), []);
    assert.ok(
      !fs.existsSync(path.join(out, "images")) && !fs.existsSync(path.join(out, "Root", "A")),
      "emptied folders go",
    );
    assert.ok(probe.count() > oldSite.length + newSite.length, `${probe.count()} operations`);
  });

  it("each operation failing in turn leaves the whole earlier site or the whole new one, and the next render leaves the new one alone", () => {
    const count = failingAt(0);
    render(earlierSite(), newSite, "new", count.operations);
    const operations = count.count();
    const outcomes = { earlier: 0, new: 0, leftovers: 0 };
    for (let failing = 1; failing <= operations; failing++) {
      const out = earlierSite();
      const before = filesOf(out);
      let result: ReturnType<typeof render> | undefined;
      try {
        result = render(out, newSite, "new", failingAt(failing).operations);
      } catch (error) {
        // The operation's own error, or the one it caused (an emptied folder left where a file goes).
        assert.match((error as Error).message, /EPERM|EEXIST/, `operation ${failing}`);
      }
      if (result === undefined) {
        assert.deepEqual(filesOf(out), before, `operation ${failing} failed: the earlier site stays, whole`);
        outcomes.earlier++;
      } else {
        const leftovers: Record<string, string> = {};
        for (const name of result.leftovers) leftovers[name] = filesOf(out)[name];
        assert.deepEqual(filesOf(out), siteWith(newSite, "new", leftovers), `operation ${failing} failed`);
        for (const [name, text] of Object.entries(leftovers))
          assert.ok(name.startsWith(marker + "-old-") && text.endsWith("(old)"), `${name}: ${text}`);
        outcomes[result.leftovers.length > 0 ? "leftovers" : "new"]++;
      }
      assert.ok(hiddenFoldersOf(out).length <= 1, `operation ${failing}: ${hiddenFoldersOf(out).join(", ")}`);
      // The next render, with nothing failing, deletes what the list names and leaves no hidden folder.
      render(out, newSite, "next");
      assert.deepEqual(filesOf(out), siteWith(newSite, "next", {}), `after operation ${failing} failed`);
      assert.deepEqual(hiddenFoldersOf(out), [], `after operation ${failing} failed`);
    }
    // Every move failing stops the render; a deletion failing once the site is in place leaves one file.
    assert.ok(outcomes.earlier >= oldSite.length + newSite.length, JSON.stringify(outcomes));
    assert.equal(outcomes.leftovers, oldSite.length, JSON.stringify(outcomes));
  });

  it("an undoing that fails too leaves every file of both sites listed, and the next render deletes them", () => {
    const count = failingAt(0);
    render(earlierSite(), newSite, "new", count.operations);
    for (let failing = 1; failing <= count.count(); failing++) {
      const out = earlierSite();
      // The failing operation, and every one after it: no move is undone.
      const broken = failingWhen(
        (call) => call >= failing,
        () => new Error("EIO: i/o error"),
      );
      try {
        render(out, newSite, "new", broken.operations);
      } catch (error) {
        assert.match((error as Error).message, /EIO/);
      }
      const listed = new Set(readManifest(out));
      for (const name of Object.keys(filesOf(out)))
        assert.ok(
          name === marker || name in usersFiles || listed.has(name),
          `operation ${failing}: ${name} is not listed`,
        );
      render(out, newSite, "next");
      assert.deepEqual(filesOf(out), siteWith(newSite, "next", {}), `after operation ${failing} failed`);
      assert.deepEqual(hiddenFoldersOf(out), [], `after operation ${failing} failed`);
    }
  });

  it("a build that fails half-way leaves --out as it was, without its staging folder", () => {
    const out = earlierSite();
    const before = filesOf(out);
    const build = (output: SiteFolderWriter) => {
      output.writePage("index.html", "new");
      throw new Error("the build failed");
    };
    assert.throws(() => replaceSite(out, scratch, () => undefined, build), /the build failed/);
    assert.deepEqual(filesOf(out), before);
    assert.deepEqual(hiddenFoldersOf(out), []);
  });

  it("a file the list does not name where a page goes stops the render before anything moves; where an asset goes, leaves the asset out", () => {
    const out = earlierSite();
    fs.writeFileSync(path.join(out, "wiki.html"), "the user's page");
    const before = filesOf(out);
    assert.throws(
      () => render(out, [...newSite, "wiki.html"], "new"),
      /EEXIST: wiki\.html is already in --out/,
    );
    assert.deepEqual(filesOf(out), before);
    assert.deepEqual(hiddenFoldersOf(out), []);
    fs.mkdirSync(path.join(scratch, "kb"));
    fs.writeFileSync(path.join(scratch, "kb", "data.json"), "{}");
    fs.writeFileSync(path.join(out, "data.json"), "the user's data");
    const warnings: string[] = [];
    replaceSite(
      out,
      path.join(scratch, "kb"),
      (message) => void warnings.push(message),
      (output) => {
        for (const name of newSite) output.writePage(name, `${name} (new)`);
        output.copyAsset("data.json", path.join(scratch, "kb", "data.json"));
      },
    );
    assert.equal(fs.readFileSync(path.join(out, "data.json"), "utf8"), "the user's data");
    assert.ok(!readManifest(out)?.includes("data.json"), "the list does not name the user's file");
    assert.match(warnings.join("\n"), /could not copy data\.json: EEXIST/);
  });

  it("never places a new file over a link planted where it goes (the link is not written through)", () => {
    const out = earlierSite();
    const elsewhere = path.join(scratch, "elsewhere.html");
    fs.writeFileSync(elsewhere, "not the render's");
    fs.rmSync(path.join(out, "Root", "index.html"));
    fs.symlinkSync(elsewhere, path.join(out, "Root", "index.html"));
    assert.throws(() => render(out, newSite, "new"), /EEXIST/);
    assert.equal(fs.readFileSync(elsewhere, "utf8"), "not the render's");
    assert.equal(fs.readFileSync(path.join(out, "index.html"), "utf8"), "index.html (old)");
  });
});
