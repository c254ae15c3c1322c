import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { CompletionItem, CompletionList, TextEdit } from "vscode-languageserver-types";
import { InsertTextFormat } from "vscode-languageserver-types";
import { maxLinkItems } from "../../../server/src/core/features/completion/linkCompletion";
import { createLanguageService } from "../../../server/src/core/languageService";
import { NodeFileSystem, toCorePath } from "../../../server/src/node/nodeFileSystem";
import { applyEdits, serviceWithCursor, withCursor } from "../../support/cursor";
import { corpusDir as sharedCorpusDir, describeWithShared } from "../../support/sharedData";

const corpusDir = toCorePath(sharedCorpusDir);

/** A small map: Governance has four children, two nodes share the name Uncertainty_Quantification. */
const map: Record<string, string> = {
  "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
  "/kb/Root/Root.md": "### Description\n\nAll of it.\n\n### Order\n\n1. Governance\n2. Alignment\n",
  "/kb/Root/Governance/Governance.md":
    "### Mini Description\n\nPolicy.\n\n### Order\n\n1. Treaties\n2. Standards\n3. Crisis_Response\n4. Uncertainty_Quantification\n",
  "/kb/Root/Governance/Treaties/Treaties.md": "### Mini Description\n\nTreaty frameworks.\n",
  "/kb/Root/Governance/Standards/Standards.md":
    "### Mini Description\n\nStandards harmonization\nacross borders.\n\nMore.\n",
  "/kb/Root/Governance/Crisis_Response/Crisis_Response.md": "### Mini Description\n\nCrisis protocols.\n",
  "/kb/Root/Governance/Uncertainty_Quantification/Uncertainty_Quantification.md":
    "### Mini Description\n\nForecast error bars.\n",
  "/kb/Root/Alignment/Alignment.md":
    "### Mini Description\n\nAlignment.\n\n### Order\n\n1. Uncertainty_Quantification\n",
  "/kb/Root/Alignment/Uncertainty_Quantification/Uncertainty_Quantification.md":
    "### Mini Description\n\nCalibrated models.\n",
};

const governance = "/kb/Root/Governance/Governance.md";

/** A frontmatter schema with one property of each shape. */
const pageSchema = {
  type: "object",
  required: ["title", "status"],
  properties: {
    $schema: { type: "string" },
    title: { type: "string", description: "The title." },
    status: { enum: ["draft", "review", "published"], description: "Workflow state." },
    draft: { type: "boolean", default: false },
    rating: { type: "integer", minimum: 1, maximum: 5 },
    weight: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 },
    lastEdited: { type: "string", format: "date" },
    audience: { type: "string", examples: ["researchers", "policy makers"] },
    answer: { type: "string", default: "yes" },
    tags: { type: "array", items: { type: "string" } },
    formats: { type: "array", items: { enum: ["pdf", "html"] } },
    clusters: {
      type: "array",
      items: {
        type: "object",
        required: ["name", "size"],
        properties: {
          name: { type: "string" },
          size: { type: "integer", minimum: 1 },
          kind: { enum: ["core", "edge"] },
        },
      },
    },
    sidebar: { $ref: "#/definitions/sidebar" },
    ratings: {
      type: "object",
      required: ["novelty", "rigor"],
      properties: {
        novelty: { type: "number", minimum: 0, maximum: 10 },
        rigor: { type: "number", minimum: 0, maximum: 10 },
      },
    },
  },
  definitions: {
    sidebar: { type: "object", properties: { order: { type: "integer" }, label: { type: "string" } } },
  },
};

const page = "/kb/wiki/page.md";
const schemaFiles = { "/kb/wiki/page.schema.json": JSON.stringify(pageSchema) };

function complete(
  files: Record<string, string>,
  openPath: string,
  textWithMarker: string,
): { list: CompletionList; items: CompletionItem[]; text: string } {
  const { service, position, text } = serviceWithCursor(files, openPath, textWithMarker);
  const list = service.getCompletions(openPath, position);
  return { list, items: list.items, text };
}

/** A frontmatter completion on the test schema: `<|>` within the lines after `$schema` and `title`. */
function completePage(frontmatterLines: string) {
  return complete(
    schemaFiles,
    page,
    `---\n$schema: ./page.schema.json\ntitle: T\n${frontmatterLines}\n---\n\nBody.\n`,
  );
}

/** Items in the order the client shows them for an empty prefix (sortText, then label). */
function inOrder(items: CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

function labels(items: CompletionItem[]): string[] {
  return inOrder(items).map((item) => item.label);
}

function pick(items: CompletionItem[], label: string): CompletionItem {
  const found = items.find((item) => item.label === label);
  assert.ok(found, `no item ${label} in ${items.map((item) => item.label).join(", ")}`);
  return found;
}

/** The text after accepting an item (its snippet syntax left as is). */
function accept(text: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  assert.ok(edit && "range" in edit, "the item has a textEdit");
  return applyEdits(text, [edit, ...(item.additionalTextEdits ?? [])]);
}

function documentation(item: CompletionItem): string | undefined {
  const value = item.documentation;
  return typeof value === "string" ? value : value?.value;
}

describe("completion", () => {
  describe("frontmatter keys", () => {
    it("offers the built-in topic schema's missing keys, required first, with descriptions and snippets", () => {
      const { items, text } = complete({}, "/kb/wiki/t.md", "---\ndescription: D\n<|>\n---\n\nBody.\n");
      assert.deepEqual(labels(items), ["title", "importance", "quality", "llmSummary", "$schema"]);
      const importance = pick(items, "importance");
      assert.match(documentation(importance)!, /^How important the topic is/);
      assert.equal(importance.detail, "number (0 to 100)");
      assert.equal(importance.insertTextFormat, InsertTextFormat.Snippet);
      assert.equal(accept(text, importance), "---\ndescription: D\nimportance: ${1:0}\n---\n\nBody.\n");
      assert.equal(pick(items, "title").detail, "required · string");
      assert.equal(accept(text, pick(items, "title")), "---\ndescription: D\ntitle: ${1}\n---\n\nBody.\n");
    });

    it("reads the file's own `$schema` while the frontmatter does not parse", () => {
      const { items, text } = completePage("sta<|>");
      assert.equal(labels(items)[0], "status");
      assert.match(accept(text, items[0]), /\ntitle: T\nstatus: \$\{1\|draft,review,published\|\}\n---/);
    });

    it("replaces the partly typed key", () => {
      const { items, text } = complete({}, "/kb/wiki/t.md", "---\ntitle: T\nllm<|>\n---\n");
      assert.equal(accept(text, pick(items, "llmSummary")), "---\ntitle: T\nllmSummary: ${1}\n---\n");
      assert.deepEqual((pick(items, "llmSummary").textEdit as TextEdit).range, {
        start: { line: 2, character: 0 },
        end: { line: 2, character: 3 },
      });
    });

    it("writes a snippet for each type: enum, boolean, number within bounds, string, array, object", () => {
      const { items, text } = completePage("<|>");
      const inserted = (label: string) => {
        const result = accept(text, pick(items, label));
        return result.slice(result.indexOf("title: T\n") + 9, result.lastIndexOf("\n---\n"));
      };
      assert.equal(inserted("status"), "status: ${1|draft,review,published|}");
      assert.equal(inserted("draft"), "draft: ${1|false,true|}");
      assert.equal(inserted("rating"), "rating: ${1:1}");
      assert.equal(inserted("weight"), "weight: ${1:0.5}");
      assert.equal(inserted("lastEdited"), 'lastEdited: "${1:YYYY-MM-DD}"');
      assert.equal(inserted("audience"), "audience: ${1:researchers}");
      assert.equal(inserted("answer"), 'answer: "${1:yes}"');
      assert.equal(inserted("tags"), "tags:\n  - ${1}");
      assert.equal(inserted("formats"), "formats:\n  - ${1|pdf,html|}");
      assert.equal(inserted("clusters"), "clusters:\n  - name: ${1}\n    size: ${2:1}");
      assert.equal(inserted("sidebar"), "sidebar:\n  ${1}");
      assert.equal(inserted("ratings"), "ratings:\n  novelty: ${1:0}\n  rigor: ${2:0}");
      assert.equal(pick(items, "status").detail, "required · draft | review | published");
      assert.equal(documentation(pick(items, "status")), "Workflow state.");
      assert.equal(labels(items)[0], "status", "the missing required key comes first");
      assert.ok(!items.some((item) => item.label === "title" || item.label === "$schema"), "present keys");
    });

    it("offers the keys of a nested object under its key, indented", () => {
      const { items, text } = completePage("ratings:\n  novelty: 3\n  <|>");
      assert.deepEqual(labels(items), ["rigor"]);
      assert.match(accept(text, items[0]), /\nratings:\n {2}novelty: 3\n {2}rigor: \$\{1:0\}\n---\n/);
      const sidebar = completePage("sidebar:\n  <|>\ndraft: true");
      assert.deepEqual(labels(sidebar.items), ["order", "label"]);
    });

    it("offers the keys of an object item in an array, after `- ` and under it", () => {
      const first = completePage("clusters:\n  - <|>");
      assert.deepEqual(labels(first.items), ["name", "size", "kind"]);
      assert.match(accept(first.text, pick(first.items, "size")), /\nclusters:\n {2}- size: \$\{1:1\}\n---/);
      const next = completePage("clusters:\n  - name: A\n    <|>");
      assert.deepEqual(labels(next.items), ["size", "kind"]);
      assert.match(accept(next.text, pick(next.items, "kind")), /\n {4}kind: \$\{1\|core,edge\|\}\n---/);
      const compact = completePage("clusters:\n- name: A\n  <|>");
      assert.deepEqual(labels(compact.items), ["size", "kind"]);
    });

    it("offers nothing in a plain scalar's continuation line, in the body or without a schema", () => {
      assert.deepEqual(completePage("llmSummary: A long\n  summ<|>").items, []);
      assert.deepEqual(complete({}, "/kb/wiki/t.md", "---\ntitle: T\n---\n\n<|>\n").items, []);
      const nodeWithFrontmatter = complete(map, governance, "---\n<|>\n---\n\n### Mini Description\n\nX.\n");
      assert.deepEqual(nodeWithFrontmatter.items, []);
    });
  });

  describe("frontmatter values", () => {
    it("offers an enum's values after `key: `, replacing what is typed", () => {
      const { items, text } = completePage("status: re<|>");
      assert.deepEqual(labels(items), ["draft", "review", "published"]);
      assert.match(accept(text, pick(items, "review")), /\nstatus: review\n---/);
    });

    it("adds the space after a bare `key:`", () => {
      const { items, text } = completePage("status:<|>");
      assert.match(accept(text, pick(items, "draft")), /\nstatus: draft\n---/);
    });

    it("offers booleans with the default preselected, and examples", () => {
      const draft = completePage("draft: <|>");
      assert.deepEqual(labels(draft.items), ["true", "false"]);
      assert.equal(pick(draft.items, "false").preselect, true);
      const audience = completePage("audience: pol<|>");
      assert.deepEqual(labels(audience.items), ["researchers", "policy makers"]);
      assert.match(
        accept(audience.text, pick(audience.items, "policy makers")),
        /\naudience: policy makers\n---/,
      );
    });

    it("offers an array's item values after `- ` and values inside object items", () => {
      const formats = completePage("formats:\n  - pdf\n  - <|>");
      assert.deepEqual(labels(formats.items), ["pdf", "html"]);
      assert.match(accept(formats.text, pick(formats.items, "html")), /\n {2}- pdf\n {2}- html\n---/);
      const kind = completePage("clusters:\n  - name: A\n    kind: <|>");
      assert.deepEqual(labels(kind.items), ["core", "edge"]);
      const quality = complete({}, "/kb/wiki/t.md", "---\ntitle: T\nquality: <|>\n---\n");
      assert.deepEqual(quality.items, [], "a number without examples has no values to offer");
    });
  });

  describe("sections", () => {
    it("offers every section of an empty node with children, the required ones first", () => {
      const { items, text } = complete(map, governance, "<|>");
      assert.deepEqual(labels(items), [
        "### Mini Description",
        "### Order",
        "### Description",
        "### Questions",
        "### Related Nodes",
      ]);
      assert.match(
        pick(items, "### Order").detail ?? "",
        /^required section: without it the builder publishes the 4 children in sorted order/,
      );
      assert.match(documentation(pick(items, "### Mini Description"))!, /^One paragraph/);
      assert.equal(
        accept(text, pick(items, "### Mini Description")),
        "### Mini Description\n\n${1:One paragraph that says what this node covers.}",
      );
      assert.equal(accept(text, pick(items, "### Order")), "### Order\n\n$0");
      assert.equal(pick(items, "### Order").command?.command, "editor.action.triggerSuggest");
      assert.equal(accept(text, pick(items, "### Related Nodes")), "### Related Nodes\n\n- [$0");
    });

    it("offers only the sections that fit between their neighbours", () => {
      const { items, text } = complete(
        map,
        governance,
        "### Mini Description\n\nPolicy.\n\n<|>\n\n### Order\n\n1. Treaties\n",
      );
      assert.deepEqual(labels(items), ["### Description", "### Questions", "### Related Nodes"]);
      assert.equal(
        accept(text, pick(items, "### Description")),
        "### Mini Description\n\nPolicy.\n\n### Description\n\n${1:A longer explanation of this node.}\n\n### Order\n\n1. Treaties\n",
      );
    });

    it("completes typed `#`s at the right level and keeps a blank line around the heading", () => {
      const { items, text } = complete(
        map,
        governance,
        "### Mini Description\n\nPolicy.\n##<|>\n1. Treaties\n",
      );
      assert.deepEqual(labels(items), ["### Order", "### Description", "### Questions", "### Related Nodes"]);
      assert.deepEqual((pick(items, "### Order").textEdit as TextEdit).range, {
        start: { line: 3, character: 0 },
        end: { line: 3, character: 2 },
      });
      assert.equal(
        accept(text, pick(items, "### Order")),
        "### Mini Description\n\nPolicy.\n\n### Order\n$0\n1. Treaties\n",
      );
    });

    it("offers no Order on a leaf, and the root's Mini Description as optional", () => {
      const leaf = complete(
        map,
        "/kb/Root/Governance/Treaties/Treaties.md",
        "### Mini Description\n\nT.\n\n<|>",
      );
      assert.deepEqual(labels(leaf.items), ["### Description", "### Questions", "### Related Nodes"]);
      const root = complete(
        map,
        "/kb/Root/Root.md",
        "<|>\n\n### Description\n\nAll.\n\n### Order\n\n1. Governance\n",
      );
      assert.deepEqual(labels(root.items), ["### Mini Description"]);
      assert.equal(root.items[0].detail, "optional section");
    });

    it("offers nothing on a line with text, inside code or in a topic without section rules", () => {
      assert.deepEqual(complete(map, governance, "### Mini Description\n\nPol<|>\n").items, []);
      assert.deepEqual(complete(map, governance, "```\n<|>\n```\n").items, []);
      assert.deepEqual(complete({}, "/kb/wiki/t.md", "---\ntitle: T\n---\n\n## <|>\n").items, []);
    });
  });

  describe("Order entries", () => {
    const before = "### Mini Description\n\nPolicy.\n\n### Order\n\n";

    it("offers the unlisted children with their Mini Description, numbered after the last entry", () => {
      const { items, text } = complete(map, governance, before + "1. Treaties\n2. Crisis_Response\n<|>\n");
      assert.deepEqual(labels(items), ["Standards", "Uncertainty_Quantification"]);
      const standards = pick(items, "Standards");
      assert.equal(documentation(standards), "Standards harmonization across borders.");
      assert.equal(standards.detail, "3. Standards");
      assert.equal(accept(text, standards), before + "1. Treaties\n2. Crisis_Response\n3. Standards\n");
    });

    it("replaces what the line holds so far and filters on it", () => {
      const { items, text } = complete(map, governance, before + "1. Treaties\n2. St<|>\n");
      const standards = pick(items, "Standards");
      assert.equal(standards.filterText, "2. Standards");
      assert.equal(accept(text, standards), before + "1. Treaties\n2. Standards\n");
      const bare = complete(map, governance, before + "1. Treaties\n7<|>\n");
      assert.equal(accept(bare.text, pick(bare.items, "Standards")), before + "1. Treaties\n2. Standards\n");
    });

    it("renumbers the entries below when the new one goes in between", () => {
      const { items, text } = complete(
        map,
        governance,
        before + "1. Treaties\n<|>\n2. Crisis_Response\n3. Uncertainty_Quantification\n",
      );
      assert.deepEqual(labels(items), ["Standards"]);
      assert.equal(
        accept(text, items[0]),
        before + "1. Treaties\n2. Standards\n3. Crisis_Response\n4. Uncertainty_Quantification\n",
      );
    });

    it("offers the first entry on the empty line under the heading", () => {
      const { items, text } = complete(
        map,
        "/kb/Root/Alignment/Alignment.md",
        "### Mini Description\n\nA.\n\n### Order\n\n<|>",
      );
      assert.deepEqual(labels(items), ["Uncertainty_Quantification"]);
      assert.equal(
        accept(text, items[0]),
        "### Mini Description\n\nA.\n\n### Order\n\n1. Uncertainty_Quantification",
      );
    });
  });

  describe("node links", () => {
    const related = (line: string) =>
      `### Mini Description\n\nPolicy.\n\n### Related Nodes\n\n${line}\n\n### Order\n\n1. Treaties\n2. Standards\n3. Crisis_Response\n4. Uncertainty_Quantification\n`;

    it("offers every other node after `- [` in Related Nodes, with its path, inserting the whole link", () => {
      const { list, items, text } = complete(map, governance, related("- [<|>"));
      assert.equal(list.isIncomplete, false);
      assert.ok(!items.some((item) => item.label === "Governance"), "not the node itself");
      const duplicates = items.filter((item) => item.label === "Uncertainty Quantification");
      assert.deepEqual(duplicates.map((item) => item.detail).sort(), [
        "/Root/Alignment/Uncertainty_Quantification/Uncertainty_Quantification.md",
        "/Root/Governance/Uncertainty_Quantification/Uncertainty_Quantification.md",
      ]);
      assert.deepEqual(duplicates.map((item) => item.labelDetails?.description).sort(), [
        "Root › Alignment",
        "Root › Governance",
      ]);
      // Among equals, the node nearest to the document comes first.
      assert.equal(
        inOrder(duplicates)[0].detail,
        "/Root/Governance/Uncertainty_Quantification/Uncertainty_Quantification.md",
      );
      assert.equal(
        accept(text, pick(items, "Standards")),
        related("- [Standards](/Root/Governance/Standards/Standards.md)"),
      );
    });

    it("filters on the typed name, over the bracket the editor closed", () => {
      const { list, items, text } = complete(map, governance, related("- [uncert<|>]"));
      assert.deepEqual(labels(items), ["Uncertainty Quantification", "Uncertainty Quantification"]);
      assert.equal(list.isIncomplete, true, "the server filtered: the client asks again as the user types");
      assert.equal(items[0].filterText, "[Uncertainty Quantification");
      assert.equal(
        accept(text, items[0]),
        related(
          "- [Uncertainty Quantification](/Root/Governance/Uncertainty_Quantification/Uncertainty_Quantification.md)",
        ),
      );
    });

    it("leaves out the nodes Related Nodes already lists", () => {
      const { items } = complete(
        map,
        governance,
        related("- [Alignment](/Root/Alignment/Alignment.md)\n- [<|>"),
      );
      assert.ok(!items.some((item) => item.label === "Alignment"));
      assert.ok(items.some((item) => item.label === "Root"));
    });

    it("completes only the target inside `(...)`, from the folder typed so far", () => {
      const { items, text } = complete(
        map,
        "/kb/wiki/page.md",
        "See [the treaties](/Root/Governance/Tre<|>) here.\n",
      );
      assert.deepEqual(labels(items), ["Treaties"]);
      assert.equal(items[0].filterText, "/Root/Governance/Treaties/Treaties.md");
      assert.equal(
        accept(text, items[0]),
        "See [the treaties](/Root/Governance/Treaties/Treaties.md) here.\n",
      );
      const bracketed = complete(map, "/kb/wiki/page.md", "See [x](</Root/Governance/Tre<|>>)\n");
      assert.equal(pick(bracketed.items, "Treaties").filterText, "</Root/Governance/Treaties/Treaties.md");
      assert.equal(
        accept(bracketed.text, pick(bracketed.items, "Treaties")),
        "See [x](/Root/Governance/Treaties/Treaties.md)\n",
      );
      const empty = complete(map, "/kb/wiki/page.md", "See [x](<|>)\n");
      assert.equal(empty.items.length, 8, "every node of the map");
    });

    it("links a node of another map by a path relative to the document", () => {
      const files = {
        ...map,
        "/kb/other/meta.json": JSON.stringify({ rootDir: "Other" }),
        "/kb/other/Other/Other.md": "### Description\n\nElsewhere.\n",
      };
      const { items, text } = complete(files, governance, related("- [Oth<|>"));
      const other = pick(items, "Other");
      assert.equal(other.detail, "../../other/Other/Other.md");
      assert.equal(accept(text, other), related("- [Other](../../other/Other/Other.md)"));
    });

    it("offers nothing for external targets, images and inline code", () => {
      assert.deepEqual(complete(map, "/kb/wiki/page.md", "[x](https://ex<|>)\n").items, []);
      assert.deepEqual(complete(map, "/kb/wiki/page.md", "![alt<|>\n").items, []);
      assert.deepEqual(complete(map, "/kb/wiki/page.md", "`[Gov<|>`\n").items, []);
    });

    describeWithShared("corpus", "on the shared corpus (llm-ai-safety-map)", function () {
      it("offers every Uncertainty Quantification node, each with its own path", () => {
        const service = createLanguageService({
          fileSystem: new NodeFileSystem(),
          workspaceRoots: [corpusDir],
        });
        const file = `${corpusDir}/AI_Safety/Governance_and_Policy/International_Coordination/International_Coordination.md`;
        const original = fs.readFileSync(file, "utf8");
        const withRelated = (line: string) =>
          original.replace("### Order", `### Related Nodes\n\n${line}\n\n### Order`);
        const { text, position } = withCursor(withRelated("- [Uncertainty Quantification<|>"));
        service.openDocument(file, text, 1);
        const list = service.getCompletions(file, position);
        const nodes = list.items.filter((item) => item.label === "Uncertainty Quantification");
        const onDisk = service
          .listCheckedFiles()
          .filter((checked) => checked.endsWith("/Uncertainty_Quantification/Uncertainty_Quantification.md"));
        assert.ok(onDisk.length > 1, "the corpus repeats the name");
        assert.equal(nodes.length, onDisk.length);
        const details = nodes.map((item) => item.detail!);
        assert.equal(new Set(details).size, details.length, "each with a distinct path");
        assert.deepEqual(details.map((detail) => corpusDir + detail).sort(), onDisk.sort());
        assert.equal(
          accept(text, inOrder(nodes)[0]),
          withRelated(`- [Uncertainty Quantification](${inOrder(nodes)[0].detail})`),
        );
        // With nothing typed yet, the first nodes only: the client asks again as the user types.
        const all = service.getCompletions(file, { line: position.line, character: position.character - 26 });
        assert.equal(all.items.length, maxLinkItems);
        assert.equal(all.isIncomplete, true);
      });
      it("keeps every edit on the cursor's line and over the cursor, anywhere in real documents", () => {
        const service = createLanguageService({
          fileSystem: new NodeFileSystem(),
          workspaceRoots: [corpusDir],
        });
        const seeds = path.resolve(corpusDir, "../../seeds");
        const documents: [string, string][] = [
          `${corpusDir}/AI_Safety/AI_Safety.md`,
          `${corpusDir}/AI_Safety/Governance_and_Policy/International_Coordination/International_Coordination.md`,
        ].map((file) => [file, fs.readFileSync(file, "utf8")]);
        const topicSeed = path.join(seeds, "topic-entry-international-coordination.md");
        if (fs.existsSync(topicSeed))
          documents.push([`${corpusDir}/wiki/topic.md`, fs.readFileSync(topicSeed, "utf8")]);
        let offered = 0;
        for (const [file, text] of documents) {
          service.openDocument(file, text, 1);
          text.split("\n").forEach((line, lineNumber) => {
            for (const character of new Set([0, 1, 3, 4, line.length >> 1, line.length])) {
              if (character > line.length) continue;
              for (const item of service.getCompletions(file, { line: lineNumber, character }).items) {
                offered++;
                const { range } = item.textEdit as TextEdit;
                const where = `${file}:${lineNumber}:${character} ${item.label}`;
                assert.equal(range.start.line, lineNumber, where);
                assert.equal(range.end.line, lineNumber, where);
                assert.ok(range.start.character <= character && character <= range.end.character, where);
              }
            }
          });
        }
        assert.ok(offered > 0);
      });
    });
  });
});
