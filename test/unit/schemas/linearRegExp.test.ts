import assert from "node:assert/strict";
import { createLanguageService } from "../../../server/src/core/languageService";
import { linearRegExp } from "../../../server/src/core/linearRegExp";
import { MemoryFileSystem } from "../../support/memoryFileSystem";

/**
 * Issue 16, point 4: a workspace's regular expressions run on RE2 (re2js), in time linear in the text.
 * `^(a+)+$` against 32 `a` then `!` took 52 s on JavaScript's engine; these tests assert what is
 * reported, and bench/hostile/run.sh measures how long it takes.
 */
const codesOf = (files: Record<string, string>, file: string) =>
  createLanguageService({ fileSystem: new MemoryFileSystem(files), workspaceRoots: ["/kb"] })
    .validate(file)
    ?.diagnostics.map((diagnostic) => `${String(diagnostic.code)} ${diagnostic.range.start.line}`);

const page = (frontmatter: string) => `---\n$schema: ./s.json\ntitle: T\n${frontmatter}---\n\nBody.\n`;
const schema = (properties: object, extra: object = {}) => JSON.stringify({ properties, ...extra });

describe("workspace regular expressions on a linear-time engine", () => {
  it("matches a catastrophic-backtracking pattern against its worst input, and reports the mismatch", () => {
    const files = {
      "/kb/s.json": schema({ code: { type: "string", pattern: "^(a+)+$" } }),
      "/kb/t.md": page(`code: ${"a".repeat(32)}!\n`),
    };
    assert.deepEqual(codesOf(files, "/kb/t.md"), ["frontmatter/invalid-value 3"]);
  });

  it("applies each pattern of a schema as its own (ajv keys the compiled patterns by their text)", () => {
    const files = {
      "/kb/s.json": schema({
        a: { type: "string", pattern: "^a+$" },
        b: { type: "string", pattern: "^b+$" },
      }),
      "/kb/t.md": page("a: aaa\nb: bbb\n"),
      "/kb/u.md": page("a: bbb\nb: aaa\n"),
    };
    assert.deepEqual(codesOf(files, "/kb/t.md"), []);
    assert.deepEqual(codesOf(files, "/kb/u.md"), [
      "frontmatter/invalid-value 3",
      "frontmatter/invalid-value 4",
    ]);
  });

  it("reads JavaScript's syntax: \\u escapes, named groups, Unicode classes, \\d and \\w", () => {
    const files = {
      "/kb/s.json": schema({
        e: { type: "string", pattern: "^\\u00e9+$" },
        year: { type: "string", pattern: "^(?<year>\\d{4})-\\w+$" },
        word: { type: "string", pattern: "^\\p{L}+$" },
      }),
      "/kb/t.md": page("e: éé\nyear: 2026-dec\nword: Ünïcode\n"),
      "/kb/u.md": page("e: ex\nyear: 26-dec\nword: a1\n"),
    };
    assert.deepEqual(codesOf(files, "/kb/t.md"), []);
    assert.deepEqual(codesOf(files, "/kb/u.md"), [
      "frontmatter/invalid-value 3",
      "frontmatter/invalid-value 4",
      "frontmatter/invalid-value 5",
    ]);
  });

  it("does not apply a schema pattern RE2 cannot run (lookahead, backreference): says so once, no false alarm, the rest applies", () => {
    const files = {
      "/kb/s.json": schema({
        password: { type: "string", pattern: "^(?=.*[0-9]).{8,}$" },
        twice: { type: "string", pattern: "^(a)\\1$" },
        count: { type: "integer" },
      }),
      "/kb/t.md": page("password: short\ntwice: ab\ncount: many\n"),
    };
    assert.deepEqual(codesOf(files, "/kb/t.md"), [
      "schema/pattern-not-applied 1",
      "frontmatter/invalid-value 5",
    ]);
  });

  it("gives JavaScript's meaning to what RE2 spells or reads differently", () => {
    // [pattern, text, what JavaScript's RegExp with the u flag answers]
    const cases: [string, string, boolean][] = [
      ["^\\uD83D\\uDE00$", "😀", true],
      ["^\\u{1F600}$", "😀", true],
      ["^.$", "\u2028", false],
      ["^.$", "é", true],
      ["^\\s$", "\u00a0", true],
      ["^\\S$", "\u00a0", false],
      ["^[\\s\\S]$", "\n", true],
      ["^\\p{Letter}+$", "Löb", true],
      ["^\\p{Script=Greek}$", "α", true],
      ["^\\p{Lu}$", "a", false],
      ["^[[:alpha:]+$", "[:a", true],
      ["^[^]$", "\n", true],
      ["^a[]$", "a", false],
      ["^[\\b]$", "\b", true],
      ["^\\cA$", "\u0001", true],
      ["^\\0$", "\u0000", true],
      ["^(?<year>\\d{4})-\\w+$", "2024-ab", true],
      ["^[\\w.-]+@[\\w-]+\\.\\w+$", "a.b@c-d.org", true],
    ];
    for (const [pattern, text, expected] of cases) {
      assert.equal(new RegExp(pattern, "u").test(text), expected, `JavaScript: ${pattern}`);
      assert.equal(linearRegExp(pattern).test(text), expected, `RE2: ${pattern} on ${JSON.stringify(text)}`);
    }
  });

  it("refuses lookaround and backreferences, and JavaScript syntax errors, when compiling", () => {
    for (const pattern of [
      "(?=a)",
      "(?!a)",
      "(?<=a)b",
      "(?<!a)b",
      "(a)\\1",
      "(?<n>a)\\k<n>",
      "(",
      "\\p{Nope}",
    ])
      assert.throws(() => linearRegExp(pattern), pattern);
  });

  it("matches patternProperties keys on RE2", () => {
    const files = {
      "/kb/s.json": schema(
        { title: { type: "string" } },
        { patternProperties: { "^x-(a+)+$": { type: "integer" } }, additionalProperties: false },
      ),
      "/kb/t.md": page(`x-aaa: 1\nx-${"a".repeat(32)}!: 2\n`),
    };
    assert.deepEqual(codesOf(files, "/kb/t.md"), ["frontmatter/unknown-property 4"]);
  });

  it("runs nodeNamePattern on RE2, and reports one RE2 cannot run as config/invalid", () => {
    const map = {
      "/kb/meta.json": JSON.stringify({ rootDir: "Root" }),
      "/kb/Root/Root.md": "### Mini Description\n\nR.\n\n### Order\n\n1. " + "a".repeat(32) + "!\n",
      [`/kb/Root/${"a".repeat(32)}!/${"a".repeat(32)}!.md`]: "### Mini Description\n\nA.\n",
    };
    const hostile = { ...map, "/kb/kb-author.jsonc": JSON.stringify({ nodeNamePattern: "^(a+)+$" }) };
    assert.deepEqual(codesOf(hostile, `/kb/Root/${"a".repeat(32)}!/${"a".repeat(32)}!.md`), ["node/name 0"]);
    const lookahead = { ...map, "/kb/kb-author.jsonc": JSON.stringify({ nodeNamePattern: "^(?!x).+$" }) };
    assert.deepEqual(
      codesOf(lookahead, "/kb/kb-author.jsonc")?.map((code) => code.split(" ")[0]),
      ["config/invalid"],
    );
  });
});
