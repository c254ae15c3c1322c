import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";
import { seedsDir } from "../support/sharedData";

/**
 * Snapshot tests of the TextMate injection grammar (syntaxes/kb-author.injection.tmLanguage.json),
 * injected into VS Code's own Markdown grammar as VS Code does (`injectTo: text.html.markdown`).
 * The Markdown and YAML grammars come from the pinned `tm-grammars` package: its markdown.json is
 * VS Code's extensions/markdown-basics/syntaxes/markdown.tmLanguage.json. Fenced code in other
 * languages is left unscoped (those grammars are not loaded), which the snapshots show as such.
 *
 * Snapshots are test/grammar-snapshots/<input>.snap; regenerate with KB_AUTHOR_UPDATE_SNAPSHOTS=1.
 */

const repoRoot = path.resolve(__dirname, "../../..");
/** The injection grammars, by scope name, as package.json registers them. */
const injections: Record<string, string> = {
  "kb-author.injection": "./syntaxes/kb-author.injection.tmLanguage.json",
  "kb-author.frontmatter.injection": "./syntaxes/kb-author.frontmatter.injection.tmLanguage.json",
};
const snapshotFolder = path.join(repoRoot, "test/grammar-snapshots");
const inputFolder = path.join(snapshotFolder, "inputs");
const seedFolder = seedsDir;
const updateSnapshots = process.env.KB_AUTHOR_UPDATE_SNAPSHOTS === "1";

const grammarFiles: Record<string, string> = {
  "text.html.markdown": require.resolve("tm-grammars/grammars/markdown.json"),
  "source.yaml": require.resolve("tm-grammars/grammars/yaml.json"),
  ...Object.fromEntries(
    Object.entries(injections).map(([scope, file]) => [scope, path.join(repoRoot, file)]),
  ),
};

let onigLoaded: Promise<void> | undefined;

/**
 * VS Code's Markdown grammar with (or without) the injections. `yaml` replaces the YAML grammar the
 * frontmatter embeds, to try the frontmatter injection under a YAML grammar of another shape.
 */
async function markdownGrammar(withInjection: boolean, yaml?: object): Promise<textmate.IGrammar> {
  onigLoaded ??= oniguruma.loadWASM(
    fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer,
  );
  await onigLoaded;
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: (scopeName) => {
      if (yaml && scopeName === "source.yaml") {
        return Promise.resolve(textmate.parseRawGrammar(JSON.stringify(yaml), "yaml.json"));
      }
      const file = grammarFiles[scopeName];
      return Promise.resolve(file ? textmate.parseRawGrammar(fs.readFileSync(file, "utf8"), file) : null);
    },
    getInjections: (scopeName) =>
      withInjection && scopeName === "text.html.markdown" ? Object.keys(injections) : undefined,
  });
  const grammar = await registry.loadGrammar("text.html.markdown");
  if (!grammar) throw new Error("the Markdown grammar did not load");
  return grammar;
}

interface Token {
  text: string;
  scopes: string[];
}

function tokenize(grammar: textmate.IGrammar, text: string): Token[][] {
  let stack = textmate.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((token) => ({
      text: line.slice(token.startIndex, token.endIndex),
      scopes: token.scopes,
    }));
  });
}

/** One line per source line, then one per token: its text (JSON) and its scopes, outermost first. */
function renderSnapshot(name: string, text: string, lines: Token[][]): string {
  const sourceLines = text.split(/\r?\n/);
  const out = [
    `# Scopes of ${name} with the kb-author injection grammar (KB_AUTHOR_UPDATE_SNAPSHOTS=1 regenerates).`,
  ];
  lines.forEach((tokens, index) => {
    out.push(`${index + 1}: ${JSON.stringify(sourceLines[index])}`);
    for (const token of tokens) out.push(`  ${JSON.stringify(token.text)} ${token.scopes.join(" ")}`);
  });
  return out.join("\n") + "\n";
}

/** The scopes of the token of a line that is, or else contains, a text. */
function scopesOf(lines: Token[][], line: number, text: string): string[] {
  const token =
    lines[line].find((candidate) => candidate.text === text) ??
    lines[line].find((candidate) => candidate.text.includes(text));
  if (!token) throw new Error(`no token with ${JSON.stringify(text)} on line ${line + 1}`);
  return token.scopes;
}

const inputs = fs.existsSync(inputFolder)
  ? fs.readdirSync(inputFolder).filter((file) => file.endsWith(".md"))
  : [];

describe("TextMate injection grammar", () => {
  let grammar: textmate.IGrammar;
  let plainGrammar: textmate.IGrammar;
  before(async () => {
    grammar = await markdownGrammar(true);
    plainGrammar = await markdownGrammar(false);
  });

  it("is registered in package.json as injections into Markdown", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
      contributes: { grammars?: { scopeName: string; path: string; injectTo?: string[] }[] };
    };
    for (const [scopeName, file] of Object.entries(injections)) {
      const entry = manifest.contributes.grammars?.find((grammar) => grammar.scopeName === scopeName);
      assert.deepEqual(entry, { scopeName, path: file, injectTo: ["text.html.markdown"] });
      const raw = JSON.parse(fs.readFileSync(path.join(repoRoot, file), "utf8")) as {
        scopeName: string;
        injectionSelector: string;
      };
      assert.equal(raw.scopeName, scopeName);
      assert.match(raw.injectionSelector, /^L:/, "the injection wins over Markdown's own rules");
    }
  });

  it("has sample inputs, the seeds among them verbatim", () => {
    assert.ok(inputs.length >= 4, `only ${inputs.length} inputs in ${inputFolder}`);
    for (const seed of [
      "map-node-International_Coordination.md",
      "topic-entry-international-coordination.md",
    ]) {
      assert.ok(inputs.includes(seed), `${seed} is not among the inputs`);
      const shared = path.join(seedFolder, seed);
      if (fs.existsSync(shared)) {
        assert.equal(fs.readFileSync(path.join(inputFolder, seed), "utf8"), fs.readFileSync(shared, "utf8"));
      }
    }
  });

  describe("snapshots", () => {
    for (const input of inputs) {
      it(`tokenizes ${input} as its snapshot says`, () => {
        const text = fs.readFileSync(path.join(inputFolder, input), "utf8");
        const actual = renderSnapshot(input, text, tokenize(grammar, text));
        const snapshotPath = path.join(snapshotFolder, input.replace(/\.md$/, ".snap"));
        if (updateSnapshots) {
          fs.writeFileSync(snapshotPath, actual);
          return;
        }
        assert.ok(
          fs.existsSync(snapshotPath),
          `no snapshot ${snapshotPath}: run the tests with KB_AUTHOR_UPDATE_SNAPSHOTS=1 to write it`,
        );
        const expected = fs.readFileSync(snapshotPath, "utf8");
        if (actual !== expected) {
          const actualLines = actual.split("\n");
          const expectedLines = expected.split("\n");
          const first = actualLines.findIndex((line, index) => line !== expectedLines[index]);
          assert.fail(
            `${path.relative(repoRoot, snapshotPath)} differs at its line ${first + 1}:\n` +
              `  expected: ${expectedLines[first]}\n  actual:   ${actualLines[first]}\n` +
              "(if the change is intended, rerun with KB_AUTHOR_UPDATE_SNAPSHOTS=1 and review the diff)",
          );
        }
      });
    }
  });

  describe("scopes", () => {
    const node = [
      "### Mini Description",
      "",
      "Text.",
      "",
      "### Related Nodes",
      "",
      "- [Beta](/Root/Beta/Beta.md)",
      "\t- Reason: Beta is the sibling.",
      "  - Reason: two spaces.",
      "",
      "### Order",
      "",
      "1. Treaty_Frameworks",
      "2. Name With Spaces",
      "",
      "### Notes",
      "",
      "1. After_The_Order",
      "- Reason: not under Related Nodes.",
    ].join("\n");

    it("scopes the known section headings and leaves other headings to Markdown", () => {
      const lines = tokenize(grammar, node);
      for (const [line, name] of [
        [0, "Mini Description"],
        [4, "Related Nodes"],
        [10, "Order"],
      ] as const) {
        const scopes = scopesOf(lines, line, name);
        assert.ok(scopes.includes("support.type.section.kb-author"), `${name}: ${scopes.join(" ")}`);
        assert.ok(scopes.includes("entity.name.section.markdown"), "still a Markdown heading");
      }
      assert.ok(!scopesOf(lines, 15, "Notes").includes("support.type.section.kb-author"));
    });

    it("scopes Order entries' number and folder name, only in the Order section", () => {
      const lines = tokenize(grammar, node);
      assert.ok(scopesOf(lines, 12, "1").includes("constant.numeric.order.kb-author"));
      assert.ok(scopesOf(lines, 12, "Treaty_Frameworks").includes("entity.name.type.node.kb-author"));
      assert.ok(
        !lines[13].some((token) => token.scopes.includes("meta.order-entry.kb-author")),
        "not a folder name",
      );
      assert.ok(
        !lines[17].some((token) => token.scopes.includes("meta.order-entry.kb-author")),
        "after the Order",
      );
    });

    it("scopes Reason sub-bullets under Related Nodes items, TAB- or space-indented", () => {
      const lines = tokenize(grammar, node);
      assert.ok(scopesOf(lines, 7, "Reason").includes("keyword.other.reason.kb-author"));
      assert.ok(scopesOf(lines, 8, "Reason").includes("keyword.other.reason.kb-author"));
      assert.ok(
        scopesOf(lines, 6, "/Root/Beta/Beta.md").includes("markup.underline.link.markdown"),
        "links stay links",
      );
      assert.ok(!lines[18].some((token) => token.scopes.includes("keyword.other.reason.kb-author")));
    });

    it("scopes the topic schema's keys inside the frontmatter only", () => {
      const topic =
        "---\ntitle: T\nlastEdited: x\nllmSummary: >-\n  folded\nquality: 3\n---\n\ntitle: body text\n";
      const lines = tokenize(grammar, topic);
      for (const [line, key] of [
        [1, "title"],
        [3, "llmSummary"],
        [5, "quality"],
      ] as const) {
        assert.ok(
          scopesOf(lines, line, key).includes("support.type.property-name.frontmatter.kb-author"),
          key,
        );
      }
      assert.ok(
        !lines[2].some((token) => token.scopes.includes("support.type.property-name.frontmatter.kb-author")),
      );
      assert.ok(
        scopesOf(lines, 1, "T").includes("meta.embedded.block.frontmatter"),
        "the frontmatter is still YAML",
      );
      assert.ok(!lines[8].some((token) => token.scopes.some((scope) => scope.endsWith(".kb-author"))));
    });

    it("scopes the keys on every line under a YAML grammar that keeps rules open across lines", async () => {
      // VS Code's own YAML grammar holds begin/while rules (stream, document, mapping) over the whole
      // frontmatter: keys are found by injection, not as patterns of a frontmatter rule that YAML leaves.
      const nestingYaml = {
        scopeName: "source.yaml",
        patterns: [
          {
            begin: "\\G",
            while: "\\G",
            name: "meta.stream.yaml",
            patterns: [
              {
                begin: "(?=\\S)",
                while: "\\G",
                name: "meta.mapping.yaml",
                patterns: [
                  { match: "[^:\\s]+(?=:)", name: "entity.name.tag.yaml" },
                  { match: ":", name: "punctuation.separator.map.value.yaml" },
                  { match: "\\S.*", name: "string.unquoted.yaml" },
                ],
              },
            ],
          },
        ],
      };
      const lines = tokenize(
        await markdownGrammar(true, nestingYaml),
        "---\ntitle: T\ndescription: D\nother: O\nquality: 3\n---\n",
      );
      for (const [line, key] of [
        [1, "title"],
        [2, "description"],
        [4, "quality"],
      ] as const) {
        const scopes = scopesOf(lines, line, key);
        assert.ok(scopes.includes("meta.stream.yaml"), `${key} is inside the YAML rule: ${scopes.join(" ")}`);
        assert.ok(scopes.includes("support.type.property-name.frontmatter.kb-author"), key);
      }
      assert.ok(!scopesOf(lines, 3, "other").includes("support.type.property-name.frontmatter.kb-author"));
    });

    it("leaves fenced code, HTML comments and indented code alone", () => {
      const text =
        "```md\n### Order\n1. Alpha\n```\n\n<!--\n### Description\n-->\n\n    ### Mini Description\n";
      const lines = tokenize(grammar, text);
      assert.ok(!lines.flat().some((token) => token.scopes.some((scope) => scope.endsWith(".kb-author"))));
    });

    it("changes nothing in Markdown without knowledge-base constructs", () => {
      const samples = [
        [
          "# Title",
          "",
          "Some *text* with a [link](https://example.org) and `code`.",
          "",
          "## Steps",
          "",
          "1. First",
          "2. Second_Step",
          "   - nested",
          "",
          "> A quote",
          "",
          "| a | b |",
          "| - | - |",
          "| 1 | 2 |",
          "",
          "<details>",
          "<summary>More</summary>",
          "</details>",
          "",
          "```js",
          "const x = 1;",
          "```",
          "",
          "---",
          "",
          "Setext",
          "======",
        ].join("\n"),
      ];
      const seed = inputs.includes("topic-entry-international-coordination.md")
        ? fs.readFileSync(path.join(inputFolder, "topic-entry-international-coordination.md"), "utf8")
        : "";
      samples.push(seed.slice(seed.indexOf("\n---\n") + 5));
      for (const sample of samples)
        assert.deepEqual(tokenize(grammar, sample), tokenize(plainGrammar, sample));
    });
  });
});
