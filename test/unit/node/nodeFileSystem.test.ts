import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import { createRequire } from "node:module";
import * as path from "node:path";
import { NodeFileSystem, toCorePath } from "../../../server/src/node/nodeFileSystem";

describe("NodeFileSystem.readFileUpTo (reading without a stat first)", () => {
  let folder: string;
  const fileSystem = new NodeFileSystem();
  const write = (name: string, bytes: Uint8Array | string) => {
    fs.writeFileSync(path.join(folder, name), bytes);
    return toCorePath(path.join(folder, name));
  };

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-fs-"));
    fileSystem.confineTo([toCorePath(folder)]);
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it("returns a small file's bytes, and an empty file as empty", () => {
    assert.deepEqual(
      Buffer.from(fileSystem.readFileUpTo(write("a.md", "# A\n"), 100) as Uint8Array),
      Buffer.from("# A\n"),
    );
    assert.equal((fileSystem.readFileUpTo(write("empty.md", ""), 100) as Uint8Array).length, 0);
  });

  it("reassembles a file read in several chunks, byte for byte", () => {
    const bytes = Buffer.alloc(200_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 251;
    const read = fileSystem.readFileUpTo(write("big.json", bytes), 1_000_000);
    assert.ok(read instanceof Uint8Array);
    assert.ok(Buffer.from(read).equals(bytes));
  });

  it("accepts a file of exactly the limit and refuses one byte more, with the file's size", () => {
    assert.equal(
      (fileSystem.readFileUpTo(write("exact.md", "x".repeat(70_000)), 70_000) as Uint8Array).length,
      70_000,
    );
    assert.deepEqual(fileSystem.readFileUpTo(write("over.md", "x".repeat(150_001)), 150_000), {
      tooLarge: 150_001,
    });
  });

  it("gives undefined for a missing file and for a folder", () => {
    assert.equal(fileSystem.readFileUpTo(toCorePath(path.join(folder, "missing.md")), 100), undefined);
    fs.mkdirSync(path.join(folder, "Folder.md"));
    assert.equal(fileSystem.readFileUpTo(toCorePath(path.join(folder, "Folder.md")), 100), undefined);
  });
});

describe("NodeFileSystem.stat after a listing (a missing path costs no system call)", () => {
  let folder: string;
  let fileSystem: NodeFileSystem;
  const core = (...names: string[]) => toCorePath(path.join(folder, ...names));
  /** Calls of fs.lstatSync while `fn` runs (counted on the module object itself, which every import reads). */
  const lstatCalls = (fn: () => void): number => {
    const nodeFs = createRequire(__filename)("node:fs") as { lstatSync: typeof fs.lstatSync };
    const original = nodeFs.lstatSync;
    let calls = 0;
    nodeFs.lstatSync = ((...args: Parameters<typeof fs.lstatSync>) => {
      calls++;
      return original(...args);
    }) as typeof fs.lstatSync;
    try {
      fn();
    } finally {
      nodeFs.lstatSync = original;
    }
    return calls;
  };

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-listed-"));
    fs.mkdirSync(path.join(folder, "Root", "A"), { recursive: true });
    fs.writeFileSync(path.join(folder, "Root", "A", "A.md"), "# A\n");
    fileSystem = new NodeFileSystem();
    fileSystem.confineTo([toCorePath(folder)]);
    fileSystem.readDirectory(core());
    fileSystem.readDirectory(core("Root"));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it("answers a path whose folder (or a folder above it) is not in a listing as missing, without lstat", () => {
    assert.equal(
      lstatCalls(() => {
        assert.equal(fileSystem.stat(core("Root", "B", "B.md")), undefined);
        assert.equal(fileSystem.stat(core("Root", "B", "C", "D.md")), undefined);
        assert.equal(fileSystem.stat(core("Other", "x.md")), undefined);
      }),
      0,
    );
  });

  it("still asks the disk for a name the listing has in another case or Unicode form (a file system may match it), near miss of the above", () => {
    fs.mkdirSync(path.join(folder, "Root", "Caf\u0065\u0301"));
    fileSystem.forget([core("Root", "Caf\u0065\u0301")]);
    fileSystem.readDirectory(core("Root"));
    assert.ok(lstatCalls(() => fileSystem.stat(core("Root", "a", "A.md"))) > 0);
    assert.ok(lstatCalls(() => fileSystem.stat(core("Root", "Caf\u00e9", "x.md"))) > 0);
    assert.equal(fileSystem.stat(core("Root", "A", "A.md"))?.type, "file");
  });

  it("finds a file created after the listing once its path is forgotten (as a file event does), and through a link to a folder", () => {
    fs.mkdirSync(path.join(folder, "Root", "B"));
    fs.writeFileSync(path.join(folder, "Root", "B", "B.md"), "# B\n");
    fileSystem.forget([core("Root", "B")]);
    assert.equal(fileSystem.stat(core("Root", "B", "B.md"))?.type, "file");
    fs.symlinkSync("A", path.join(folder, "Root", "Alias"));
    fileSystem.forget([core("Root", "Alias")]);
    fileSystem.readDirectory(core("Root"));
    assert.equal(fileSystem.stat(core("Root", "Alias", "A.md"))?.type, "file");
  });
});
