import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import type { Hover } from "vscode-languageserver-types";
import { createLanguageService } from "../../../server/src/core/languageService";
import { NodeFileSystem } from "../../../server/src/node/nodeFileSystem";
import { serviceWithCursor, withCursor } from "../../support/cursor";
import { corpusDir, describeWithShared } from "../../support/sharedData";

const paper = (n: number) => ({
  url: `https://example.org/${n}`,
  title: `P${n}`,
  published_date: "2024-01-01",
});

const map = {
  "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The whole map." }),
  "/kb/Root/Governance/Governance.md":
    "### Mini Description\n\nPolicy and law\nfor AI.\n\nA second paragraph.\n\n### Description\n\nLonger.\n\n### Order\n\n1. Treaty_Frameworks\n",
  "/kb/Root/Governance/papers.json": JSON.stringify([paper(1), paper(2), paper(3)]),
  "/kb/Root/Governance/Treaty_Frameworks/Treaty_Frameworks.md":
    "### Mini Description\n\nTreaties.\n\n### Mini Desciption\n\nTypo.\n\n### Notes\n\nUnknown.\n",
  "/kb/Root/Ethics/Ethics.md": "### Mini Description\n\nValues.\n",
  "/kb/wiki/coordination.md":
    "---\ntitle: International Coordination\ndescription: The long description.\nllmSummary: Nations cooperate on AI.\n---\n\n## Body\n",
  "/kb/wiki/plain.md": "---\ntitle: Plain page\ndescription: Only a description.\n---\n\nText.\n",
};

const rootText = (body: string) => `### Description\n\n${body}\n\n### Order\n\n1. Governance\n2. Ethics\n`;

function markdownOf(hover: Hover | undefined): string {
  assert.ok(hover, "expected a hover");
  const contents = hover.contents as { kind: string; value: string };
  assert.equal(contents.kind, "markdown");
  return contents.value;
}

describe("hover", () => {
  describe("on Order entries", () => {
    it("shows the child's card: title, breadcrumb, Mini Description, children, papers and problems", () => {
      const { service, position } = serviceWithCursor(
        map,
        "/kb/Root/Root.md",
        "### Description\n\nAll.\n\n### Order\n\n1. Gover<|>nance\n2. Ethics\n",
      );
      const hover = service.getHover("/kb/Root/Root.md", position);
      assert.equal(
        markdownOf(hover),
        "**Governance**\n\nRoot\n\nPolicy and law for AI.\n\n1 child · 3 papers · no errors or warnings",
      );
      assert.deepEqual(hover?.range, { start: { line: 6, character: 3 }, end: { line: 6, character: 13 } });
    });

    it("counts the child's errors and warnings from its last validation", () => {
      const child = "/kb/Root/Governance/Treaty_Frameworks/Treaty_Frameworks.md";
      // Two headings the builder does not read (warnings) and a Related Nodes link to no node (an error).
      const files = {
        ...map,
        [child]: map[child] + "\n### Related Nodes\n\n- [Gone](/Root/Gone/Gone.md)\n",
      };
      const { service, position } = serviceWithCursor(
        files,
        "/kb/Root/Governance/Governance.md",
        map["/kb/Root/Governance/Governance.md"].replace("1. Treaty", "1. <|>Treaty"),
      );
      const report = service.validate(child)!;
      const count = (severity: number) =>
        report.diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
      const codes = JSON.stringify(report.diagnostics.map((d) => d.code));
      assert.equal(count(1), 1, codes);
      assert.equal(count(2), 2, codes);
      const text = markdownOf(service.getHover("/kb/Root/Governance/Governance.md", position));
      assert.equal(
        text,
        "**Treaty Frameworks**\n\nRoot › Governance\n\nTreaties.\n\nno children · no papers · 1 error, 2 warnings",
      );
    });

    it("says when the entry names no child folder, with the nearest folder name", () => {
      const { service, position } = serviceWithCursor(
        map,
        "/kb/Root/Root.md",
        "### Description\n\nAll.\n\n### Order\n\n1. Governance\n2. Ethics\n3. Govern<|>anse\n",
      );
      const hover = service.getHover("/kb/Root/Root.md", position);
      assert.equal(
        markdownOf(hover),
        "No child folder `Governanse` exists in this node. Did you mean `Governance`?",
      );
      assert.deepEqual(hover?.range, { start: { line: 8, character: 3 }, end: { line: 8, character: 13 } });
    });

    it("uses meta.json's cover description on the root, and notes a folder without its file", () => {
      const files = {
        ...map,
        "/kb/Root/Governance/Governance.md": "### Order\n\n1. Root_Like\n",
        "/kb/Root/Governance/Root_Like/": "",
      };
      const { service, position } = serviceWithCursor(
        files,
        "/kb/Root/Governance/Governance.md",
        "### Order\n\n1. Root_<|>Like\n",
      );
      const text = markdownOf(service.getHover("/kb/Root/Governance/Governance.md", position));
      assert.equal(
        text,
        "**Root Like**\n\nRoot › Governance\n\n_No Mini Description._\n\nno children · no papers · no `Root_Like.md` in the folder",
      );
      const other = serviceWithCursor(
        map,
        "/kb/wiki/page.md",
        "---\ntitle: P\n---\n\nSee [the map](/Ro<|>ot).\n",
      );
      assert.match(
        markdownOf(other.service.getHover("/kb/wiki/page.md", other.position)),
        /^\*\*Root\*\*\n\nRoot of the map\n\nThe whole map\.\n\n2 children/,
      );
    });
  });

  describe("on links", () => {
    it("shows the card of a linked node, over the whole link", () => {
      const { service, position } = serviceWithCursor(
        map,
        "/kb/Root/Root.md",
        rootText("See [treaties](/Root/Governance/Treaty_<|>Frameworks/Treaty_Frameworks.md) too."),
      );
      const hover = service.getHover("/kb/Root/Root.md", position);
      assert.match(markdownOf(hover), /^\*\*Treaty Frameworks\*\*\n\nRoot › Governance\n\nTreaties\./);
      assert.deepEqual(hover?.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 71 } });
    });

    it("shows a folder link's node, and a topic's llmSummary (else its description)", () => {
      const { service, position } = serviceWithCursor(
        map,
        "/kb/wiki/page.md",
        "---\ntitle: Page\n---\n\n[Coord<|>ination](coordination.md) and [plain](/wiki/plain) and [gov](../Root/Governance/).\n",
      );
      assert.equal(
        markdownOf(service.getHover("/kb/wiki/page.md", position)),
        "**International Coordination**\n\n`wiki/coordination.md`\n\nNations cooperate on AI.\n\nno errors or warnings",
      );
      const plain = { line: 4, character: 40 };
      assert.match(
        markdownOf(service.getHover("/kb/wiki/page.md", plain)),
        /^\*\*Plain page\*\*\n\n`wiki\/plain\.md`\n\nOnly a description\./,
      );
      const folder = { line: 4, character: 65 };
      assert.match(
        markdownOf(service.getHover("/kb/wiki/page.md", folder)),
        /^\*\*Governance\*\*\n\nRoot\n\nPolicy and law/,
      );
    });

    it("shows nothing on external links, broken links and plain text", () => {
      const { service, text } = serviceWithCursor(
        map,
        "/kb/Root/Root.md",
        rootText("<|>[web](https://example.org) [broken](/Root/Nope/Nope.md) plain text"),
      );
      for (const character of [3, 35, 60]) {
        assert.equal(
          service.getHover("/kb/Root/Root.md", { line: 2, character }),
          undefined,
          text.split("\n")[2].slice(character),
        );
      }
    });
  });

  describe("on frontmatter keys", () => {
    it("shows the built-in topic schema's description, type and range", () => {
      const { service, position } = serviceWithCursor(
        {},
        "/kb/wiki/t.md",
        "---\ntitle: T\nimpor<|>tance: 82\n---\n\nText.\n",
      );
      const hover = service.getHover("/kb/wiki/t.md", position);
      assert.equal(
        markdownOf(hover),
        "**`importance`**: `number`\n\nHow important the topic is to the knowledge base, from 0 (peripheral) to 100 (central). The seed page has 82.\n\n- Range: 0 to 100",
      );
      assert.deepEqual(hover?.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 10 } });
      const title = service.getHover("/kb/wiki/t.md", { line: 1, character: 2 });
      assert.match(markdownOf(title), /^\*\*`title`\*\*: `string`, required\n\nThe page title/);
      assert.match(markdownOf(title), /- Length: at least 1$/);
    });

    it("follows the file's own $schema into nested keys, array items and local $refs", () => {
      const schema = {
        title: "Custom frontmatter",
        type: "object",
        required: ["status"],
        definitions: { cluster: { type: "string", description: "A cluster id.", enum: ["ai", "bio"] } },
        properties: {
          status: {
            title: "Status",
            type: "string",
            enum: ["draft", "done"],
            description: "Editorial state.",
          },
          sidebar: {
            type: "object",
            properties: { order: { type: "integer", minimum: 1, description: "Position in the sidebar." } },
          },
          clusters: { type: "array", items: { $ref: "#/definitions/cluster" } },
          primary: { $ref: "#/definitions/cluster" },
          ratings: {
            type: "array",
            items: {
              type: "object",
              properties: { score: { type: "number", maximum: 10, description: "Score." } },
            },
          },
        },
      };
      const document =
        "---\n$schema: ../schemas/custom.schema.json\nstatus: draft\nsidebar:\n  order: 2\nclusters: [ai]\nratings:\n  - score: 3\nprimary: bio\n---\n";
      const { service } = serviceWithCursor(
        { "/kb/schemas/custom.schema.json": JSON.stringify(schema) },
        "/kb/wiki/t.md",
        "<|>" + document,
      );
      const at = (line: number, character: number) =>
        markdownOf(service.getHover("/kb/wiki/t.md", { line, character }));
      assert.equal(
        at(2, 1),
        '**Status** (`status`): `string`, required\n\nEditorial state.\n\n- Allowed values: `"draft"`, `"done"`',
      );
      assert.equal(at(4, 4), "**`order`**: `integer`\n\nPosition in the sidebar.\n\n- Range: at least 1");
      assert.equal(at(5, 3), "**`clusters`**: `array of string`");
      assert.equal(at(7, 5), "**`score`**: `number`\n\nScore.\n\n- Range: at most 10");
      assert.equal(at(8, 0), '**`primary`**: `string`\n\nA cluster id.\n\n- Allowed values: `"ai"`, `"bio"`');
      assert.equal(
        service.getHover("/kb/wiki/t.md", { line: 2, character: 10 }),
        undefined,
        "no hover on a value",
      );
    });

    it("says when the schema does not describe a key", () => {
      const { service, position } = serviceWithCursor(
        {},
        "/kb/wiki/t.md",
        "---\ntitle: T\nlast<|>Edited: x\n---\n",
      );
      assert.equal(
        markdownOf(service.getHover("/kb/wiki/t.md", position)),
        "`lastEdited`: not described by the schema _Topic entry frontmatter_.",
      );
    });
  });

  describe("on section headings", () => {
    it("says what a section is for and whether it is required here", () => {
      const { service, position } = serviceWithCursor(
        map,
        "/kb/Root/Governance/Governance.md",
        map["/kb/Root/Governance/Governance.md"].replace("### Mini", "### Mi<|>ni"),
      );
      const hover = service.getHover("/kb/Root/Governance/Governance.md", position);
      assert.equal(
        markdownOf(hover),
        "**Mini Description**: section of a map node\n\nOne paragraph that says what the node covers; shown on the map under the node's title.\n\nRequired here: most of this map's nodes have one.",
      );
      assert.deepEqual(hover?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 20 } });
      assert.match(
        markdownOf(service.getHover("/kb/Root/Governance/Governance.md", { line: 11, character: 5 })),
        /children are published in sorted order\.\n\nRequired here: without it the builder publishes the 1 children in sorted order \(`[^`]+`\), while most of this map's nodes with children list them in an Order\.$/,
      );
      assert.match(
        markdownOf(service.getHover("/kb/Root/Governance/Governance.md", { line: 7, character: 5 })),
        /\n\nOptional here: most of this map's nodes do not have one\.$/,
      );
    });

    it("explains optional sections on the root and a leaf, and unknown headings", () => {
      const { service } = serviceWithCursor(
        map,
        "/kb/Root/Root.md",
        "<|>### Mini Description\n\nRoot.\n\n### Order\n\n1. Governance\n2. Ethics\n",
      );
      assert.match(
        markdownOf(service.getHover("/kb/Root/Root.md", { line: 0, character: 4 })),
        /Optional here: meta\.json's `coverRootDescription` describes the map's root\.$/,
      );
      const leaf = "/kb/Root/Governance/Treaty_Frameworks/Treaty_Frameworks.md";
      service.openDocument(leaf, "### Order\n\n### Notes\n", 2);
      assert.match(
        markdownOf(service.getHover(leaf, { line: 0, character: 4 })),
        /Optional here: without it the builder publishes the children in sorted order\.$/,
      );
      assert.equal(
        markdownOf(service.getHover(leaf, { line: 2, character: 4 })),
        "Not a section of a map node. Its sections, in order: `Mini Description`, `Description`, `Questions`, `Related Nodes`, `Order`.",
      );
    });

    it("shows nothing on a topic's free headings", () => {
      const { service, position } = serviceWithCursor(
        {},
        "/kb/wiki/t.md",
        "---\ntitle: T\n---\n\n## Be<|>fore\n",
      );
      assert.equal(service.getHover("/kb/wiki/t.md", position), undefined);
    });
  });

  describeWithShared("corpus", "on the shared corpus (llm-ai-safety-map)", function () {
    it("shows a child's Mini Description on an Order entry of International_Coordination", () => {
      const service = createLanguageService({
        fileSystem: new NodeFileSystem(),
        workspaceRoots: [corpusDir],
      });
      const path = `${corpusDir}/AI_Safety/Governance_and_Policy/International_Coordination/International_Coordination.md`;
      const original = fs.readFileSync(path, "utf8");
      const { text, position } = withCursor(
        original.replace("1. Treaty_Frameworks", "1. Treaty_<|>Frameworks"),
      );
      service.openDocument(path, text, 1);
      service.validate(
        `${corpusDir}/AI_Safety/Governance_and_Policy/International_Coordination/Treaty_Frameworks/Treaty_Frameworks.md`,
      );
      assert.equal(
        markdownOf(service.getHover(path, position)),
        "**Treaty Frameworks**\n\nAI Safety › Governance and Policy › International Coordination\n\n" +
          "Development and analysis of formal international agreements for AI governance, including verification protocols, compliance mechanisms, and dispute resolution procedures.\n\n" +
          "5 children · 10 papers · no errors or warnings",
      );
    });
  });
});
