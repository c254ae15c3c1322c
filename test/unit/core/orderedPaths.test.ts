import * as assert from "node:assert/strict";
import { OrderedPaths } from "../../../server/src/core/session/orderedPaths";

function drain(paths: OrderedPaths): string[] {
  const taken: string[] = [];
  for (let path = paths.takeOldest(); path !== undefined; path = paths.takeOldest()) taken.push(path);
  return taken;
}

describe("OrderedPaths (the validation queue's order)", () => {
  it("gives paths oldest first, each once, however often it was added", () => {
    const paths = new OrderedPaths();
    for (const path of ["/a", "/b", "/a", "/c"]) paths.add(path);
    assert.equal(paths.size, 3);
    assert.deepEqual(drain(paths), ["/a", "/b", "/c"]);
    assert.equal(paths.size, 0);
  });

  it("skips a path deleted before its turn and sees paths added while it is drained", () => {
    const paths = new OrderedPaths();
    for (const path of ["/a", "/b", "/c"]) paths.add(path);
    assert.equal(paths.takeOldest(), "/a");
    paths.delete("/b");
    paths.add("/d");
    paths.add("/a");
    assert.deepEqual(drain(paths), ["/c", "/d", "/a"]);
  });

  it("starts again after being emptied", () => {
    const paths = new OrderedPaths();
    paths.add("/a");
    assert.deepEqual(drain(paths), ["/a"]);
    assert.equal(paths.takeOldest(), undefined);
    paths.add("/b");
    assert.equal(paths.has("/b"), true);
    assert.deepEqual(drain(paths), ["/b"]);
  });

  it("drains 200,000 paths in order (the size of a 100k-node map's scan)", () => {
    const paths = new OrderedPaths();
    for (let index = 0; index < 200_000; index++) paths.add(`/kb/${index}`);
    const taken = drain(paths);
    assert.equal(taken.length, 200_000);
    assert.ok(taken.every((path, index) => path === `/kb/${index}`));
  });
});
