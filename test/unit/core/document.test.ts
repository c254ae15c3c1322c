import * as assert from "node:assert/strict";
import { decodeText } from "../../../server/src/core/document/decode";
import { LineIndex } from "../../../server/src/core/document/lineIndex";
import { parseMarkdown } from "../../../server/src/core/document/parsedDocument";

const headingsOf = (text: string, path = "/kb/a.md") =>
  parseMarkdown(path, 1, text).outline.headings.map(
    (heading) => `${heading.line}:${"#".repeat(heading.level)} ${heading.text}`,
  );

describe("document model", () => {
  describe("outline", () => {
    it("finds ATX headings with their level, text and line, closing #s removed", () => {
      assert.deepEqual(headingsOf("### Mini Description\n\ntext\n\n## Order ##\n#NotAHeading\n"), [
        "0:### Mini Description",
        "4:## Order",
      ]);
    });

    it("ignores headings inside backtick and tilde fences, including nested shorter fences", () => {
      const text = "## A\n````md\n```\n## Not\n```\n````\n~~~\n# Not\n~~~\n## B\n";
      assert.deepEqual(headingsOf(text), ["0:## A", "9:## B"]);
    });

    it("ignores headings inside HTML comments", () => {
      assert.deepEqual(headingsOf("<!--\n## Hidden\n-->\n## Shown\n"), ["3:## Shown"]);
    });

    it("reads MDX import/export blocks and JSX without taking them for headings", () => {
      const text =
        "---\ntitle: T\n---\nimport { Callout } from '@/components'\nexport const meta = {\n  x: 1,\n}\n\n## Real\n\n<Callout type=\"info\">\nText\n</Callout>\n";
      assert.deepEqual(headingsOf(text, "/kb/a.mdx"), ["8:## Real"]);
    });

    it("keeps ranges right with CRLF line endings", () => {
      const parsed = parseMarkdown("/kb/a.md", 1, "### Mini Description\r\n\r\nText\r\n### Order\r\n");
      const order = parsed.outline.headings[1];
      assert.deepEqual(order.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 9 } });
      assert.deepEqual(order.textRange, { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } });
    });
  });

  describe("lines", () => {
    it("ends a line at CRLF, a lone CR or LF, as LSP counts them, and round-trips offsets", () => {
      const text = "a\r\nb\rc\nd\r";
      const lines = new LineIndex(text);
      assert.deepEqual(lines.lines, ["a", "b", "c", "d", ""]);
      assert.deepEqual(lines.positionAt(text.indexOf("c")), { line: 2, character: 0 });
      assert.equal(lines.offsetAt({ line: 3, character: 1 }), text.indexOf("d") + 1);
      // An offset between the CR and LF of a CRLF stays on its line, never splitting the pair.
      assert.deepEqual(lines.positionAt(2), { line: 0, character: 1 });
    });

    it("finds headings of a file whose lines end with a lone CR on their own lines", () => {
      assert.deepEqual(headingsOf("### Mini Description\r\rText\r### Order\r"), [
        "0:### Mini Description",
        "3:### Order",
      ]);
    });
  });

  describe("MDX blocks", () => {
    const page = (body: string) => parseMarkdown("/kb/a.mdx", 1, `---\ntitle: T\n---\n\n${body}\nText.\n`);
    const lines = (count: number, line: (i: number) => string) =>
      Array.from({ length: count }, (_, i) => line(i)).join("\n");

    it("refuses an import or an expression that runs over 2,000 lines, at the line that passes", () => {
      const importing = page(`import {\n${lines(2_500, (i) => `  a${i},`)}\n} from "x";\n`);
      assert.equal(importing.tooComplex?.range.start.line, 4 + 2_000);
      const expression = page(`{[\n\n${lines(2_500, (i) => `  ${i},\n`)}\n]}\n`);
      assert.equal(expression.tooComplex?.range.start.line, 4 + 2_000);
    });

    it("near miss: reads shorter blocks, and braces in fenced code, inline code or escaped are not counted", () => {
      assert.equal(page(`import {\n${lines(1_990, (i) => `  a${i},`)}\n} from "x";\n`).tooComplex, undefined);
      assert.equal(page(`\`\`\`js\n{\n${lines(3_000, () => "x")}\n\`\`\`\n`).tooComplex, undefined);
      assert.equal(page(`${lines(3_000, () => "Text `{` and \\{ here.")}\n`).tooComplex, undefined);
    });
  });

  describe("frontmatter", () => {
    it("reads YAML 1.2: an unquoted date stays a string", () => {
      const parsed = parseMarkdown("/kb/a.md", 1, "---\ntitle: T\nlastEdited: 2025-01-03\n---\nBody\n");
      assert.deepEqual(parsed.frontmatter?.value, { title: "T", lastEdited: "2025-01-03" });
      assert.equal(parsed.outline.bodyStartLine, 4);
    });

    it("reports an unclosed block on the opening line and leaves no body", () => {
      const parsed = parseMarkdown("/kb/a.md", 1, "---\ntitle: T\n## Not a section\n");
      assert.equal(parsed.frontmatter?.problems.length, 1);
      assert.deepEqual(parsed.frontmatter?.problems[0].range.start, { line: 0, character: 0 });
      assert.deepEqual(parsed.outline.headings, []);
    });

    it("reports a duplicate key where it occurs", () => {
      const parsed = parseMarkdown("/kb/a.md", 1, "---\ntitle: A\ntitle: B\n---\n");
      assert.equal(parsed.frontmatter?.problems.length, 1);
      assert.equal(parsed.frontmatter?.problems[0].range.start.line, 2);
    });

    it("refuses an alias bomb instead of expanding it", () => {
      const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
      for (let level = 1; level < 9; level++) {
        const previous = String.fromCharCode(96 + level);
        const name = String.fromCharCode(97 + level);
        lines.push(
          `${name}: &${name} [${Array(9)
            .fill("*" + previous)
            .join(",")}]`,
        );
      }
      const parsed = parseMarkdown("/kb/a.md", 1, `---\n${lines.join("\n")}\n---\n`);
      assert.equal(parsed.frontmatter?.problems.length, 1);
      assert.match(parsed.frontmatter?.problems[0].message ?? "", /alias/i);
    });
  });

  describe("decoding", () => {
    it("drops a UTF-8 BOM so that ranges match the editor's", () => {
      const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("# Löbian")]);
      assert.deepEqual(decodeText(bytes), { ok: true, text: "# Löbian" });
    });

    it("places invalid UTF-8 at its first bad byte", () => {
      const bytes = new Uint8Array([...new TextEncoder().encode("ok\nab"), 0xff, 0x41]);
      assert.deepEqual(decodeText(bytes), {
        ok: false,
        reason: "invalid-utf8",
        position: { line: 1, character: 2 },
      });
    });

    it("recognises a binary file by its NUL bytes", () => {
      const result = decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.reason, "binary");
    });
  });
});
