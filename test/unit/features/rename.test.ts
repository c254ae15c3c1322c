import * as assert from "node:assert/strict";
import type { RenameFile, TextDocumentEdit, WorkspaceEdit } from "vscode-languageserver-types";
import type { EditOutcome } from "../../../server/src/core/features/workspaceEdits";
import { applyWorkspaceEdit, serviceWithCursor, withCursor } from "../../support/cursor";

const governance = "/kb/Root/Governance";
const treaty = `${governance}/Treaty_Frameworks`;
const regimes = `${governance}/Treaty_Regimes`;

/** A small map: `Treaty_Frameworks` has a child, a papers.json, and is linked to in every way. */
const map: Record<string, string> = {
  "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
  "/kb/Root/Root.md": "### Description\n\nAll of it.\n\n### Order\n\n1. Governance\n2. Research\n",
  [`${governance}/Governance.md`]:
    "### Mini Description\n\nGovernance.\n\n### Order\n\n1. Treaty_Frameworks\n2. Compute_Controls\n",
  [`${treaty}/Treaty_Frameworks.md`]: "### Mini Description\n\nTreaties.\n\n### Order\n\n1. Verification\n",
  [`${treaty}/papers.json`]: "[]\n",
  [`${treaty}/Verification/Verification.md`]:
    "### Mini Description\n\nChecking compliance; see the [parent](../Treaty_Frameworks.md).\n",
  [`${governance}/Compute_Controls/Compute_Controls.md`]:
    "### Mini Description\n\nCompute.\n\n### Related Nodes\n\n" +
    "- [Treaty Frameworks](/Root/Governance/Treaty_Frameworks/Treaty_Frameworks.md)\n\t- Reason: both govern.\n" +
    "- [Verification](../Treaty_Frameworks/Verification/Verification.md)\n",
  "/kb/Root/Research/Research.md":
    "### Mini Description\n\nResearch.\n\n### Related Nodes\n\n" +
    "- [Treaties](/Root/Governance/Treaty_Frameworks/Treaty_Frameworks.md)\n" +
    "- [Compute Controls](/Root/Governance/Compute_Controls/Compute_Controls.md)\n",
  "/kb/wiki/page.md":
    "---\ntitle: Page\n---\n\nSee [the node](../Root/Governance/Treaty_Frameworks/) and " +
    "`[code](/Root/Governance/Treaty_Frameworks/Treaty_Frameworks.md)`.\n",
};

/** The map once `Treaty_Frameworks` is renamed `Treaty_Regimes`: every path and every edit, nothing else. */
const renamedMap: Record<string, string> = {
  "/kb/meta.json": map["/kb/meta.json"],
  "/kb/Root/Root.md": map["/kb/Root/Root.md"],
  [`${governance}/Governance.md`]:
    "### Mini Description\n\nGovernance.\n\n### Order\n\n1. Treaty_Regimes\n2. Compute_Controls\n",
  [`${regimes}/Treaty_Regimes.md`]: map[`${treaty}/Treaty_Frameworks.md`],
  [`${regimes}/papers.json`]: "[]\n",
  [`${regimes}/Verification/Verification.md`]:
    "### Mini Description\n\nChecking compliance; see the [parent](../Treaty_Regimes.md).\n",
  [`${governance}/Compute_Controls/Compute_Controls.md`]:
    "### Mini Description\n\nCompute.\n\n### Related Nodes\n\n" +
    "- [Treaty Regimes](/Root/Governance/Treaty_Regimes/Treaty_Regimes.md)\n\t- Reason: both govern.\n" +
    "- [Verification](../Treaty_Regimes/Verification/Verification.md)\n",
  "/kb/Root/Research/Research.md":
    "### Mini Description\n\nResearch.\n\n### Related Nodes\n\n" +
    "- [Treaties](/Root/Governance/Treaty_Regimes/Treaty_Regimes.md)\n" +
    "- [Compute Controls](/Root/Governance/Compute_Controls/Compute_Controls.md)\n",
  "/kb/wiki/page.md":
    "---\ntitle: Page\n---\n\nSee [the node](../Root/Governance/Treaty_Regimes/) and " +
    "`[code](/Root/Governance/Treaty_Frameworks/Treaty_Frameworks.md)`.\n",
};

/** Opens `path` with its text from `files` and the cursor marker inserted before the first `at`. */
function openAt(files: Record<string, string>, path: string, at: string, offset = 0) {
  const text = files[path];
  const index = text.indexOf(at);
  assert.notEqual(index, -1, `${at} is not in ${path}`);
  const marked = text.slice(0, index + offset) + "<|>" + text.slice(index + offset);
  return serviceWithCursor(files, path, marked);
}

function expectEdit(outcome: EditOutcome | undefined): { edit: WorkspaceEdit; notes: string[] } {
  assert.ok(outcome, "the cursor is on no node");
  if (!outcome.ok) assert.fail(`refused: ${outcome.message}`);
  return outcome;
}

function expectRefusal(outcome: EditOutcome | undefined, pattern: RegExp): void {
  assert.ok(outcome, "the cursor is on no node");
  assert.equal(outcome.ok, false, "the rename was not refused");
  if (!outcome.ok) assert.match(outcome.message, pattern);
}

describe("rename a node", () => {
  it("from its Order entry: renames the file, then the folder, and updates the Order and every link", () => {
    const { service, fileSystem, position } = openAt(
      map,
      `${governance}/Governance.md`,
      "Treaty_Frameworks",
      7,
    );
    const place = service.prepareRename(`${governance}/Governance.md`, position);
    assert.deepEqual(place, {
      range: { start: { line: 6, character: 3 }, end: { line: 6, character: 20 } },
      placeholder: "Treaty_Frameworks",
    });
    const { edit, notes } = expectEdit(
      service.rename(`${governance}/Governance.md`, position, "Treaty_Regimes"),
    );
    assert.deepEqual(notes, []);
    // Text edits first (on the present paths), then the file inside the folder, then the folder.
    const changes = edit.documentChanges!;
    const renames = changes.filter((change): change is RenameFile => "kind" in change);
    assert.deepEqual(
      renames.map((change) => [change.oldUri, change.newUri]),
      [
        [`file://${treaty}/Treaty_Frameworks.md`, `file://${treaty}/Treaty_Regimes.md`],
        [`file://${treaty}`, `file://${regimes}`],
      ],
    );
    assert.deepEqual(
      changes.slice(-2).map((change) => "kind" in change),
      [true, true],
    );
    assert.ok(renames.every((change) => change.options?.overwrite === false));
    assert.equal(edit.changes, undefined);
    applyWorkspaceEdit(fileSystem, edit);
    assert.deepEqual(fileSystem.snapshot(), renamedMap);
  });

  it("from a link to it, converting a name typed with spaces to underscores and saying so", () => {
    const path = "/kb/Root/Research/Research.md";
    const { service, fileSystem, position } = openAt(map, path, "Treaty_Frameworks/Treaty", 3);
    const place = service.prepareRename(path, position);
    // The folder segment of the target under the cursor.
    const line = "- [Treaties](/Root/Governance/Treaty_Frameworks/Treaty_Frameworks.md)";
    const start = line.indexOf("Treaty_Frameworks");
    assert.deepEqual(place, {
      range: { start: { line: 6, character: start }, end: { line: 6, character: start + 17 } },
      placeholder: "Treaty_Frameworks",
    });
    const { edit, notes } = expectEdit(service.rename(path, position, "  Treaty Regimes "));
    assert.equal(notes.length, 1);
    assert.match(notes[0], /underscores.*Treaty_Regimes/);
    applyWorkspaceEdit(fileSystem, edit);
    assert.deepEqual(fileSystem.snapshot(), renamedMap);
  });

  it("from a link's text: the range is the text, the rename the same", () => {
    const path = `${governance}/Compute_Controls/Compute_Controls.md`;
    const { service, fileSystem, position } = openAt(map, path, "Treaty Frameworks]", 2);
    const place = service.prepareRename(path, position);
    assert.deepEqual(place, {
      range: { start: { line: 6, character: 3 }, end: { line: 6, character: 20 } },
      placeholder: "Treaty_Frameworks",
    });
    applyWorkspaceEdit(fileSystem, expectEdit(service.rename(path, position, "Treaty_Regimes")).edit);
    assert.deepEqual(fileSystem.snapshot(), renamedMap);
  });

  it("from the node file's title heading, which follows the new name; not from its section headings", () => {
    const files = {
      ...map,
      [`${treaty}/Treaty_Frameworks.md`]:
        "# Treaty Frameworks\n\n### Mini Description\n\nTreaties.\n\n### Order\n\n1. Verification\n",
    };
    const path = `${treaty}/Treaty_Frameworks.md`;
    const { service, fileSystem, position } = openAt(files, path, "Frameworks");
    assert.deepEqual(service.prepareRename(path, position), {
      range: { start: { line: 0, character: 2 }, end: { line: 0, character: 19 } },
      placeholder: "Treaty_Frameworks",
    });
    const onSection = withCursor(files[path].replace("### Mini", "### Mi<|>ni")).position;
    assert.equal(service.prepareRename(path, onSection), undefined);
    assert.equal(service.rename(path, onSection, "Anything"), undefined);
    applyWorkspaceEdit(fileSystem, expectEdit(service.rename(path, position, "Treaty_Regimes")).edit);
    assert.deepEqual(fileSystem.snapshot(), {
      ...renamedMap,
      [`${regimes}/Treaty_Regimes.md`]:
        "# Treaty Regimes\n\n### Mini Description\n\nTreaties.\n\n### Order\n\n1. Verification\n",
    });
  });

  it("updates only the segments that lead through the folder: descendants, relative, route and encoded links", () => {
    const note = "/kb/Root/Research/Research.md";
    const files = {
      ...map,
      // A second node of the same name elsewhere (names repeat in real maps): its links stay.
      "/kb/Root/Research/Treaty_Frameworks/Treaty_Frameworks.md": "### Mini Description\n\nSame name.\n",
      "/kb/Root/Research/Research.md":
        "### Mini Description\n\nResearch.\n\n### Order\n\n1. Treaty_Frameworks\n\n### Related Nodes\n\n" +
        "- [Deep](/Root/Governance/Treaty_Frameworks/Verification/Verification.md#scope)\n" +
        "- [Relative](../Governance/Treaty_Frameworks/Treaty_Frameworks.md)\n" +
        "- [Route](/Root/Governance/Treaty_Frameworks/Treaty_Frameworks)\n" +
        "- [Encoded](/Root/Governance/Treaty%5FFrameworks/papers.json)\n" +
        "- [Folder](<../Governance/Treaty_Frameworks>)\n" +
        "- [Escaped](/Root/Governance/Treaty\\_Frameworks/Treaty\\_Frameworks.md)\n" +
        "- [Namesake](Treaty_Frameworks/Treaty_Frameworks.md)\n" +
        "- [Namesake too](/Root/Research/Treaty_Frameworks/Treaty_Frameworks.md)\n" +
        "- [External](https://example.org/Root/Governance/Treaty_Frameworks/Treaty_Frameworks.md)\n" +
        "- [Anchor](#treaty_frameworks)\n" +
        "\n[ref]: /Root/Governance/Treaty_Frameworks/Treaty_Frameworks.md\n",
      [`${treaty}/Verification/Verification.md`]:
        "### Mini Description\n\n[Up](../Treaty_Frameworks.md), [up again](../../Treaty_Frameworks/Treaty_Frameworks.md), " +
        "[self](./Verification.md), [aunt](../../Compute_Controls/Compute_Controls.md).\n",
    };
    // On a link to a descendant, F2 renames the node the link leads to.
    const onLink = openAt(files, note, "Verification/Verification.md#", 2);
    assert.equal(onLink.service.prepareRename(note, onLink.position)?.placeholder, "Verification");
    const { service, fileSystem, position } = openAt(
      files,
      `${governance}/Governance.md`,
      "Treaty_Frameworks",
    );
    const { edit } = expectEdit(service.rename(`${governance}/Governance.md`, position, "Treaty_Regimes"));
    applyWorkspaceEdit(fileSystem, edit);
    const tree = fileSystem.snapshot();
    assert.equal(
      tree[note],
      "### Mini Description\n\nResearch.\n\n### Order\n\n1. Treaty_Frameworks\n\n### Related Nodes\n\n" +
        "- [Deep](/Root/Governance/Treaty_Regimes/Verification/Verification.md#scope)\n" +
        "- [Relative](../Governance/Treaty_Regimes/Treaty_Regimes.md)\n" +
        "- [Route](/Root/Governance/Treaty_Regimes/Treaty_Regimes)\n" +
        "- [Encoded](/Root/Governance/Treaty_Regimes/papers.json)\n" +
        "- [Folder](<../Governance/Treaty_Regimes>)\n" +
        "- [Escaped](/Root/Governance/Treaty_Regimes/Treaty_Regimes.md)\n" +
        "- [Namesake](Treaty_Frameworks/Treaty_Frameworks.md)\n" +
        "- [Namesake too](/Root/Research/Treaty_Frameworks/Treaty_Frameworks.md)\n" +
        "- [External](https://example.org/Root/Governance/Treaty_Frameworks/Treaty_Frameworks.md)\n" +
        "- [Anchor](#treaty_frameworks)\n" +
        "\n[ref]: /Root/Governance/Treaty_Regimes/Treaty_Regimes.md\n",
    );
    assert.equal(
      tree[`${regimes}/Verification/Verification.md`],
      "### Mini Description\n\n[Up](../Treaty_Regimes.md), [up again](../../Treaty_Regimes/Treaty_Regimes.md), " +
        "[self](./Verification.md), [aunt](../../Compute_Controls/Compute_Controls.md).\n",
    );
    assert.equal(
      tree["/kb/Root/Research/Treaty_Frameworks/Treaty_Frameworks.md"],
      "### Mini Description\n\nSame name.\n",
    );
  });

  it("renames a folder spelt NFD on disk (macOS) from NFC links and Order entries", () => {
    const nfd = "Löbian_Obstacle".normalize("NFD");
    const files = {
      "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
      "/kb/Root/Root.md": "### Description\n\nAll.\n\n### Order\n\n1. Löbian_Obstacle\n2. Other\n",
      [`/kb/Root/${nfd}/${nfd}.md`]: "### Mini Description\n\nLöb.\n",
      "/kb/Root/Other/Other.md":
        "### Mini Description\n\nSee [Löbian Obstacle](../Löbian_Obstacle/Löbian_Obstacle.md).\n",
    };
    const { service, fileSystem, position } = openAt(files, "/kb/Root/Root.md", "Löbian");
    assert.equal(service.prepareRename("/kb/Root/Root.md", position)?.placeholder, "Löbian_Obstacle");
    applyWorkspaceEdit(fileSystem, expectEdit(service.rename("/kb/Root/Root.md", position, "Lob")).edit);
    assert.deepEqual(fileSystem.snapshot(), {
      "/kb/meta.json": files["/kb/meta.json"],
      "/kb/Root/Root.md": "### Description\n\nAll.\n\n### Order\n\n1. Lob\n2. Other\n",
      "/kb/Root/Lob/Lob.md": "### Mini Description\n\nLöb.\n",
      "/kb/Root/Other/Other.md": "### Mini Description\n\nSee [Lob](../Lob/Lob.md).\n",
    });
  });

  it("renames a map's root: meta.json's rootDir and the absolute links follow", () => {
    const files = {
      "/kb/meta.json": '{\n  "title": "Map",\n  "rootDir": "Root"\n}\n',
      "/kb/Root/Root.md": "### Description\n\nAll.\n\n### Order\n\n1. Child\n",
      "/kb/Root/Child/Child.md": "### Mini Description\n\nSee [root](/Root/Root.md).\n",
    };
    const { service, fileSystem, position } = openAt(files, "/kb/Root/Child/Child.md", "/Root/Root.md", 2);
    assert.equal(service.prepareRename("/kb/Root/Child/Child.md", position)?.placeholder, "Root");
    const { edit } = expectEdit(service.rename("/kb/Root/Child/Child.md", position, "AI_Safety"));
    applyWorkspaceEdit(fileSystem, edit);
    assert.deepEqual(fileSystem.snapshot(), {
      "/kb/AI_Safety/AI_Safety.md": files["/kb/Root/Root.md"],
      "/kb/AI_Safety/Child/Child.md": "### Mini Description\n\nSee [root](/AI_Safety/AI_Safety.md).\n",
      "/kb/meta.json": '{\n  "title": "Map",\n  "rootDir": "AI_Safety"\n}\n',
    });
  });

  it("refuses an existing sibling (even by case only), an invalid or unchanged name, and changes nothing", () => {
    const path = `${governance}/Governance.md`;
    const { service, fileSystem, position } = openAt(map, path, "Treaty_Frameworks");
    const before = fileSystem.snapshot();
    expectRefusal(service.rename(path, position, "Compute_Controls"), /Compute_Controls already exists/);
    expectRefusal(service.rename(path, position, "compute controls"), /differs only in case/);
    expectRefusal(service.rename(path, position, "Treaty/Regimes"), /slash/);
    expectRefusal(service.rename(path, position, "Treaty:Regimes"), /not a valid node name.*nodeNamePattern/);
    expectRefusal(service.rename(path, position, ".Hidden"), /hidden/);
    expectRefusal(service.rename(path, position, "   "), /Type a name/);
    expectRefusal(service.rename(path, position, "Treaty Frameworks"), /already named Treaty_Frameworks/);
    assert.deepEqual(fileSystem.snapshot(), before);
  });

  it("refuses when the folder already holds a file of the new node's name", () => {
    const files = { ...map, [`${treaty}/Treaty_Regimes.md`]: "# Stray\n" };
    const { service, position } = openAt(files, `${governance}/Governance.md`, "Treaty_Frameworks");
    expectRefusal(
      service.rename(`${governance}/Governance.md`, position, "Treaty_Regimes"),
      /Treaty_Frameworks\/Treaty_Regimes\.md already exists/,
    );
  });

  it("offers nothing where the cursor names no node: prose, an external link, an unknown Order entry", () => {
    const files = {
      ...map,
      [`${governance}/Governance.md`]:
        "### Mini Description\n\nGovernance, see [site](https://example.org).\n\n### Order\n\n1. Treaty_Frameworks\n2. Missing\n",
    };
    const path = `${governance}/Governance.md`;
    for (const [at, offset] of [
      ["Governance,", 2],
      ["example", 0],
      ["Missing", 2],
    ] as const) {
      const { service, position } = openAt(files, path, at, offset);
      assert.equal(service.prepareRename(path, position), undefined, at);
      assert.equal(service.rename(path, position, "New_Name"), undefined, at);
    }
  });

  it("edits each file once, with text edits that do not overlap", () => {
    const { service, position } = openAt(map, `${governance}/Governance.md`, "Treaty_Frameworks");
    const { edit } = expectEdit(service.rename(`${governance}/Governance.md`, position, "Treaty_Regimes"));
    const textEdits = edit.documentChanges!.filter(
      (change): change is TextDocumentEdit => !("kind" in change),
    );
    const uris = textEdits.map((change) => change.textDocument.uri);
    assert.deepEqual(uris, [...new Set(uris)].sort());
    assert.deepEqual(uris, [
      `file://${governance}/Compute_Controls/Compute_Controls.md`,
      `file://${governance}/Governance.md`,
      `file://${treaty}/Verification/Verification.md`,
      "file:///kb/Root/Research/Research.md",
      "file:///kb/wiki/page.md",
    ]);
  });
});
