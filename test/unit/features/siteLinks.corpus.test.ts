import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createLanguageService } from "../../../server/src/core/languageService";
import { NodeFileSystem, toCorePath } from "../../../server/src/node/nodeFileSystem";
import { describeWithShared, repoRoot, sharedRoot } from "../../support/sharedData";

const astroDocs = path.join(sharedRoot, "corpus/astro-docs");
/** The worked example: kb-author.jsonc and the Starlight schema it names. */
const exampleFolder = path.join(repoRoot, "docs/examples/astro-docs");
const page = "src/content/docs/en/basics/astro-components.mdx";

/** The Astro docs corpus copied beside the worked example's files (the corpus is never written). */
function withExampleConfig(): { root: string; dispose: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-astro-"));
  fs.cpSync(astroDocs, root, { recursive: true });
  for (const file of fs.readdirSync(exampleFolder))
    fs.copyFileSync(path.join(exampleFolder, file), path.join(root, file));
  return { root, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}

describeWithShared(
  "corpus",
  "the Astro docs with the worked example (docs/examples/astro-docs: links, MDX, the Starlight schema)",
  () => {
    it("resolves every route and anchor; only the image of public/, which the corpus copy lacks, is missing", () => {
      const { root, dispose } = withExampleConfig();
      try {
        const service = createLanguageService({
          fileSystem: new NodeFileSystem(),
          workspaceRoots: [toCorePath(root)],
        });
        const found = service
          .listCheckedFiles()
          .flatMap((file) =>
            (service.validate(file)?.diagnostics ?? []).map(
              (diagnostic) =>
                `${path.relative(toCorePath(root), file)}:${diagnostic.range.start.line + 1} ${diagnostic.code}`,
            ),
          );
        assert.deepEqual(found, ["src/content/docs/en/tutorial/1-setup/2.mdx:131 link/unresolved"]);
      } finally {
        dispose();
      }
    });

    it("finds a misspelt frontmatter key (a warning: the schema strips unknown keys), a bad enum value and MDX that does not compile", () => {
      const { root, dispose } = withExampleConfig();
      try {
        const service = createLanguageService({
          fileSystem: new NodeFileSystem(),
          workspaceRoots: [toCorePath(root)],
        });
        const file = path.join(toCorePath(root), page);
        const original = fs.readFileSync(path.join(root, page), "utf8");
        const text = original
          .replace("\ndescription:", "\ndescripton:")
          .replace("i18nReady: true", "i18nReady: true\ntype: recipes")
          .replace("## Component Structure", "## Component Structure\n\nModels with <10 billion parameters.");
        assert.notEqual(text, original);
        service.openDocument(file, text, 2);
        const found = (service.validate(file)?.diagnostics ?? []).map(
          (diagnostic) => `${diagnostic.range.start.line + 1} ${diagnostic.code}`,
        );
        const lineOf = (needle: string) => text.split("\n").findIndex((line) => line.includes(needle)) + 1;
        assert.deepEqual(
          found.sort(),
          [
            `${lineOf("descripton:")} frontmatter/misspelt-property`,
            `${lineOf("type: recipes")} frontmatter/invalid-value`,
            `${lineOf("<10 billion")} mdx/syntax`,
          ].sort(),
        );
      } finally {
        dispose();
      }
    });

    it("finds an injected broken route and a broken anchor on their lines", () => {
      const { root, dispose } = withExampleConfig();
      try {
        const service = createLanguageService({
          fileSystem: new NodeFileSystem(),
          workspaceRoots: [toCorePath(root)],
        });
        const file = path.join(toCorePath(root), page);
        const text = fs
          .readFileSync(path.join(root, page), "utf8")
          .replace("(/en/guides/client-side-scripts/)", "(/en/guides/client-side-script/)")
          .replace("#hydrating-interactive-components", "#hydrating-interactive-component");
        service.openDocument(file, text, 2);
        const found = (service.validate(file)?.diagnostics ?? []).map(
          (diagnostic) => `${diagnostic.range.start.line + 1} ${diagnostic.code} ${diagnostic.message}`,
        );
        assert.equal(found.length, 2, found.join("\n"));
        assert.match(found[0], /^20 link\/unresolved .*did you mean `\/en\/guides\/client-side-scripts\/`/);
        assert.match(found[1], /^20 link\/anchor .*Did you mean `#hydrating-interactive-components`/);
      } finally {
        dispose();
      }
    });
  },
);
