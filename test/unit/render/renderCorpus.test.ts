import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createLanguageService } from "../../../server/src/core/languageService";
import type { SiteRenderTarget } from "../../../server/src/core/render/renderTypes";
import { NodeFileSystem } from "../../../server/src/node/nodeFileSystem";
import { assertInert, editorTarget, serviceOf } from "./renderSupport";
import { corpusDir, itWithShared, seedsDir } from "../../support/sharedData";

// Speed is measured by `npm run bench`, not here: these tests must not fail on a loaded machine.
const seedFolder = seedsDir;

describe("rendering real documents", () => {
  itWithShared("seeds", "re-renders the topic seed after each of 30 edits, each edit visible", function () {
    const seed = path.join(seedFolder, "topic-entry-international-coordination.md");
    const text = fs.readFileSync(seed, "utf8");
    const service = serviceOf({ "/kb/wiki/topic.md": text });
    service.renderPage("/kb/wiki/topic.md", editorTarget);
    for (let edit = 1; edit <= 30; edit++) {
      service.openDocument("/kb/wiki/topic.md", text + "x".repeat(edit), edit);
      const page = service.renderPage("/kb/wiki/topic.md", editorTarget);
      assert.equal(page?.version, edit);
      assert.ok(page?.html.includes("x".repeat(edit)));
    }
  });

  itWithShared(
    "corpus",
    "renders every node of the shared corpus for the site, each page inert",
    function () {
      this.timeout(60_000);
      const site: SiteRenderTarget = {
        kind: "site",
        pageUrlOf: (file) => path.relative(corpusDir, file).replace(/\.md$/, ".html"),
        assetUrlOf: (file) => "assets/" + path.relative(corpusDir, file),
      };
      const service = createLanguageService({
        fileSystem: new NodeFileSystem(),
        workspaceRoots: [corpusDir],
      });
      const files = service
        .listCheckedFiles()
        .filter((file) => path.basename(file) === path.basename(path.dirname(file)) + ".md");
      let withChildren = 0;
      const sampled: string[] = [];
      for (const [index, file] of files.entries()) {
        const page = service.renderPage(file, site);
        assert.ok(page && page.kind === "map-node", file);
        if (page.html.includes('class="kb-cards"')) withChildren++;
        if (index % 50 === 0) sampled.push(page.html);
      }
      for (const html of sampled) assertInert(html, "site");
      assert.equal(files.length, 5798);
      assert.ok(withChildren >= 1134, `${withChildren} pages with child cards`);
    },
  );
});
