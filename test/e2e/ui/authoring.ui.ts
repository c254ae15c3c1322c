/**
 * What a person sees of completion and hover cards in a real VS Code: Ctrl+Space on an empty line of an
 * Order offers the child folder that the Order does not list yet, and pointing at an Order entry shows the
 * child's card. Each test opens its own workbench on a fresh copy of examples/; the README's
 * screenshot-completion.png and screenshot-hover.png are taken here (KB_AUTHOR_UPDATE_SCREENSHOTS=1).
 */
import * as assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../support/workspace";
import { withWorkbench } from "./environment";
import { seeded, technicalFoundations } from "./examples";

const internationalCoordination =
  "AI_Safety/Governance_and_Policy/International_Coordination/International_Coordination.md";

/** A child folder of Technical_Foundations, with its node file, that the Order does not list. */
const newTopic = {
  name: "New_Topic",
  miniDescription: "Open questions the map does not cover yet.",
};

/** The first paragraph of a node file's Mini Description in examples/. */
function miniDescriptionOf(relativePath: string): string {
  const text = readFileSync(path.join(repoRoot, "examples", ...relativePath.split("/")), "utf8");
  const paragraph = /^### Mini Description\n\n(.+)$/m.exec(text)?.[1];
  assert.ok(paragraph, `${relativePath} has a Mini Description`);
  return paragraph;
}

describe("Completion and hover in the workbench", function () {
  it("suggests the child folder the Order does not list, numbered next, with its Mini Description", () =>
    withWorkbench(
      "completion-order",
      async (workbench) => {
        const page = workbench.page;
        await workbench.step(
          `open Technical_Foundations.md: ${newTopic.name} is reported as not listed`,
          async () => {
            await workbench.openFile(technicalFoundations);
            // One warning more than the seeded ones (order/unlisted-child): the server has indexed the new node.
            await workbench.waitForStatusCounts({ errors: seeded.errors, warnings: seeded.warnings + 1 });
          },
        );

        await workbench.step("go to the empty line after the Order's last entry (line 19)", async () => {
          await workbench.goToLine(19);
          await workbench.editorLine("4. Verification_and_Testing").waitFor({ timeout: 10_000 });
        });

        await workbench.step(`Ctrl+Space: the suggestions offer ${newTopic.name}`, async () => {
          const rows = await workbench.triggerSuggest();
          const labels = (
            await rows.evaluateAll((elements) => elements.map((row) => row.textContent ?? ""))
          ).map((label) => label.replace(/\s+/g, " ").trim());
          assert.ok(
            labels.some((label) => label.startsWith(newTopic.name)),
            `no suggestion ${newTopic.name} among: ${labels.join(" | ")}`,
          );
          const focused = page.locator(".editor-widget.suggest-widget.visible .monaco-list-row.focused");
          await focused.filter({ hasText: newTopic.name }).waitFor({ timeout: 10_000 });
          assert.match((await focused.textContent()) ?? "", /5\. New_Topic/, "the entry's number, as detail");
        });

        await workbench.step("Ctrl+Space again: the details show the child's Mini Description", async () => {
          await page.keyboard.press("Control+Space");
          await page
            .locator(".suggest-details-container", { hasText: newTopic.miniDescription })
            .waitFor({ state: "visible", timeout: 10_000 });
        });
        const file = await workbench.readmeScreenshot("screenshot-completion");
        console.log(`      README screenshot: ${file}`);
      },
      {
        prepare: (dir) => {
          const folder = path.join(dir, "AI_Safety", "Technical_Foundations", newTopic.name);
          mkdirSync(folder);
          writeFileSync(
            path.join(folder, `${newTopic.name}.md`),
            `### Mini Description\n\n${newTopic.miniDescription}\n`,
          );
        },
      },
    ));

  it("shows the child's card, with its Mini Description, when the mouse points at an Order entry", () =>
    withWorkbench("hover-order-entry", async (workbench) => {
      const miniDescription = miniDescriptionOf(
        "AI_Safety/Governance_and_Policy/International_Coordination/Treaty_Frameworks/Treaty_Frameworks.md",
      );
      await workbench.step("open International_Coordination.md", async () => {
        await workbench.openFile(internationalCoordination);
        // The server has checked the workspace: it answers hovers from here on.
        await workbench.waitForStatusCounts(seeded);
      });

      await workbench.step("point at `Treaty_Frameworks` in the Order: its card opens", async () => {
        const line = workbench.editorLine("Treaty_Frameworks");
        await line.waitFor({ timeout: 10_000 });
        // The innermost span holding the name (the line is split into tokens).
        const name = line.locator("span span", { hasText: "Treaty_Frameworks" }).last();
        const card = await workbench.hoverCard(name, miniDescription);
        const text = ((await card.textContent()) ?? "").replace(/\s+/g, " ");
        assert.match(text, /Treaty Frameworks/, "the title");
        assert.match(
          text,
          /AI Safety › Governance and Policy › International Coordination/,
          "the breadcrumb",
        );
        assert.match(text, /no children · 10 papers · no errors or warnings/, "the counts");
      });
      const file = await workbench.readmeScreenshot("screenshot-hover", { parkMouse: false });
      console.log(`      README screenshot: ${file}`);
    }));
});
