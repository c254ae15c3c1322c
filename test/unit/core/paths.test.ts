import * as assert from "node:assert/strict";
import * as posix from "node:path/posix";
import {
  basename,
  dirname,
  extname,
  isAbsolutePath,
  joinPath,
  relativePath,
} from "../../../server/src/core/paths";

/** Paths of every awkward shape: `.`, `..`, `...`, hidden names, repeated and trailing slashes, backslashes. */
function samplePaths(count: number): string[] {
  const names = [
    "a",
    "b",
    "x.md",
    ".hidden",
    "a.b.c",
    ".",
    "..",
    "...",
    "",
    "a.",
    "..a",
    "AI_Safety",
    "c\\d.md",
  ];
  let seed = 12345;
  const random = (below: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % below;
  };
  const paths = [
    "",
    "/",
    "//",
    "///",
    ".",
    "..",
    "a",
    "/a",
    "//a",
    "a/",
    "/a/",
    "a//b",
    "/a//b/",
    ".md",
    "/.md",
  ];
  while (paths.length < count) {
    const parts = Array.from({ length: 1 + random(5) }, () => names[random(names.length)]);
    const prefix = ["", "/", "//"][random(3)];
    const suffix = ["", "", "/", "//"][random(4)];
    paths.push(prefix + parts.join("/") + suffix);
  }
  return paths;
}

describe("core paths (POSIX, without Node)", () => {
  const paths = samplePaths(2000);

  it("dirname, basename, extname and isAbsolutePath give what path.posix gives", () => {
    for (const path of paths) {
      assert.equal(dirname(path), posix.dirname(path), `dirname(${JSON.stringify(path)})`);
      assert.equal(basename(path), posix.basename(path), `basename(${JSON.stringify(path)})`);
      assert.equal(extname(path), posix.extname(path), `extname(${JSON.stringify(path)})`);
      assert.equal(isAbsolutePath(path), posix.isAbsolute(path), `isAbsolutePath(${JSON.stringify(path)})`);
      for (const suffix of [".md", extname(path), "a", path, ""]) {
        assert.equal(
          basename(path, suffix),
          posix.basename(path, suffix),
          `basename(${JSON.stringify(path)}, ${JSON.stringify(suffix)})`,
        );
      }
    }
  });

  it("joinPath gives what path.posix.join gives, for one to three parts", () => {
    for (let i = 0; i < paths.length; i++) {
      const [a, b, c] = [paths[i], paths[(i * 7 + 1) % paths.length], paths[(i * 13 + 5) % paths.length]];
      assert.equal(joinPath(a), posix.join(a), `join(${JSON.stringify(a)})`);
      assert.equal(joinPath(a, b), posix.join(a, b), `join(${JSON.stringify([a, b])})`);
      assert.equal(joinPath(a, b, c), posix.join(a, b, c), `join(${JSON.stringify([a, b, c])})`);
    }
    assert.equal(joinPath(), posix.join());
  });

  it("relativePath gives what path.posix.relative gives, relative paths taken from / rather than a working folder", () => {
    for (let i = 0; i < paths.length; i++) {
      const [from, to] = [paths[i], paths[(i * 11 + 3) % paths.length]];
      const expected = posix.relative(posix.join("/", from), posix.join("/", to));
      assert.equal(relativePath(from, to), expected, `relative(${JSON.stringify([from, to])})`);
    }
    assert.equal(relativePath("/kb/a/b", "/kb/c/d.md"), "../../c/d.md");
    assert.equal(relativePath("/kb/ab", "/kb/a"), "../a");
    assert.equal(relativePath("/kb", "/kb"), "");
  });
});
