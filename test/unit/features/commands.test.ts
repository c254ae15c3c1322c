import * as assert from "node:assert/strict";
import type { WorkspaceEdit } from "vscode-languageserver-types";
import type { EditOutcome } from "../../../server/src/core/features/workspaceEdits";
import { createLanguageService } from "../../../server/src/core/languageService";
import { checkNodeName, checkTopicTitle, topicFileName } from "../../../server/src/shared/nodeNames";
import { applyWorkspaceEdit } from "../../support/cursor";
import { MemoryFileSystem } from "../../support/memoryFileSystem";

const map: Record<string, string> = {
  "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
  "/kb/Root/Root.md": "### Description\n\nAll of it.\n\n### Order\n\n1. Governance\n2. Research\n",
  "/kb/Root/Governance/Governance.md": "### Mini Description\n\nGovernance.\n",
  "/kb/Root/Research/Research.md": "### Mini Description\n\nResearch.\n\n### Order\n",
  "/kb/Root/Research/Interpretability/Interpretability.md": "### Mini Description\n\nProbes.\n",
  "/kb/wiki/existing-page.md": "---\ntitle: Existing Page\n---\n\nText.\n",
};

function workspace(files: Record<string, string> = map) {
  const fileSystem = new MemoryFileSystem(files);
  const service = createLanguageService({ fileSystem, workspaceRoots: ["/kb"] });
  return { fileSystem, service };
}

function expectEdit(outcome: EditOutcome) {
  if (!outcome.ok) assert.fail(`refused: ${outcome.message}`);
  return outcome;
}

function expectRefusal(outcome: EditOutcome, pattern: RegExp): void {
  assert.equal(outcome.ok, false, "not refused");
  if (!outcome.ok) assert.match(outcome.message, pattern);
}

function applied(fileSystem: MemoryFileSystem, edit: WorkspaceEdit): Record<string, string> {
  applyWorkspaceEdit(fileSystem, edit);
  return fileSystem.snapshot();
}

describe("commands", () => {
  describe("New Child Node", () => {
    it("creates Name/Name.md from the template and appends the next entry to the parent's Order", () => {
      const { fileSystem, service } = workspace();
      const outcome = expectEdit(service.newChildNode("/kb/Root/Root.md", "Evaluations"));
      assert.equal(outcome.open, "/kb/Root/Evaluations/Evaluations.md");
      assert.deepEqual(outcome.selection, {
        start: { line: 2, character: 0 },
        end: { line: 2, character: 46 },
      });
      assert.deepEqual(outcome.notes, []);
      assert.deepEqual(applied(fileSystem, outcome.edit), {
        ...map,
        "/kb/Root/Root.md":
          "### Description\n\nAll of it.\n\n### Order\n\n1. Governance\n2. Research\n3. Evaluations\n",
        "/kb/Root/Evaluations/Evaluations.md":
          "### Mini Description\n\nOne paragraph that says what this node covers.\n",
      });
    });

    it("on a node without an Order, adds the Order section at the end; from the node's folder too", () => {
      const { fileSystem, service } = workspace();
      const outcome = expectEdit(service.newChildNode("/kb/Root/Governance", "Export Controls"));
      assert.equal(outcome.notes.length, 1);
      assert.match(outcome.notes[0], /Spaces become underscores.*Export_Controls/);
      assert.deepEqual(applied(fileSystem, outcome.edit), {
        ...map,
        "/kb/Root/Governance/Governance.md":
          "### Mini Description\n\nGovernance.\n\n### Order\n\n1. Export_Controls\n",
        "/kb/Root/Governance/Export_Controls/Export_Controls.md":
          "### Mini Description\n\nOne paragraph that says what this node covers.\n",
      });
    });

    it("fills an Order section that has no entry yet", () => {
      const { fileSystem, service } = workspace();
      const outcome = expectEdit(service.newChildNode("/kb/Root/Research/Research.md", "Probing"));
      assert.equal(
        applied(fileSystem, outcome.edit)["/kb/Root/Research/Research.md"],
        "### Mini Description\n\nResearch.\n\n### Order\n\n1. Probing\n",
      );
    });

    it("says that a tenth Order entry is skipped by the builder (one-digit numbers) and where the child goes", () => {
      const names = ["A", "B", "C", "D", "E", "F", "G", "H", "I"];
      const files: Record<string, string> = {
        "/kb/meta.json": JSON.stringify({ rootDir: "Root" }),
        "/kb/Root/Root.md": `### Order\n\n${names.map((name, index) => `${index + 1}. ${name}\n`).join("")}`,
      };
      for (const name of names) files[`/kb/Root/${name}/${name}.md`] = "### Mini Description\n\nA child.\n";
      const { service } = workspace(files);
      const outcome = expectEdit(service.newChildNode("/kb/Root", "Zeta"));
      assert.match(outcome.notes.join(" "), /skips `10\. Zeta` and publishes Zeta at its sorted place/);
      const near = expectEdit(workspace(map).service.newChildNode("/kb/Root", "Zeta"));
      assert.deepEqual(near.notes, [], "the third entry: nothing to say");
    });

    it("adds the Order after a file's last line when it has no final newline, keeping CRLF", () => {
      const files = {
        ...map,
        "/kb/Root/Governance/Governance.md": "### Mini Description\r\n\r\nGovernance.",
      };
      const { fileSystem, service } = workspace(files);
      const outcome = expectEdit(service.newChildNode("/kb/Root/Governance/Governance.md", "Audits"));
      assert.equal(
        applied(fileSystem, outcome.edit)["/kb/Root/Governance/Governance.md"],
        "### Mini Description\r\n\r\nGovernance.\r\n\r\n### Order\r\n\r\n1. Audits\r\n",
      );
    });

    it("uses the unsaved text of an open parent", () => {
      const { fileSystem, service } = workspace();
      const unsaved =
        "### Description\n\nEdited,\non two lines.\n\n### Order\n\n1. Governance\n2. Research\n";
      service.openDocument("/kb/Root/Root.md", unsaved, 7);
      const outcome = expectEdit(service.newChildNode("/kb/Root/Root.md", "Evaluations"));
      // The edit applies to the editor's text (here written out to apply it), not to the file on disk.
      fileSystem.writeFile("/kb/Root/Root.md", unsaved);
      assert.equal(
        applied(fileSystem, outcome.edit)["/kb/Root/Root.md"],
        "### Description\n\nEdited,\non two lines.\n\n### Order\n\n1. Governance\n2. Research\n3. Evaluations\n",
      );
    });

    it("creates the sections the configuration requires, each with its template", () => {
      const files = {
        ...map,
        "/kb/kb-author.jsonc": JSON.stringify({
          kinds: {
            "map-node": {
              sections: {
                rules: [
                  { heading: "Summary", level: 2, presence: "required", template: "Say it briefly." },
                  { heading: "Details", level: 2, presence: "optional", template: "Unused." },
                  { heading: "Sources", level: 2, presence: "required" },
                  { heading: "Order", level: 2, presence: "required-on-nodes-with-children" },
                ],
              },
            },
          },
        }),
      };
      const { fileSystem, service } = workspace(files);
      const outcome = expectEdit(service.newChildNode("/kb/Root/Root.md", "Evaluations"));
      assert.equal(
        applied(fileSystem, outcome.edit)["/kb/Root/Evaluations/Evaluations.md"],
        "## Summary\n\nSay it briefly.\n\n## Sources\n",
      );
    });

    it("refuses an existing child, an invalid name and a target that is not a node, and changes nothing", () => {
      const { fileSystem, service } = workspace();
      const before = fileSystem.snapshot();
      expectRefusal(
        service.newChildNode("/kb/Root/Research/Research.md", "Interpretability"),
        /Interpretability already exists/,
      );
      expectRefusal(
        service.newChildNode("/kb/Root/Research/Research.md", "interpretability"),
        /differs only in case/,
      );
      expectRefusal(service.newChildNode("/kb/Root/Root.md", "Bad?Name"), /nodeNamePattern/);
      expectRefusal(service.newChildNode("/kb/wiki/existing-page.md", "Child"), /not a map node/);
      expectRefusal(service.newChildNode("/kb/wiki", "Child"), /not a map node/);
      assert.deepEqual(fileSystem.snapshot(), before);
    });

    it("checks a name as it is typed, as the input box asks", () => {
      const { service } = workspace();
      assert.deepEqual(service.checkNewName("node", "/kb/Root/Research", "Mechanistic Interpretability"), {
        name: "Mechanistic_Interpretability",
        note: 'Spaces become underscores in node folder names: the node is Mechanistic_Interpretability (shown as "Mechanistic Interpretability").',
      });
      assert.match(
        service.checkNewName("node", "/kb/Root/Research/Research.md", "Interpretability").error ?? "",
        /already exists/,
      );
      assert.deepEqual(service.checkNewName("node", "/kb/Root/Root.md", "Löbian_Obstacle"), {
        name: "Löbian_Obstacle",
      });
    });
  });

  describe("New Topic Entry", () => {
    it("creates <slug>.md with the built-in schema's required keys: the title", () => {
      const { fileSystem, service } = workspace();
      const outcome = expectEdit(service.newTopicEntry("/kb/wiki", "International Coordination: US–China"));
      assert.equal(outcome.open, "/kb/wiki/international-coordination-us-china.md");
      assert.deepEqual(outcome.selection, {
        start: { line: 3, character: 0 },
        end: { line: 3, character: 0 },
      });
      assert.deepEqual(applied(fileSystem, outcome.edit), {
        ...map,
        "/kb/wiki/international-coordination-us-china.md":
          '---\ntitle: "International Coordination: US–China"\n---\n',
      });
    });

    it("scaffolds every required key of the configured schema with a placeholder for its type", () => {
      const schema = {
        $schema: "http://json-schema.org/draft-07/schema#",
        type: "object",
        required: ["title", "description", "importance", "status", "draft", "tags", "lastEdited", "sidebar"],
        properties: {
          title: { type: "string" },
          description: { type: "string", minLength: 1 },
          importance: { type: "number", minimum: 10, maximum: 100 },
          status: { enum: ["stub", "draft", "done"] },
          draft: { type: "boolean" },
          tags: { type: "array", items: { type: "string" } },
          lastEdited: { type: "string", format: "date" },
          sidebar: { $ref: "#/definitions/sidebar" },
          optional: { type: "string" },
        },
        definitions: {
          sidebar: {
            type: "object",
            required: ["order"],
            properties: { order: { type: "integer", default: 5 } },
          },
        },
      };
      const files = {
        ...map,
        "/kb/wiki/kb-author.jsonc": JSON.stringify({
          kinds: { topic: { frontmatter: { schema: "topic.schema.json" } } },
        }),
        "/kb/wiki/topic.schema.json": JSON.stringify(schema),
      };
      const { fileSystem, service } = workspace(files);
      // From a file of the folder, as from the explorer; `format: date` gets today's date.
      const outcome = expectEdit(
        onDate("2025-01-03", () => service.newTopicEntry("/kb/wiki/existing-page.md", "Compute Governance")),
      );
      assert.equal(outcome.open, "/kb/wiki/compute-governance.md");
      assert.equal(
        applied(fileSystem, outcome.edit)["/kb/wiki/compute-governance.md"],
        "---\n" +
          "title: Compute Governance\n" +
          'description: ""\n' +
          "importance: 10\n" +
          "status: stub\n" +
          "draft: false\n" +
          "tags: []\n" +
          'lastEdited: "2025-01-03"\n' +
          "sidebar:\n" +
          "  order: 5\n" +
          "---\n",
      );
    });

    it("refuses an existing file and an empty title, and names the file as the title is typed", () => {
      const { fileSystem, service } = workspace();
      const before = fileSystem.snapshot();
      expectRefusal(service.newTopicEntry("/kb/wiki", "Existing page"), /existing-page\.md already exists/);
      expectRefusal(service.newTopicEntry("/kb/wiki", "  "), /Type a title/);
      expectRefusal(service.newTopicEntry("/kb/wiki", "?!"), /no letter or digit/);
      expectRefusal(service.newTopicEntry("/elsewhere", "Title"), /not a folder of the workspace/);
      assert.deepEqual(fileSystem.snapshot(), before);
      assert.deepEqual(service.checkNewName("topic", "/kb/wiki", "Löbian Obstacle"), {
        name: "lobian-obstacle.md",
        note: "The file will be lobian-obstacle.md.",
      });
    });
  });

  describe("names (shared with the extension's input boxes)", () => {
    it("turns white space into underscores and checks the pattern and the siblings", () => {
      const pattern = "^[\\p{L}\\p{N}_\\-]+$";
      const rules = {
        pattern,
        matchesPattern: (name: string) => new RegExp(pattern, "u").test(name),
        siblings: ["Alpha", "Alpha.md", "papers.json"],
      };
      assert.equal(checkNodeName(" Beta  Gamma ", rules).name, "Beta_Gamma");
      assert.equal(checkNodeName("Beta", rules).error, undefined);
      assert.match(checkNodeName("alpha", rules).error ?? "", /differs only in case/);
      assert.equal(checkNodeName("alpha", { ...rules, current: "Alpha" }).error, undefined);
      assert.match(checkNodeName("node_modules", rules).error ?? "", /never scanned/);
      assert.equal(checkNodeName("Cafe\u0301", rules).name, "Café");
    });

    it("names topic files after their titles", () => {
      assert.equal(topicFileName("International Coordination"), "international-coordination.md");
      assert.equal(topicFileName("AI's Risks — 2025 (draft)"), "ais-risks-2025-draft.md");
      assert.equal(topicFileName("人工智能 安全"), "人工智能-安全.md");
      assert.match(checkTopicTitle("Page", ["PAGE.md"]).error ?? "", /PAGE\.md already exists/);
    });
  });
});

/** Runs a function with `new Date()` pinned to a day. */
function onDate<T>(day: string, run: () => T): T {
  const RealDate = Date;
  globalThis.Date = class extends RealDate {
    constructor(...args: [string] | []) {
      super(args.length > 0 ? args[0]! : `${day}T12:00:00Z`);
    }
  } as DateConstructor;
  try {
    return run();
  } finally {
    globalThis.Date = RealDate;
  }
}
