import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createLanguageService, type LanguageService } from "../../../server/src/core/languageService";
import { NodeFileSystem, toCorePath } from "../../../server/src/node/nodeFileSystem";
import { describeWithShared, repoRoot, sharedRoot } from "../../support/sharedData";

const astroDocs = toCorePath(path.join(sharedRoot, "corpus/astro-docs"));
/** The worked example: kb-author.jsonc and the Starlight schema it names. */
const exampleFolder = toCorePath(path.join(repoRoot, "docs/examples/astro-docs"));
const page = path.join(astroDocs, "src/content/docs/en/basics/astro-components.mdx");

/**
 * The corpus in place with the worked example as `--config` (kb-author check ../shared/corpus/astro-docs
 * --config docs/examples/astro-docs/kb-author.jsonc): the corpus is only read; injected defects are
 * open documents, never written.
 */
function exampleService(): LanguageService {
  return createLanguageService({
    fileSystem: new NodeFileSystem(),
    workspaceRoots: [astroDocs, exampleFolder],
    configPath: path.join(exampleFolder, "kb-author.jsonc"),
  });
}

/** The diagnostics of the page with its text changed by `edit`, as `line code message`. */
function diagnosticsAfter(edit: (text: string) => string): { found: string[]; text: string } {
  const service = exampleService();
  const original = fs.readFileSync(page, "utf8");
  const text = edit(original);
  assert.notEqual(text, original);
  service.openDocument(page, text, 2);
  const found = (service.validate(page)?.diagnostics ?? []).map(
    (diagnostic) => `${diagnostic.range.start.line + 1} ${diagnostic.code} ${diagnostic.message}`,
  );
  return { found, text };
}

describeWithShared(
  "corpus",
  "the Astro docs with the worked example (docs/examples/astro-docs: links, MDX, the Starlight schema)",
  () => {
    it("resolves every route and anchor; only the image of public/, which the corpus copy lacks, is missing", () => {
      const service = exampleService();
      const found = service
        .listCheckedFiles(astroDocs)
        .flatMap((file) =>
          (service.validate(file)?.diagnostics ?? []).map(
            (diagnostic) =>
              `${path.relative(astroDocs, file)}:${diagnostic.range.start.line + 1} ${diagnostic.code}`,
          ),
        );
      assert.deepEqual(found, ["src/content/docs/en/tutorial/1-setup/2.mdx:131 link/unresolved"]);
    });

    it("finds a misspelt frontmatter key (a warning: the schema strips unknown keys), a bad enum value and MDX that does not compile", () => {
      const { found, text } = diagnosticsAfter((original) =>
        original
          .replace("\ndescription:", "\ndescripton:")
          .replace("i18nReady: true", "i18nReady: true\ntype: recipes")
          .replace("## Component Structure", "## Component Structure\n\nModels with <10 billion parameters."),
      );
      const lineOf = (needle: string) => text.split("\n").findIndex((line) => line.includes(needle)) + 1;
      assert.deepEqual(
        found.map((line) => line.split(" ").slice(0, 2).join(" ")).sort(),
        [
          `${lineOf("descripton:")} frontmatter/misspelt-property`,
          `${lineOf("type: recipes")} frontmatter/invalid-value`,
          `${lineOf("<10 billion")} mdx/syntax`,
        ].sort(),
      );
    });

    it("finds an injected broken route and a broken anchor on their lines", () => {
      const { found } = diagnosticsAfter((original) =>
        original
          .replace("(/en/guides/client-side-scripts/)", "(/en/guides/client-side-script/)")
          .replace("#hydrating-interactive-components", "#hydrating-interactive-component"),
      );
      assert.equal(found.length, 2, found.join("\n"));
      assert.match(found[0], /^20 link\/unresolved .*did you mean `\/en\/guides\/client-side-scripts\/`/);
      assert.match(found[1], /^20 link\/anchor .*Did you mean `#hydrating-interactive-components`/);
    });
  },
);
