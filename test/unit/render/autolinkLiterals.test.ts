import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import {
  mayHoldAutolinkLiteral,
  withoutAutolinkLiterals,
} from "../../../server/src/core/render/autolinkLiterals";
import { tooCostlyToParse } from "../../../server/src/core/render/parseGuard";
import { mutate, Random } from "../../support/mutations";
import { corpusDir, repoRoot, seedsDir } from "../../support/sharedData";
import { renderIn } from "./renderSupport";

const withLiterals = unified().use(remarkParse).use(remarkGfm).freeze();
const withoutLiterals = unified().use(remarkParse).use(remarkGfm).use(withoutAutolinkLiterals).freeze();
const mdxWithLiterals = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).freeze();
const mdxWithoutLiterals = unified()
  .use(remarkParse)
  .use(remarkMdx)
  .use(remarkGfm)
  .use(withoutAutolinkLiterals)
  .freeze();

/** Every GFM construct but the autolink literals, and the Markdown around them. */
const gfmSample = [
  "# Title with ~~struck~~ and *emphasis* and `code`",
  "",
  "| a | b |\n| - | :-: |\n| 1 | [link](Other/Other.md) |",
  "",
  "- [ ] to do\n- [x] done\n  1. nested",
  "",
  "A note[^1] and <span>html</span> and <https://autolink.example> left out below.",
  "",
  "[^1]: The footnote.",
  "",
  "> quote ~one~ ~~two~~",
].join("\n");

function markdownFiles(folder: string, limit: number): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (found.length >= limit) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && /\.mdx?$/.test(entry.name)) found.push(full);
    }
  };
  if (fs.existsSync(folder)) walk(folder);
  return found;
}

describe("GFM autolink literals, left out where a text cannot hold one", () => {
  it("parses a text without `@`, `www` or `http` to the same tree with or without them (real files, GFM, mutations)", () => {
    const files = [
      ...markdownFiles(path.join(repoRoot, "test/fixtures"), 400),
      ...markdownFiles(seedsDir, 20),
      ...markdownFiles(corpusDir, 300),
    ];
    const texts = [gfmSample, ...files.map((file) => fs.readFileSync(file, "utf8"))];
    const random = new Random(20261123);
    const mutated = texts.flatMap((text) => [0, 1].map(() => mutate(text, random).text));
    let compared = 0;
    for (const text of [...texts, ...mutated]) {
      // (The renderer never parses what the guard holds back: it could overflow the stack.)
      if (mayHoldAutolinkLiteral(text) || tooCostlyToParse(text) !== undefined) continue;
      assert.deepEqual(withoutLiterals.parse(text), withLiterals.parse(text), text.slice(0, 200));
      compared++;
    }
    assert.ok(compared > 200, `only ${compared} texts compared`);
    const mdx = texts.filter((text) => !mayHoldAutolinkLiteral(text)).slice(0, 50);
    for (const text of mdx) {
      let expected: Root | Error;
      try {
        expected = mdxWithLiterals.parse(text);
      } catch (error) {
        expected = error as Error;
      }
      if (expected instanceof Error) assert.throws(() => mdxWithoutLiterals.parse(text));
      else assert.deepEqual(mdxWithoutLiterals.parse(text), expected);
    }
  });

  it("takes the literals' constructs and transform out of the parser, and nothing else", () => {
    const literals = new Set<unknown>(Object.values(gfmAutolinkLiteral().text ?? {}).flat());
    const constructsOf = (processor: typeof withLiterals) =>
      (processor.data().micromarkExtensions ?? []).flatMap((extension) =>
        Object.values(extension.text ?? {}).flat(),
      );
    const before = constructsOf(withLiterals);
    const after = constructsOf(withoutLiterals);
    assert.ok(
      before.some((construct) => literals.has(construct)),
      "remark-gfm no longer uses these constructs",
    );
    // (Other GFM extensions make new constructs each time they are used: compared by name.)
    const names = (constructs: typeof before) => constructs.map((construct) => construct?.name);
    assert.deepEqual(names(after), names(before.filter((construct) => !literals.has(construct))));
    assert.ok(!after.some((construct) => literals.has(construct)));
    const literalTransforms = new Set<unknown>(gfmAutolinkLiteralFromMarkdown().transforms);
    const transformsOf = (processor: typeof withLiterals) =>
      (processor.data().fromMarkdownExtensions ?? [])
        .flat()
        .flatMap((extension) => extension.transforms ?? []);
    assert.ok(transformsOf(withLiterals).some((transform) => literalTransforms.has(transform)));
    assert.deepEqual(
      transformsOf(withoutLiterals),
      transformsOf(withLiterals).filter((transform) => !literalTransforms.has(transform)),
    );
    for (const literal of ["www.example.org", "WWW.example.org", "HTTPS://x.org", "a@b.org"])
      assert.ok(mayHoldAutolinkLiteral(literal), literal);
  });

  it("renders every literal of a page that holds one as a link", () => {
    const { page } = renderIn(
      { "/kb/wiki/page.md": "# Page\n\nSee www.example.org and mail kb@example.org.\n" },
      "/kb/wiki/page.md",
    );
    assert.match(page.html, /<a [^>]*href="http:\/\/www\.example\.org"/);
    assert.match(page.html, /<a [^>]*href="mailto:kb@example\.org"/);
  });
});
