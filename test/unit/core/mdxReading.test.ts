import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readMdx, type MdxReading, type MdxSyntax } from "../../../server/src/core/document/mdxSyntax";
import { Random } from "../../support/mutations";
import { itWithShared, repoRoot, sharedRoot } from "../../support/sharedData";

const allSyntax: MdxSyntax[] = ["gfm", "math", "directives"];

/** A reading as comparable data: the error, or the components in page order and the bound names. */
function comparable(reading: MdxReading): unknown {
  if (reading.error) return { error: reading.error };
  const components = reading.components
    .map((component) => `${component.line}:${component.character} ${component.name}`)
    .sort();
  return { components, defined: [...reading.defined].sort() };
}

/** The token reading of `text` must be the MDX tree's, error for error and name for name. */
function assertSameAsTree(text: string, what: string): void {
  assert.deepEqual(
    comparable(readMdx(text, 0, allSyntax)),
    comparable(readMdx(text, 0, allSyntax, "tree")),
    what,
  );
}

const errorOf = (text: string) => readMdx(text, 0, allSyntax).error?.reason;

/** Fragments that open, close or break elements and the blocks around them. */
const fragments = [
  "<A>",
  "</A>",
  "<B>",
  "</B>",
  "<A/>",
  "<>",
  "</>",
  "</A x>",
  "</A/>",
  "<Tabs.Item>",
  "</Tabs.Item>",
  "<svg:rect>",
  "\n- ",
  "\n> ",
  "*",
  "**",
  "\n\n",
  "\n",
  "```\n",
  "`",
  "{",
  "}",
  "{x}",
  "[",
  "](/y)",
  "import {Q} from 'q'\n",
  ":::note\n",
  ":::\n",
  "| a |\n|---|\n",
  "\\",
];

/** `text` with 1 to 3 fragments inserted at seeded places. */
function mutated(text: string, random: Random): string {
  let result = text;
  for (let count = 1 + random.int(3); count > 0; count--) {
    const at = random.int(result.length + 1);
    result = result.slice(0, at) + random.pick(fragments) + result.slice(at);
  }
  return result;
}

function mdxFilesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".mdx"))
    .map((name) => path.join(folder, name))
    .sort();
}

/** Each page and `perPage` seeded mutations of it read both ways; the failing page and seed are named. */
function assertPagesRead(files: string[], perPage: number, seed: number, every = 1): void {
  assert.ok(files.length > 0, "no .mdx pages found");
  files.forEach((file, index) => {
    if (index % every !== 0) return;
    const text = fs.readFileSync(file, "utf8");
    assertSameAsTree(text, file);
    const random = new Random(seed + index);
    for (let n = 0; n < perPage; n++)
      assertSameAsTree(mutated(text, random), `${file}, seed ${seed + index}, case ${n}`);
  });
}

describe("MDX pages read from their tokens", () => {
  it("pairs tags across blank lines, inside emphasis and in one list item without building the tree", () => {
    const page = "<A>\n\ntext *<b>x</b>* y\n\n</A>\n\n- <B>\n  x\n  </B>\n- <Tabs.Item/>\n";
    assert.deepEqual(comparable(readMdx(page, 0, allSyntax)), {
      components: ["0:1 A", "6:3 B", "9:3 Tabs"],
      defined: [],
    });
    assertSameAsTree(page, "near miss of the refusals below");
  });

  it("leaves to the tree each tag the tree refuses, with the compiler's own words", () => {
    const refused: Record<string, RegExp> = {
      "- <A>\n- </A>\n": /Expected a closing tag for `<A>`|Unexpected closing/,
      "*<b>x* y</b>\n": /Expected a closing tag for `<b>`|Expected the closing tag `<\/b>`/,
      "text </A>\n": /Unexpected closing slash/,
      "<A>text</B>\n": /Unexpected closing tag `<\/B>`, expected corresponding closing tag for `<A>`/,
      "<A>text</A x>\n": /Unexpected attribute in closing tag/,
      "<A>text</A/>\n": /Unexpected self-closing slash/,
      "<A>\n\ntext\n": /Expected a closing tag for `<A>`/,
      "<A>\n\n> </A>\n": /closing tag/,
    };
    for (const [page, reason] of Object.entries(refused)) {
      assert.match(errorOf(page) ?? "(no error)", reason, JSON.stringify(page));
      assertSameAsTree(page, JSON.stringify(page));
    }
  });

  it("reads the names an import binds and the components of a page like the tree, with 40 mutations of each fixture page", () => {
    assertPagesRead(mdxFilesUnder(path.join(repoRoot, "test/fixtures")), 40, 20261205);
  });

  itWithShared(
    "corpus",
    "reads every astro-docs page like the tree, and 2 mutations of every eighth",
    function () {
      this.timeout(120_000);
      const pages = mdxFilesUnder(path.join(sharedRoot, "corpus/astro-docs"));
      assertPagesRead(pages, 0, 7);
      assertPagesRead(pages, 2, 7, 8);
    },
  );
});
