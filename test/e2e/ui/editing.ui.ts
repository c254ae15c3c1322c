/**
 * Editing the knowledge base in a real VS Code, through the keyboard and the explorer as a person does:
 * typing the missing section makes the diagnostic and its squiggle go away; creating a child folder makes
 * the parent's Order diagnostics appear. Each test opens its own workbench on a fresh copy of examples/.
 */
import * as assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { withWorkbench } from "./environment";
import { describeMarker, robustness, seeded, technicalFoundations } from "./examples";

describe("Editing in the workbench", function () {
  it("clears the diagnostic and its squiggle when the missing section is typed in", () =>
    withWorkbench("fix-clears-diagnostics", async (workbench) => {
      const page = workbench.page;
      await workbench.step("open Robustness.md: section/missing and its squiggle on line 1", async () => {
        await workbench.openFile(robustness);
        await workbench.showProblems();
        await workbench.filterProblemsToFile(robustness);
        await workbench.waitForProblem("section/missing", 1);
        await workbench.waitForSquiggleOn(1);
      });

      await workbench.step("type the Mini Description at the top of the file", async () => {
        await workbench.focusEditor();
        await page.keyboard.press("Control+Home");
        await page.keyboard.type("### Mini Description");
        await page.keyboard.press("Enter");
        await page.keyboard.press("Enter");
        await page.keyboard.type(
          "Keeping AI systems reliable under novel inputs, attacks and distribution shifts.",
        );
        await page.keyboard.press("Enter");
        await page.keyboard.press("Enter");
        // The edit reached the document: its tab shows it as modified.
        await page.locator(".part.editor .tab.active.dirty").waitFor({ timeout: 10_000 });
      });

      await workbench.step("the diagnostic leaves the Problems panel", async () => {
        await workbench.waitForNoProblems(undefined, "Robustness.md");
        // And one problem less in all: the row is gone, not merely scrolled out of the list.
        await workbench.waitForProblemsTotal(seeded.errors + seeded.warnings - 1);
      });

      await workbench.step("the squiggle disappears", async () => {
        await workbench.squiggles().first().waitFor({ state: "detached", timeout: 10_000 });
        assert.deepEqual(await workbench.squiggleLines(), []);
      });

      await workbench.step(
        "save with Ctrl+S: the file on disk is fixed, the status bar counts one error less",
        async () => {
          await workbench.save("Robustness.md");
          const text = readFileSync(workbench.file(robustness), "utf8");
          assert.match(
            text,
            /^### Mini Description\n\nKeeping AI systems reliable under novel inputs, attacks and distribution shifts\.\n\n### Description\n\nRobustness in AI safety/,
          );
          await workbench.waitForStatusCounts({ errors: seeded.errors - 1, warnings: seeded.warnings });
          assert.deepEqual(await workbench.squiggleLines(), []);
        },
      );
    }));

  it("reports the parent's unlisted child when a child folder is created in the explorer", () =>
    withWorkbench("child-folder", async (workbench) => {
      const childName = "Adversarial_Training";
      await workbench.step("open Technical_Foundations.md: the node has no diagnostic", async () => {
        await workbench.openFile(technicalFoundations);
        await workbench.showProblems();
        // The neighbouring node's seeded diagnostic shows that the workspace has been checked.
        await workbench.waitForProblem("order/unknown-entry", 16);
        await workbench.filterProblemsToFile(technicalFoundations);
        await workbench.waitForNoProblems(5_000);
        assert.deepEqual(await workbench.squiggleLines(), []);
      });

      await workbench.step(
        `right-click Technical_Foundations, New Folder..., type ${childName}, Enter`,
        async () => {
          await workbench.newFolder("Technical_Foundations", childName);
          const created = workbench.file(`AI_Safety/Technical_Foundations/${childName}`);
          assert.ok(existsSync(created) && statSync(created).isDirectory(), `${created} was not created`);
        },
      );

      await workbench.step(
        "order/unlisted-child and node/file-name appear on the Order heading (line 13)",
        async () => {
          const unlisted = await workbench.waitForProblem("order/unlisted-child", 13);
          assert.equal(unlisted.severity, "Error");
          assert.match(unlisted.message ?? "", new RegExp(`\`${childName}\` is not listed in the Order`));
          const fileName = await workbench.waitForProblem("node/file-name", 13);
          assert.match(fileName.message ?? "", new RegExp(`\`${childName}\` has no \`${childName}\\.md\``));
          const markers = (await workbench.problemRows()).filter((row) => row.kind === "marker");
          assert.deepEqual(markers.map(describeMarker).sort(), [
            "Technical_Foundations.md: node/file-name line 13",
            "Technical_Foundations.md: order/unlisted-child line 13",
          ]);
        },
      );

      await workbench.step(
        "the squiggle is under `### Order`, the status bar counts two errors more",
        async () => {
          await workbench.goToLine(13);
          const squiggles = await workbench.waitForSquiggleOn(13);
          // Both diagnostics have the heading's range: one squiggle or two on top of each other.
          assert.ok(
            squiggles.every((squiggle) => squiggle.line === 13 && squiggle.text === "### Order"),
            JSON.stringify(squiggles),
          );
          await workbench.waitForStatusCounts({ errors: seeded.errors + 2, warnings: seeded.warnings });
        },
      );

      await workbench.step("all diagnostics, unfiltered", async () => {
        // Tall enough for the nine files and their ten diagnostics.
        await workbench.resizePanel(415);
        await workbench.clearProblemsFilter(seeded.errors + seeded.warnings + 2);
        await workbench.waitForProblem("order/unlisted-child", 13);
        await workbench.waitForProblem("order/unknown-entry", 16);
        await workbench.goToLine(13); // The editor is smaller now: bring the Order section back into view.
        await workbench.waitForSquiggleOn(13);
      });
      const file = await workbench.readmeScreenshot("screenshot-order");
      console.log(`      README screenshot: ${file}`);
    }));
});
