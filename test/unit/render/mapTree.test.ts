import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createLanguageService } from "../../../server/src/core/languageService";
import type { FileSystem } from "../../../server/src/core/fileSystem";
import { NodeFileSystem } from "../../../server/src/node/nodeFileSystem";
import { MemoryFileSystem } from "../../support/memoryFileSystem";
import { corpusDir, itWithShared } from "../../support/sharedData";

const map = {
  "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The whole map." }),
  "/kb/Root/Root.md": "### Description\n\nAll.\n\n### Order\n\n1. Zeta\n2. Alpha\n3. Missing\n",
  "/kb/Root/Zeta/Zeta.md":
    "### Mini Description\n\nLast letter,\nfirst place.\n\nSecond paragraph.\n\n### Order\n\n1. Deep\n",
  "/kb/Root/Zeta/Deep/Deep.md": "### Mini Description\n\nDeep node.\n",
  "/kb/Root/Zeta/Deep/papers.json": "[]",
  "/kb/Root/Alpha/Alpha.md": "### Mini Description\n\nFirst letter.\n",
  "/kb/Root/Beta/Beta.md": "### Mini Description\n\nNot in the Order.\n",
  "/kb/Root/Beta/Inner/Inner.md": "### Mini Description\n\nInner.\n",
};

/** A file system that counts the files read, to prove the map view reads only what it shows. */
class CountingFileSystem implements FileSystem {
  readonly reads: string[] = [];
  constructor(private readonly inner: FileSystem) {}
  confineTo = (roots: readonly string[]) => this.inner.confineTo?.(roots);
  stat = (p: string) => this.inner.stat(p);
  readDirectory = (p: string) => this.inner.readDirectory(p);
  readFile = (p: string) => {
    this.reads.push(p);
    return this.inner.readFile(p);
  };
}

function service(fileSystem: FileSystem = new MemoryFileSystem(map), root = "/kb") {
  return createLanguageService({ fileSystem, workspaceRoots: [root] });
}

describe("map tree", () => {
  it("lists the map's roots, with meta.json's cover description as the root's summary", () => {
    const tree = service().getMapTree();
    assert.deepEqual(
      tree.roots.map((root) => [root.folder, root.title, root.summary, root.childCount, root.unlisted]),
      [["/kb/Root", "Root", "The whole map.", 3, false]],
    );
    assert.deepEqual(tree.expanded, {});
    assert.equal(tree.focus, undefined);
  });

  it("gives a node's children as published, then the ones the map loses flagged, skipping entries with no folder", () => {
    const children = service().getMapChildren("/kb/Root");
    // The builder puts `Missing` at position 3, where Beta stood: Beta is lost.
    assert.deepEqual(
      children.map((child) => [child.name, child.unlisted, child.lost, child.childCount]),
      [
        ["Zeta", false, false, 1],
        ["Alpha", false, false, 0],
        ["Beta", false, true, 1],
      ],
    );
    assert.equal(children[0].summary, "Last letter, first place.");
    assert.equal(children[0].file, "/kb/Root/Zeta/Zeta.md");
    assert.equal(children[0].title, "Zeta");
  });

  it("flags a child missing from the Order as unlisted, published at its sorted place", () => {
    const files = { ...map, "/kb/Root/Root.md": "### Order\n\n1. Zeta\n2. Alpha\n" };
    const children = service(new MemoryFileSystem(files)).getMapChildren("/kb/Root");
    assert.deepEqual(
      children.map((child) => [child.name, child.unlisted, child.lost]),
      [
        ["Zeta", false, false],
        ["Alpha", false, false],
        ["Beta", true, false],
      ],
    );
  });

  it("shows a Mini Description written in Markdown as the text a reader sees, in the tree and on the cards", () => {
    const markdown =
      "Uses **bold**, [a link](../Alpha/Alpha.md), `code`, ![an image](x.png), <b>html</b> &amp; a\\_b.";
    const files = { ...map, "/kb/Root/Alpha/Alpha.md": `### Mini Description\n\n${markdown}\n` };
    const expected = "Uses bold, a link, code, an image, html & a_b.";
    const language = service(new MemoryFileSystem(files));
    const alpha = language.getMapChildren("/kb/Root").find((child) => child.name === "Alpha");
    assert.equal(alpha?.summary, expected);
    const page = language.renderPage("/kb/Root/Root.md", {
      kind: "editor",
      resourceRoots: [{ folder: "/kb", webviewBase: "https://webview.test/kb" }],
    });
    assert.ok(
      page?.html.includes(`<p class="kb-card-summary">${expected.replace("&", "&#x26;")}</p>`),
      page?.html,
    );
    // A summary without Markdown is left as it is.
    assert.equal(
      language.getMapChildren("/kb/Root").find((child) => child.name === "Zeta")?.summary,
      "Last letter, first place.",
    );
  });

  it("counts the errors and warnings of each child's last validation", () => {
    const languageService = service(
      new MemoryFileSystem({
        ...map,
        "/kb/Root/Alpha/Alpha.md": "### Mini Description\n\nx\n\n### Bogus\n\ny\n",
      }),
    );
    languageService.validate("/kb/Root/Alpha/Alpha.md");
    const alpha = languageService.getMapChildren("/kb/Root").find((child) => child.name === "Alpha");
    assert.ok(alpha && alpha.errors + alpha.warnings >= 1, JSON.stringify(alpha));
  });

  for (const [focus, description] of [
    ["/kb/Root/Zeta/Deep/Deep.md", "a node's file"],
    ["/kb/Root/Zeta/Deep", "a node's folder"],
    ["/kb/Root/Zeta/Deep/papers.json", "another file in a node's folder"],
  ]) {
    it(`expands the ancestors and the focus node, from ${description}`, () => {
      const tree = service().getMapTree(focus);
      assert.equal(tree.focus, "/kb/Root/Zeta/Deep");
      assert.deepEqual(Object.keys(tree.expanded), ["/kb/Root", "/kb/Root/Zeta", "/kb/Root/Zeta/Deep"]);
      assert.deepEqual(
        tree.expanded["/kb/Root/Zeta"].map((child) => child.name),
        ["Deep"],
      );
      assert.deepEqual(tree.expanded["/kb/Root/Zeta/Deep"], []);
    });
  }

  it("has no focus for a path outside every map, and no children for a folder that is no node", () => {
    const languageService = service(new MemoryFileSystem({ ...map, "/kb/wiki/page.md": "# Page\n" }));
    assert.equal(languageService.getMapTree("/kb/wiki/page.md").focus, undefined);
    assert.deepEqual(languageService.getMapChildren("/kb/wiki"), []);
  });

  it("reads only the files of the nodes it shows", () => {
    const counting = new CountingFileSystem(new MemoryFileSystem(map));
    service(counting).getMapChildren("/kb/Root/Zeta");
    assert.deepEqual(counting.reads.filter((read) => read.endsWith(".md")).sort(), [
      "/kb/Root/Zeta/Deep/Deep.md",
      "/kb/Root/Zeta/Zeta.md",
    ]);
  });

  describe("on the shared corpus", () => {
    const corpusService = () => service(new NodeFileSystem(), corpusDir);

    itWithShared(
      "corpus",
      "gives the children of sampled nodes in their Order (none unlisted or lost: without an Order, sorted by design)",
      () => {
        const languageService = corpusService();
        const nodes = sampleNodeFolders(corpusDir, 60);
        assert.ok(nodes.length > 20);
        for (const folder of nodes) {
          const name = path.basename(folder);
          const text = fs.readFileSync(path.join(folder, name + ".md"), "utf8");
          const hasOrder = text.includes("### Order");
          const order = [...text.matchAll(/^\d+\. (\S+)$/gm)].map((match) => match[1]);
          const children = languageService.getMapChildren(folder);
          if (hasOrder)
            assert.deepEqual(
              children.map((child) => child.name),
              order,
              folder,
            );
          assert.ok(
            children.length > 0 && children.every((child) => !child.unlisted && !child.lost && child.summary),
            folder,
          );
        }
      },
    );

    itWithShared(
      "corpus",
      "expands the tree down to the seed's node, reading only the node files it shows",
      () => {
        const counting = new CountingFileSystem(new NodeFileSystem());
        const languageService = service(counting, corpusDir);
        const seedNode = path.join(corpusDir, "AI_Safety/Governance_and_Policy/International_Coordination");
        // The first call walks the whole tree (5,798 folders) to index the nodes: bench/limits.mjs times it.
        const tree = languageService.getMapTree(path.join(seedNode, "International_Coordination.md"));
        assert.equal(tree.focus, seedNode);
        assert.deepEqual(
          tree.roots.map((root) => root.name),
          ["AI_Safety"],
        );
        assert.deepEqual(
          tree.expanded[seedNode].map((child) => child.name),
          [
            "Treaty_Frameworks",
            "Standards_Harmonization",
            "Information_Sharing_Systems",
            "Crisis_Response_Protocols",
            "Capacity_Building",
          ],
        );
        assert.deepEqual(
          tree.expanded[path.join(corpusDir, "AI_Safety")].map((child) => child.name),
          [
            "Technical_Foundations",
            "Deployment_and_Risk_Management",
            "Governance_and_Policy",
            "Ethics",
            "Socioeconomic_Studies",
          ],
        );
        assert.equal(Object.keys(tree.expanded).length, 3);
        // The deterministic side of "stays interactive": of the 5,798 node files, only those of the nodes
        // shown are read, each once.
        const shown = new Set(
          [...tree.roots, ...Object.values(tree.expanded).flat()].map((node) =>
            path.join(node.folder, path.basename(node.folder) + ".md"),
          ),
        );
        const markdownReads = counting.reads.filter((read) => read.endsWith(".md"));
        assert.deepEqual(
          markdownReads.filter((read) => !shown.has(read)),
          [],
          "no node file read beyond the nodes shown",
        );
        assert.equal(new Set(markdownReads).size, markdownReads.length, "each node file read once");
      },
    );
  });
});

/** Every n-th node folder with children, read straight from the disk (independent of the code under test). */
function sampleNodeFolders(root: string, count: number): string[] {
  const withChildren: string[] = [];
  const walk = (folder: string): void => {
    const subfolders = fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."));
    if (subfolders.length > 0 && fs.existsSync(path.join(folder, path.basename(folder) + ".md")))
      withChildren.push(folder);
    for (const entry of subfolders) walk(path.join(folder, entry.name));
  };
  walk(path.join(root, "AI_Safety"));
  const step = Math.max(1, Math.floor(withChildren.length / count));
  return withChildren.filter((_, index) => index % step === 0);
}
