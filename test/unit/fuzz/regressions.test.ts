import assert from "node:assert/strict";
import { createLanguageService } from "../../../server/src/core/languageService";
import { tooCostlyToParse } from "../../../server/src/core/render/parseGuard";
import { Fuzzer, type FuzzSource } from "../../support/fuzzHarness";
import { MemoryFileSystem } from "../../support/memoryFileSystem";
import { Random } from "../../support/mutations";
import { formerHangs, formerSlowPages, leafNode as node } from "./formerHangs";

/**
 * Inputs the fuzz suite found crashing or hanging the core (seed 1 of scripts/fuzz.mjs, before the fixes): each is
 * checked under the suite's own rules (no exception, ranges inside the document); how long the former
 * hangs take now is measured by bench/limits.mjs, not asserted here.
 */

function check(text: string): { problems: string[] } {
  const file = "/kb/Root/Leaf/Leaf.md";
  const source: FuzzSource = {
    label: "regression",
    root: "/kb",
    files: { "/kb/Root/Root.md": "### Description\n\nRoot.\n\n### Order\n\n1. Leaf\n", [file]: text },
    targets: [file],
  };
  const result = new Fuzzer([source]).check(source, file, text, [], new Random(1));
  return { problems: result.problems };
}

describe("fuzz regressions", () => {
  for (const [name, body] of Object.entries(formerHangs)) {
    it(name, () => assert.deepEqual(check(node(body)).problems, []));
  }

  for (const [name, text] of Object.entries(formerSlowPages)) {
    it(name, () => {
      const file = "/kb/page.md";
      const source: FuzzSource = {
        label: "regression",
        root: "/kb",
        files: { [file]: text },
        targets: [file],
      };
      assert.deepEqual(new Fuzzer([source]).check(source, file, text, [], new Random(1)).problems, []);
    });
  }

  it("still suggests for the first broken footnotes and anchors of a page past the suggestion budget", () => {
    const service = createLanguageService({
      fileSystem: new MemoryFileSystem(
        Object.fromEntries(
          Object.entries(formerSlowPages)
            .slice(0, 2)
            .map(([, text], i) => [`/kb/p${i}.md`, text]),
        ),
      ),
      workspaceRoots: ["/kb"],
    });
    for (const file of ["/kb/p0.md", "/kb/p1.md"]) {
      const diagnostics = service.validate(file)?.diagnostics ?? [];
      const suggested = diagnostics.filter((diagnostic) => / Did you mean /.test(diagnostic.message));
      assert.ok(suggested.length > 0, `${file}: the first broken ones get a did-you-mean`);
      // The footnotes' labels differ by more than a loose match: their budget ends the search. (The
      // anchors' match loosely, `#h-50` and `#h-5-0`: a look-up, not a search, with no budget to spend.)
      if (file === "/kb/p0.md")
        assert.ok(suggested.length < diagnostics.length, `${file}: the budget ends the search`);
    }
  });

  it("the parse guard leaves real documents alone", () => {
    const real = node(
      "- a\n  - b\n    1. c\n> > quote\n\n*emphasis* `code` [link](x)\n" + " ".repeat(40) + "code",
    );
    assert.equal(tooCostlyToParse(real), undefined);
    assert.match(tooCostlyToParse("1. ".repeat(100)) ?? "", /nested/);
    assert.match(tooCostlyToParse(" ".repeat(300) + "x") ?? "", /indented/);
    assert.match(tooCostlyToParse("*".repeat(6000)) ?? "", /marks/);
    const table = (size: number) =>
      [
        `|${" h |".repeat(size)}`,
        `|${" --- |".repeat(size)}`,
        ...Array.from({ length: size }, () => `|${" c |".repeat(size)}`),
      ].join("\n");
    assert.match(
      tooCostlyToParse(table(200)) ?? "",
      /table cells/,
      "a 200 x 200 table took over 20 s to render",
    );
    assert.equal(tooCostlyToParse(table(40)), undefined, "near miss: a 40 x 40 table is rendered");
  });

  // U+2028 (and a lone CR) is not a line break for the core's LineIndex, but `.` in a regular
  // expression does not match it: patterns that always matched a line returned null and crashed.
  it("an Order entry holding U+2028 (validate, hover, completion and symbols threw)", () => {
    assert.deepEqual(check(node("### Order\n\n1. Al\u2028pha\n2. \u2028")).problems, []);
  });

  it("a frontmatter line holding U+2028 (YAML completion threw)", () => {
    const file = "/kb/page.md";
    const service = createLanguageService({
      fileSystem: new MemoryFileSystem({ [file]: "---\ntitle: a\u2028b\n\u2028: x\n---\n\nText.\n" }),
      workspaceRoots: ["/kb"],
    });
    for (const line of [1, 2]) {
      for (const character of [0, 3, 8]) {
        assert.doesNotThrow(() => service.getCompletions(file, { line, character }));
      }
    }
  });

  it("frontmatter nesting `[` 1,000 deep (the yaml package overflowed the stack)", () => {
    const file = "/kb/page.md";
    const text = "---\ntitle: " + "[".repeat(1000) + "\n---\n\nText.\n";
    const service = createLanguageService({
      fileSystem: new MemoryFileSystem({ [file]: text }),
      workspaceRoots: ["/kb"],
    });
    const codes = service.validate(file)?.diagnostics.map((diagnostic) => diagnostic.code);
    assert.deepEqual(codes, ["frontmatter/syntax"]);
  });

  it("frontmatter nesting `- ` 3,000 deep on one line, and 400 levels of indentation (the yaml package overflowed at 1,500)", () => {
    const dashes = "/kb/dashes.md";
    const indented = "/kb/indented.md";
    const deepIndent = Array.from({ length: 400 }, (_, level) => " ".repeat(level) + "a:").join("\n");
    const service = createLanguageService({
      fileSystem: new MemoryFileSystem({
        [dashes]: "---\ntitle: T\nlist:\n" + "- ".repeat(3000) + "x\n---\n\nText.\n",
        [indented]: "---\ntitle: T\n" + deepIndent + " x\n---\n\nText.\n",
      }),
      workspaceRoots: ["/kb"],
    });
    for (const file of [dashes, indented])
      assert.deepEqual(
        service.validate(file)?.diagnostics.map((diagnostic) => diagnostic.code),
        ["frontmatter/syntax"],
        file,
      );
  });

  it("a reference data file nested 3,000 levels (fuzz case 9711: validation overflowed the stack)", () => {
    const data = "/kb/data/people.yaml";
    const service = createLanguageService({
      fileSystem: new MemoryFileSystem({
        "/kb/kb-author.jsonc": JSON.stringify({
          references: {
            person: {
              definedIn: [{ dataFiles: ["data/*.yaml"], items: "people" }],
              usedIn: [{ frontmatter: "person" }],
            },
          },
        }),
        [data]: "people:\n  - id: " + "[".repeat(3000) + "\n",
        "/kb/page.md": "---\ntitle: T\nperson: ada\n---\n\nText.\n",
      }),
      workspaceRoots: ["/kb"],
    });
    assert.deepEqual(
      service.validate(data)?.diagnostics.map((diagnostic) => diagnostic.code),
      ["data/syntax"],
    );
    assert.ok(service.validate("/kb/page.md"), "a page looking up the registry is validated");
  });
});
