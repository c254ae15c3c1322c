import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as nodePath from "node:path";
import type { TextEdit } from "vscode-languageserver-types";
import { decodeText } from "../../../server/src/core/document/decode";
import { LineIndex } from "../../../server/src/core/document/lineIndex";
import { createLanguageService } from "../../../server/src/core/languageService";
import { NodeFileSystem } from "../../../server/src/node/nodeFileSystem";
import { applyEdits, serviceWithCursor } from "../../support/cursor";
import { corpusDir, itWithShared, seedsDir } from "../../support/sharedData";

const map = {
  "/kb/meta.json": JSON.stringify({ rootDir: "Root" }),
  "/kb/Root/Alpha/Alpha.md": "### Mini Description\n\nAlpha.\n",
  "/kb/Root/Beta/Beta.md": "### Mini Description\n\nBeta.\n",
};
const nodePath_ = "/kb/Root/Root.md";
const topicPath = "/kb/wiki/topic.md";

/** Formats a document opened in a small map workspace; checks the edits are well-formed and idempotent. */
function format(path: string, text: string): { edits: TextEdit[]; result: string } {
  const { service } = serviceWithCursor(map, path, "<|>" + text);
  const edits = service.format(path);
  assertWellFormed(text, edits);
  const result = applyEdits(text, edits);
  const again = serviceWithCursor(map, path, "<|>" + result).service.format(path);
  assert.deepEqual(again, [], `formatting the formatted text gives edits:\n${JSON.stringify(again)}`);
  return { edits, result };
}

/** Edits in document order, not overlapping and never two at the same place (their order would be up to the client). */
function assertWellFormed(text: string, edits: readonly TextEdit[]): void {
  const lines = new LineIndex(text);
  let previousEnd = -1;
  for (const edit of edits) {
    const start = lines.offsetAt(edit.range.start);
    const end = lines.offsetAt(edit.range.end);
    assert.ok(start <= end, "an edit's range is reversed");
    assert.ok(start > previousEnd, `edits touch or overlap at offset ${start}`);
    assert.deepEqual(
      lines.positionAt(start),
      edit.range.start,
      "an edit starts at a position that is not in the text",
    );
    assert.deepEqual(
      lines.positionAt(end),
      edit.range.end,
      "an edit ends at a position that is not in the text",
    );
    previousEnd = end;
  }
}

/** Every edit replaces CRLF line breaks (and nothing else) by as many LF. */
function assertOnlyLineBreaksChange(text: string, edits: readonly TextEdit[]): void {
  const lines = new LineIndex(text);
  assert.ok(edits.length > 0);
  for (const edit of edits) {
    const replaced = text.slice(lines.offsetAt(edit.range.start), lines.offsetAt(edit.range.end));
    assert.match(replaced, /^(?:\r\n)+$/);
    assert.equal(edit.newText, "\n".repeat(replaced.length / 2));
  }
}

const formattedNode = [
  "### Mini Description",
  "",
  "The node.",
  "",
  "### Description",
  "",
  "First paragraph.",
  "",
  "Second paragraph.",
  "",
  "### Related Nodes",
  "",
  "- [Alpha](/Root/Alpha/Alpha.md)",
  "\t- Reason: the first child.",
  "- [Beta](/Root/Beta/Beta.md)",
  "\t- Reason: the second child.",
  "",
  "### Order",
  "",
  "1. Alpha",
  "2. Beta",
  "",
].join("\n");

describe("formatting", () => {
  describe("map nodes", () => {
    it("gives no edits on a node that follows the conventions", () => {
      assert.deepEqual(format(nodePath_, formattedNode).edits, []);
    });

    it("converts CRLF line breaks to LF, with one edit per line break", () => {
      const before = formattedNode.replaceAll("\n", "\r\n");
      const { edits, result } = format(nodePath_, before);
      assert.equal(result, formattedNode);
      assertOnlyLineBreaksChange(before, edits);
    });

    it("converts a mix of CRLF and LF", () => {
      const before = "### Mini Description\r\n\nThe node.\r\n";
      assert.equal(format(nodePath_, before).result, "### Mini Description\n\nThe node.\n");
    });

    it("adds a missing final newline", () => {
      const { edits, result } = format(nodePath_, formattedNode.slice(0, -1));
      assert.equal(result, formattedNode);
      assert.deepEqual(edits, [
        { range: { start: { line: 20, character: 7 }, end: { line: 20, character: 7 } }, newText: "\n" },
      ]);
    });

    it("removes extra final newlines and trailing blank lines", () => {
      assert.equal(format(nodePath_, formattedNode + "\n\n").result, formattedNode);
      assert.equal(format(nodePath_, formattedNode + "  \n\t\n \n").result, formattedNode);
      assert.equal(format(nodePath_, formattedNode + "\r\n\r\n").result, formattedNode);
    });

    it("removes trailing spaces and tabs, editing only them", () => {
      const before = formattedNode
        .replace("### Description", "### Description  ")
        .replace("First paragraph.", "First paragraph. \t")
        .replace("1. Alpha", "1. Alpha ");
      const { edits, result } = format(nodePath_, before);
      assert.equal(result, formattedNode);
      assert.deepEqual(
        edits.map((edit) => [
          edit.range.start.line,
          edit.range.start.character,
          edit.range.end.character,
          edit.newText,
        ]),
        [
          [4, 15, 17, ""],
          [6, 16, 18, ""],
          [19, 8, 9, ""],
        ],
      );
    });

    it("empties lines of spaces", () => {
      const before = "### Mini Description\n   \nThe node.\n\t\n### Order\n\n1. Alpha\n";
      assert.equal(
        format(nodePath_, before).result,
        "### Mini Description\n\nThe node.\n\n### Order\n\n1. Alpha\n",
      );
    });

    it("removes blank lines between Order entries", () => {
      const before = formattedNode.replace("1. Alpha\n2. Beta", "1. Alpha\n\n\n2. Beta");
      const { edits, result } = format(nodePath_, before);
      assert.equal(result, formattedNode);
      assert.deepEqual(edits, [
        { range: { start: { line: 20, character: 0 }, end: { line: 22, character: 0 } }, newText: "" },
      ]);
    });

    it("keeps the text of Order entries as written (renumbering is a quick fix, not formatting)", () => {
      const before = "### Order\n\n1. Alpha\n\n1. Beta\n\n7) Gamma\n";
      assert.equal(format(nodePath_, before).result, "### Order\n\n1. Alpha\n1. Beta\n7) Gamma\n");
    });

    it("indents Reason sub-bullets by a TAB instead of 2 or 4 spaces", () => {
      const before = formattedNode
        .replace("\t- Reason: the first child.", "  - Reason: the first child.")
        .replace("\t- Reason: the second child.", "    - Reason: the second child.  ");
      const { edits, result } = format(nodePath_, before);
      assert.equal(result, formattedNode);
      assert.deepEqual(
        edits.map((edit) => [
          edit.range.start.line,
          edit.range.start.character,
          edit.range.end.character,
          edit.newText,
        ]),
        [
          [13, 0, 2, "\t"],
          // Both ends of the line change: one edit for the line.
          [15, 0, 33, "\t- Reason: the second child."],
        ],
      );
    });

    it("leaves indented lines that are not Reason sub-bullets, and Reason lines outside Related Nodes", () => {
      const text =
        "### Mini Description\n\nThe node.\n\n  - Reason: not under Related Nodes.\n\n### Related Nodes\n\n" +
        "- [Alpha](/Root/Alpha/Alpha.md)\n  continued item text\n";
      assert.deepEqual(format(nodePath_, text).edits, []);
    });

    it("puts one blank line around headings", () => {
      const before =
        "\n\n### Mini Description\nThe node.\n### Description\n\n\n\nMore.\n\n\n### Order\n1. Alpha\n2. Beta\n";
      const after =
        "### Mini Description\n\nThe node.\n\n### Description\n\nMore.\n\n### Order\n\n1. Alpha\n2. Beta\n";
      assert.equal(format(nodePath_, before).result, after);
    });

    it("separates consecutive headings and ends a file on a heading without a blank line", () => {
      assert.equal(
        format(nodePath_, "### Mini Description\n### Description\n### Order\n\n\n").result,
        "### Mini Description\n\n### Description\n\n### Order\n",
      );
    });

    it("inserts blank lines with insert-only edits", () => {
      const { edits } = format(nodePath_, "### Mini Description\nThe node.\n");
      assert.deepEqual(edits, [
        { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: "\n" },
      ]);
    });

    it("keeps other runs of blank lines in prose", () => {
      const text = "### Description\n\nOne.\n\n\nTwo.\n";
      assert.deepEqual(format(nodePath_, text).edits, []);
    });

    it("never touches code fences, HTML comments or a heading-like line inside them", () => {
      const text =
        "### Description\n\nSee:\n\n```md  \n### Order  \n\n\n1. Alpha\n\n2. Beta \n```\n\n<!-- a comment  \n\n### Mini Description\n-->\n\n### Order\n\n1. Alpha\n";
      assert.deepEqual(format(nodePath_, text).edits, []);
    });

    it("formats an empty document to itself and a document of blank lines to nothing", () => {
      assert.deepEqual(format(nodePath_, "").edits, []);
      assert.equal(format(nodePath_, "\n \n\n").result, "");
    });
  });

  describe("topics", () => {
    const frontmatter = [
      "---",
      "title: International Coordination   ",
      "description:   Global cooperation.",
      "importance: 82",
      "llmSummary: Evaluates international coordination on AI safety, particularly",
      "  US-China cooperation.",
      "",
      "",
      "---",
      "",
    ].join("\n");

    it("keeps the frontmatter byte for byte and formats the body", () => {
      const before = frontmatter + "Intro.  \n## First\nText.\n\n\n## Second\n\n\n";
      const { edits, result } = format(topicPath, before);
      assert.equal(result, frontmatter + "Intro.\n\n## First\n\nText.\n\n## Second\n");
      assert.ok(edits.every((edit) => edit.range.start.line >= 9));
    });

    it("puts one blank line between the frontmatter and a heading that starts the body", () => {
      assert.equal(
        format(topicPath, frontmatter + "## First\n\nText.\n").result,
        frontmatter + "\n## First\n\nText.\n",
      );
      assert.equal(
        format(topicPath, frontmatter + "\n\n\n## First\n\nText.\n").result,
        frontmatter + "\n## First\n\nText.\n",
      );
    });

    it("leaves the blank lines between the frontmatter and a paragraph as they are", () => {
      assert.deepEqual(format(topicPath, frontmatter + "Text.\n").edits, []);
      assert.deepEqual(format(topicPath, frontmatter + "\n\nText.\n").edits, []);
    });

    it("converts the line breaks of a CRLF topic, frontmatter included, keeping every line's text", () => {
      const formatted = frontmatter + "\nIntro.\n\n## First\n\nText.\n";
      const before = formatted.replaceAll("\n", "\r\n");
      const { edits, result } = format(topicPath, before);
      assert.equal(result, formatted);
      assertOnlyLineBreaksChange(before, edits);
    });

    it("ends a topic that is only frontmatter with one newline", () => {
      assert.equal(format(topicPath, "---\ntitle: T\n---\n\n\n").result, "---\ntitle: T\n---\n");
      assert.equal(format(topicPath, "---\ntitle: T\n---").result, "---\ntitle: T\n---\n");
    });

    it("does not format a topic whose frontmatter is never closed", () => {
      assert.deepEqual(format(topicPath, "---\ntitle: T  \n\n\n## H\nx  \n").edits, []);
    });

    it("never touches fenced code in a topic", () => {
      const text =
        "---\ntitle: T\n---\n\n## Code\n\n~~~python  \nx = 1   \n\n\n\n# comment\n~~~\n\n## After\n\nText.\n";
      assert.deepEqual(format(topicPath, text).edits, []);
      const before = text
        .replace("## Code\n\n~~~", "## Code\n~~~")
        .replace("~~~\n\n## After", "~~~\n## After");
      assert.equal(format(topicPath, before).result, text);
    });

    it("never touches MDX import/export blocks and JSX blocks", () => {
      const text = [
        "---",
        "title: T",
        "---",
        'import { Callout } from "../components";  ',
        "export const meta = {  ",
        "  draft: true,",
        "};",
        "",
        '<Callout type="info">  ',
        "  Some **Markdown**   ",
        "</Callout>",
        "",
        "## Section",
        "",
        "{props.value}  ",
        "",
      ].join("\n");
      assert.deepEqual(format("/kb/wiki/page.mdx", text).edits, []);
      assert.equal(
        format("/kb/wiki/page.mdx", text.replace("</Callout>\n\n## Section", "</Callout>\n## Section"))
          .result,
        text,
      );
    });

    it("does format HTML-like lines of a .md topic", () => {
      assert.equal(
        format(topicPath, "---\ntitle: T\n---\n\n<div>  \n</div>\n").result,
        "---\ntitle: T\n---\n\n<div>\n</div>\n",
      );
    });
  });

  it("gives no edits on a Markdown file of no kind", () => {
    assert.deepEqual(format("/kb/notes/readme.md", "# Notes  \n\n\n").edits, []);
  });

  describe("the seeds", () => {
    const seeds = seedsDir;
    const cases = [
      ["map-node-International_Coordination.md", "/kb/Root/Root.md"],
      ["topic-entry-international-coordination.md", topicPath],
    ] as const;
    for (const [file, path] of cases) {
      itWithShared("seeds", `gives no edits on ${file}`, function () {
        const seedPath = nodePath.join(seeds, file);
        // The topic seed, copied verbatim, has no final newline: that is all formatting changes in it.
        const text = fs.readFileSync(seedPath, "utf8").replace(/\n?$/, "\n");
        assert.deepEqual(format(path, text).edits, []);
        // Spoil the body (trailing spaces, CRLF, extra blank lines around headings and at the end).
        const bodyStart = text.startsWith("---\n") ? text.indexOf("\n---\n") + 5 : 0;
        const body = text
          .slice(bodyStart)
          .replaceAll("\n", "  \r\n")
          .replace(/\r\n(#+ .*)\r\n/g, "\r\n\r\n\r\n$1\r\n\r\n");
        const messy = text.slice(0, bodyStart).replaceAll("\n", "\r\n") + body + "\n\n";
        assert.equal(format(path, messy).result, text);
      });
    }
  });

  it("is idempotent, with well-formed edits, on every fixture and example file", () => {
    const repoRoot = nodePath.resolve(__dirname, "../../../..");
    let formatted = 0;
    for (const folder of ["test/fixtures", "examples"]) {
      const root = nodePath.join(repoRoot, folder).split(nodePath.sep).join("/");
      const service = createLanguageService({ fileSystem: new NodeFileSystem(), workspaceRoots: [root] });
      for (const path of service.listCheckedFiles().filter((file) => /\.mdx?$/.test(file))) {
        const text = decodeText(fs.readFileSync(path));
        if (!text.ok) continue;
        const edits = service.format(path);
        assertWellFormed(text.text, edits);
        if (edits.length > 0) formatted++;
        service.openDocument(path, applyEdits(text.text, edits), 2);
        assert.deepEqual(service.format(path), [], `formatting ${path} twice`);
      }
    }
    assert.ok(formatted > 0, "no fixture needed formatting: the test shows nothing");
  });

  describe("the shared corpus", () => {
    const corpus = corpusDir;

    itWithShared(
      "corpus",
      "gives no edits on any Markdown file of the corpus (the map's real conventions)",
      function () {
        this.timeout(120_000);
        const root = corpus.split(nodePath.sep).join("/");
        const service = createLanguageService({ fileSystem: new NodeFileSystem(), workspaceRoots: [root] });
        const markdown = service.listCheckedFiles().filter((path) => path.endsWith(".md"));
        assert.ok(markdown.length > 5000, `only ${markdown.length} Markdown files found`);
        const changed = markdown.filter((path) => service.format(path).length > 0);
        assert.deepEqual(changed, []);
        // And the files were formatted, not skipped: every node file with one trailing space more gets one edit.
        const nodeFiles = markdown.filter((path) => /\/([^/]+)\/\1\.md$/.test(path));
        assert.equal(nodeFiles.length, markdown.length - 1, "every Markdown file but README.md is a node");
        const unformatted = nodeFiles.filter((path) => {
          const text = new TextDecoder().decode(fs.readFileSync(path));
          service.openDocument(path, text.replace("\n", " \n"), 2);
          return service.format(path).length !== 1;
        });
        assert.deepEqual(unformatted, []);
      },
    );
  });
});
