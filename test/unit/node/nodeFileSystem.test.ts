import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
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
