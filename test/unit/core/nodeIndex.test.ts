import * as assert from "node:assert/strict";
import { MapLocator } from "../../../server/src/core/workspace/maps";
import { NodeIndex } from "../../../server/src/core/workspace/nodeIndex";
import { OpenDocuments } from "../../../server/src/core/session/openDocuments";
import { Workspace } from "../../../server/src/core/workspace/workspace";
import { MemoryFileSystem } from "../../support/memoryFileSystem";

/** A map with a hidden folder (skipped by the walk) and a folder outside any node. */
const files = {
  "/kb/meta.json": JSON.stringify({ rootDir: "Root" }),
  "/kb/Root/Root.md": "### Order\n\n1. Branch\n",
  "/kb/Root/Branch/Branch.md": "### Mini Description\n\nB.\n\n### Order\n\n1. Leaf\n",
  "/kb/Root/Branch/Leaf/Leaf.md": "### Mini Description\n\nL.\n",
  "/kb/Root/.hidden/Secret/Secret.md": "### Mini Description\n\nS.\n",
  "/kb/notes/readme.md": "# Notes\n",
};

/** A NodeIndex over the map, recording the folders read (the whole walk reads every one). */
function indexOf(): { nodes: NodeIndex; foldersRead: Set<string> } {
  const fileSystem = new MemoryFileSystem(files);
  const foldersRead = new Set<string>();
  const readDirectory = fileSystem.readDirectory.bind(fileSystem);
  fileSystem.readDirectory = (path: string) => {
    foldersRead.add(path);
    return readDirectory(path);
  };
  const workspace = new Workspace(fileSystem, ["/kb"], new OpenDocuments());
  return { nodes: new NodeIndex(workspace, new MapLocator(workspace)), foldersRead };
}

describe("NodeIndex", () => {
  it("finds one node from its folder without walking the whole tree, as the walk would find it", () => {
    const { nodes, foldersRead } = indexOf();
    const leaf = nodes.byFolder("/kb/Root/Branch/Leaf");
    assert.deepEqual(leaf && { ...leaf, map: undefined }, {
      folder: "/kb/Root/Branch/Leaf",
      file: "/kb/Root/Branch/Leaf/Leaf.md",
      name: "Leaf",
      fileName: "Leaf.md",
      role: "node",
      breakdownNode: false,
      title: "Leaf",
      map: undefined,
      parentFolder: "/kb/Root/Branch",
    });
    // The walk would read /kb/notes; looking up one node reads only its own folders and ancestors.
    assert.equal(foldersRead.has("/kb/notes"), false, [...foldersRead].join(", "));
    // The walk gives the same object, and the same answers for every folder.
    const all = nodes.all();
    assert.equal(
      all.find((node) => node.folder === "/kb/Root/Branch/Leaf"),
      leaf,
    );
    assert.deepEqual(
      all.map((node) => [node.folder, node.parentFolder]),
      [
        ["/kb/Root", undefined],
        ["/kb/Root/Branch", "/kb/Root"],
        ["/kb/Root/Branch/Leaf", "/kb/Root/Branch"],
      ],
    );
  });

  it("gives no node for a skipped (hidden) folder, a folder that is no node, or one that does not exist", () => {
    const { nodes } = indexOf();
    assert.equal(nodes.byFolder("/kb/Root/.hidden/Secret"), undefined);
    assert.equal(nodes.byFolder("/kb/notes"), undefined);
    assert.equal(nodes.byFolder("/kb/Root/Branch/Missing"), undefined);
    assert.equal(nodes.byFolder("/kb/Root")?.parentFolder, undefined);
  });
});
