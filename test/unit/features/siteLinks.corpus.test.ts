import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createLanguageService } from "../../../server/src/core/languageService";
import { NodeFileSystem, toCorePath } from "../../../server/src/node/nodeFileSystem";
import { describeWithShared, repoRoot, sharedRoot } from "../../support/sharedData";

const astroDocs = path.join(sharedRoot, "corpus/astro-docs");
const exampleConfig = path.join(repoRoot, "docs/examples/astro-docs/kb-author.jsonc");
const page = "src/content/docs/en/basics/astro-components.mdx";

/** The Astro docs corpus copied beside the worked example's kb-author.jsonc (the corpus is never written). */
function withExampleConfig(): { root: string; dispose: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-astro-"));
  fs.cpSync(astroDocs, root, { recursive: true });
  fs.copyFileSync(exampleConfig, path.join(root, "kb-author.jsonc"));
  return { root, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}

describeWithShared(
  "corpus",
  "the Astro docs with the worked example's `links` block (docs/examples/astro-docs)",
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
