/**
 * References by id in a real VS Code: in a wiki whose pages link by id (docs/examples/entity-wiki, copied
 * into the workspace beside examples/), Ctrl+Space in `<EntityLink id="">` offers the entities with their
 * names, and pointing at an id shows the entity's card. The README's screenshot-reference-completion.png
 * and screenshot-reference-hover.png are taken here (KB_AUTHOR_UPDATE_SCREENSHOTS=1).
 */
import * as assert from "node:assert/strict";
import { cpSync } from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../support/workspace";
import { withWorkbench } from "./environment";
import { seeded } from "./examples";

const page = "entity-wiki/content/responses/international-coordination.mdx";
const copyEntityWiki = (dir: string) =>
  cpSync(path.join(repoRoot, "docs", "examples", "entity-wiki"), path.join(dir, "entity-wiki"), {
    recursive: true,
  });

describe("References by id in the workbench", function () {
  it("completes an entity id with the entities' names, and shows the entity's card on hover", () =>
    withWorkbench(
      "references-by-id",
      async (workbench) => {
        await workbench.step("open a page of the entity wiki: it has no problems", async () => {
          await workbench.openFile(page);
          // The wiki is clean: the counts are examples/' own.
          await workbench.waitForStatusCounts(seeded);
        });

        await workbench.step('type `<EntityLink id="` at the end of the page, then Ctrl+Space', async () => {
          await workbench.focusEditor();
          await workbench.page.keyboard.press("Control+End");
          await workbench.page.keyboard.type('\nSee <EntityLink id="');
          const rows = await workbench.triggerSuggest();
          const labels = (
            await rows.evaluateAll((elements) => elements.map((row) => row.textContent ?? ""))
          ).map((label) => label.replace(/\s+/g, " ").trim());
          assert.ok(
            labels.some((label) => label.startsWith("anthropic") && label.includes("Anthropic")),
            `no suggestion anthropic (Anthropic) among: ${labels.join(" | ")}`,
          );
          assert.ok(
            labels.some((label) => label.startsWith("E12")),
            `no page id among: ${labels.join(" | ")}`,
          );
        });
        const completion = await workbench.readmeScreenshot("screenshot-reference-completion");
        console.log(`      README screenshot: ${completion}`);
        await workbench.page.keyboard.press("Escape");

        await workbench.step("point at `paul-christiano`: the entity's card opens", async () => {
          const line = workbench.editorLine("paul-christiano");
          await line.waitFor({ timeout: 10_000 });
          const id = line.locator("span span", { hasText: "paul-christiano" }).last();
          const card = await workbench.hoverCard(id, "Paul Christiano");
          const text = ((await card.textContent()) ?? "").replace(/\s+/g, " ");
          assert.match(text, /entity `?paul-christiano`?/, "the registry and id");
          assert.match(text, /alignment and AI evaluations/, "the entity's description");
          assert.match(text, /people\.yaml:1/, "where it is defined");
        });
        const hover = await workbench.readmeScreenshot("screenshot-reference-hover", { parkMouse: false });
        console.log(`      README screenshot: ${hover}`);
      },
      { prepare: copyEntityWiki },
    ));

  it("previews a wiki page as its site shows it: math typeset, a callout, a component box, entity links, footnotes", () =>
    withWorkbench(
      "preview-wiki-page",
      async (workbench) => {
        const preview = workbench.page.frameLocator("iframe.webview.ready").frameLocator("#active-frame");
        await workbench.step("open Race Dynamics and its preview to the side", async () => {
          await workbench.openFile("entity-wiki/content/risks/race-dynamics.mdx");
          await workbench.waitForStatusCounts(seeded);
          await workbench.runCommand("kb-author: Open Preview to the Side");
          await preview.locator("h1", { hasText: "Race Dynamics" }).waitFor({ timeout: 15_000 });
        });
        await workbench.step("the formula is typeset by KaTeX, with its fonts", async () => {
          await preview.locator(".katex-display .katex").first().waitFor({ timeout: 10_000 });
          await preview.locator(".katex-display .katex-html").first().waitFor({ timeout: 10_000 });
        });
        await workbench.step("the note is a callout, the Crux a labelled box, the ids links", async () => {
          await preview
            .locator("div.kb-callout.kb-callout-note", { hasText: "Race dynamics are a structural risk" })
            .first()
            .waitFor({ timeout: 10_000 });
          await preview.locator("text=Crux").first().waitFor({ timeout: 10_000 });
          await preview.locator("a", { hasText: "UK AI Security Institute" }).waitFor({ timeout: 10_000 });
          await preview
            .locator("a", { hasText: "The Bletchley Declaration" })
            .first()
            .waitFor({ timeout: 10_000 });
          assert.equal(
            await preview.locator("text=<EntityLink").count(),
            0,
            "no component is shown as source",
          );
        });
        await workbench.step("the footnote is listed at the end with a link back", async () => {
          await preview
            .locator("[data-footnote-backref]")
            .first()
            .waitFor({ state: "attached", timeout: 10_000 });
        });
        const file = await workbench.readmeScreenshot("screenshot-preview-wiki");
        console.log(`      README screenshot: ${file}`);
      },
      { prepare: copyEntityWiki },
    ));
});
