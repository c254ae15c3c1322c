import assert from "node:assert/strict";
import type { Diagnostic, Position } from "vscode-languageserver-types";
import { createLanguageService, type LanguageService } from "../../../server/src/core/languageService";
import { rangeProblem } from "../../support/fuzzHarness";
import { MemoryFileSystem } from "../../support/memoryFileSystem";
import { type LimitCase, limitCases } from "./limitCases";

/**
 * A file over the size limit or with pathological content (a 1 MB single line, 100,000 headings, a
 * YAML alias bomb) is reported by one diagnostic with a stable code and a range inside the document,
 * and skipped: every editor feature still answers (empty is fine), nothing throws, and the preview says
 * why. How long each call takes is measured by bench/limits.mjs, not asserted here (mocha's timeout
 * only stops a hang).
 */

const other = "/kb/other.md";
const otherText = "---\ntitle: Other\n---\n\nText.\n";

function serviceWith(limit: LimitCase): { service: LanguageService; path: string } {
  const service = createLanguageService({
    fileSystem: new MemoryFileSystem({ [other]: otherText }),
    workspaceRoots: ["/kb"],
  });
  const path = `/kb/${limit.file}`;
  service.openDocument(path, limit.text, 1);
  return { service, path };
}

describe("limits: pathological files are reported and skipped", function () {
  this.timeout(60_000);

  for (const limit of limitCases()) {
    it(`${limit.name}: ${limit.code} on line ${limit.line + 1}, every feature answers, the preview says why`, () => {
      const { service, path } = serviceWith(limit);
      const lines = limit.text.split("\n");

      const diagnostics: Diagnostic[] = service.validate(path)?.diagnostics ?? [];
      assert.deepEqual(
        diagnostics.map((diagnostic) => diagnostic.code),
        [limit.code],
        "one diagnostic, and nothing else is checked",
      );
      const [diagnostic] = diagnostics;
      assert.equal(diagnostic.range.start.line, limit.line);
      assert.equal(rangeProblem(diagnostic.range, lines), undefined, "the range lies inside the document");
      assert.ok(diagnostic.message.length > 20, "the message says what is wrong");

      const positions: Position[] = [
        { line: 0, character: 0 },
        { line: limit.line, character: 3 },
        { line: lines.length - 1, character: 0 },
      ];
      for (const position of positions) {
        service.getCompletions(path, position);
        service.getHover(path, position);
      }
      service.getDocumentSymbols(path);
      service.format(path);
      service.getCodeActions(path, diagnostic.range, [diagnostic]);
      const page = service.renderPage(path, {
        kind: "editor",
        resourceRoots: [{ folder: "/kb", webviewBase: "https://w" }],
      });
      assert.ok(page, "the preview answers");
      assert.match(
        page.html,
        /kb-render-error|kb-problems|Billion laughs/,
        "the preview shows a notice or the page",
      );
      if (limit.code.startsWith("file/"))
        assert.ok(page.html.includes("kb-render-error"), "the preview shows why the file is not shown");
      assert.ok(page.html.length < 100_000, "the preview does not carry the pathological text");

      // The service is not left busy or broken: another document is answered as usual.
      const hover = service.getHover(other, { line: 1, character: 2 });
      assert.ok(hover, "a hover on another document");
    });
  }

  it("an alias bomb is refused, ordinary anchors and aliases still read", () => {
    const text = "---\ntitle: Aliases\ntags: &tags [safety, policy]\nkeywords: *tags\n---\n\nBody.\n";
    const service = createLanguageService({
      fileSystem: new MemoryFileSystem({ "/kb/aliases.md": text }),
      workspaceRoots: ["/kb"],
    });
    assert.deepEqual(service.validate("/kb/aliases.md")?.diagnostics, []);
    const bomb = limitCases().find((limit) => limit.file === "alias-bomb.md")!;
    const { service: bombed, path } = serviceWith(bomb);
    const [diagnostic] = bombed.validate(path)?.diagnostics ?? [];
    assert.match(diagnostic.message, /alias/i);
  });

  it("a 1 MB line is reported at that line, not at the start of the file", () => {
    const limit = limitCases().find((candidate) => candidate.file === "one-line.md")!;
    const { service, path } = serviceWith(limit);
    const [diagnostic] = service.validate(path)?.diagnostics ?? [];
    assert.deepEqual(diagnostic.range.start, { line: 4, character: 0 });
    assert.equal(diagnostic.range.end.character, limit.text.split("\n")[4].length);
    assert.deepEqual(service.getDocumentSymbols(path), [], "no outline is read from the file");
    assert.deepEqual(service.format(path), [], "the file is not rewritten");
  });

  it("JSON nested thousands of levels deep is json/syntax where it passes 512 levels; 500 levels still read", () => {
    const deep = (levels: number) => "[".repeat(levels) + "]".repeat(levels);
    const files: Record<string, string> = {
      "/kb/Root/Root.md": "### Mini Description\n\nThe root.\n",
      "/kb/Root/papers.json": deep(3000),
      "/kb/meta.json": `{ "rootDir": "Root", "x": ${deep(3000)} }`,
      "/kb/kb-author.jsonc": `// deep\n${'{ "a": '.repeat(4000)}1${" }".repeat(4000)}`,
    };
    const service = createLanguageService({
      fileSystem: new MemoryFileSystem(files),
      workspaceRoots: ["/kb"],
    });
    for (const [path, offset] of [
      ["/kb/Root/papers.json", 512],
      ["/kb/meta.json", 537],
    ] as const) {
      const [diagnostic] = service.validate(path)?.diagnostics ?? [];
      assert.equal(diagnostic?.code, "json/syntax", path);
      assert.deepEqual(diagnostic.range.start, { line: 0, character: offset }, path);
    }
    const [config] = service.validate("/kb/kb-author.jsonc")?.diagnostics ?? [];
    assert.equal(config?.code, "json/syntax");
    assert.equal(config.range.start.line, 1);
    // Near miss: 500 levels is deep but read (papers.json's schema then says it is no list of papers).
    const near = createLanguageService({
      fileSystem: new MemoryFileSystem({
        ...files,
        "/kb/Root/papers.json": deep(500),
        "/kb/kb-author.jsonc": "{}",
      }),
      workspaceRoots: ["/kb"],
    });
    const codes = (near.validate("/kb/Root/papers.json")?.diagnostics ?? []).map((d) => d.code);
    assert.ok(!codes.includes("json/syntax"), codes.join(", "));
  });

  it("a schema that refers to itself without end is refused with a diagnostic; a recursive tree schema still validates", () => {
    const page = (schema: string) => `---\n$schema: ./${schema}\ntitle: Page\n---\n\nText.\n`;
    const service = createLanguageService({
      fileSystem: new MemoryFileSystem({
        "/kb/self.json": '{"$ref": "#"}',
        "/kb/any.json": '{"anyOf": [{"$ref": "#"}]}',
        "/kb/tree.json":
          '{"type": "object", "properties": {"title": {"type": "string"}, "child": {"$ref": "#"}}}',
        "/kb/a.md": page("self.json"),
        "/kb/b.md": page("any.json"),
        "/kb/c.md": page("tree.json"),
      }),
      workspaceRoots: ["/kb"],
    });
    for (const path of ["/kb/a.md", "/kb/b.md"]) {
      const [diagnostic] = service.validate(path)?.diagnostics ?? [];
      assert.equal(diagnostic?.code, "frontmatter/schema", path);
      assert.match(diagnostic.message, /refers to itself without end/);
    }
    assert.deepEqual(service.validate("/kb/c.md")?.diagnostics, []);
  });

  it("a hover on an Order entry whose child has a papers.json nested 5,000 levels deep answers", () => {
    const service = createLanguageService({
      fileSystem: new MemoryFileSystem({
        "/kb/meta.json": '{ "rootDir": "Root" }',
        "/kb/Root/Root.md": "### Mini Description\n\nThe root.\n\n### Order\n\n1. A\n",
        "/kb/Root/A/A.md": "### Mini Description\n\nA child.\n",
        "/kb/Root/A/papers.json": "[".repeat(5000) + "]".repeat(5000),
      }),
      workspaceRoots: ["/kb"],
    });
    const hover = service.getHover("/kb/Root/Root.md", { line: 6, character: 4 });
    assert.match(String((hover?.contents as { value: string } | undefined)?.value), /no papers/);
  });

  it("suggests for the first 200 distinct broken links of a page, then reports the rest without a search", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++)
      files[`/kb/pages/page-${String(i).padStart(3, "0")}.md`] = "---\ntitle: P\n---\n\nx\n";
    const links = Array.from({ length: 300 }, (_, i) => `- [p](pages/pag-${String(i).padStart(3, "0")}.md)`);
    files["/kb/index.md"] = `---\ntitle: Index\n---\n\n${links.join("\n")}\n`;
    const service = createLanguageService({
      fileSystem: new MemoryFileSystem(files),
      workspaceRoots: ["/kb"],
    });
    const broken = (service.validate("/kb/index.md")?.diagnostics ?? []).filter(
      (d) => d.code === "link/unresolved",
    );
    assert.equal(broken.length, 300, "every broken link is reported");
    assert.equal(broken.filter((d) => /did you mean/.test(d.message)).length, 200);
    assert.match(broken[0].message, /did you mean `pages\/page-000\.md`/);
  });

  it("frontmatter with over 1,000 aliases is not read (30,000 took 24 s); 1,000 are", () => {
    const frontmatter = (count: number) =>
      [
        "---",
        "title: Aliases",
        ...Array.from({ length: count }, (_, i) => `a${i}: &x${i} v`),
        "list:",
        ...Array.from({ length: count }, (_, i) => `  - *x${i}`),
        "---",
        "",
        "Body.",
        "",
      ].join("\n");
    const service = createLanguageService({
      fileSystem: new MemoryFileSystem({
        "/kb/many.md": frontmatter(1001),
        "/kb/some.md": frontmatter(1000),
      }),
      workspaceRoots: ["/kb"],
    });
    const [refused] = service.validate("/kb/many.md")?.diagnostics ?? [];
    assert.equal(refused?.code, "frontmatter/syntax");
    assert.match(refused.message, /1,001 aliases/);
    assert.ok(
      !(service.validate("/kb/some.md")?.diagnostics ?? []).some((d) => d.code === "frontmatter/syntax"),
    );
  });
});
