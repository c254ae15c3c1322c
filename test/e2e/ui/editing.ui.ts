/**
 * Editing the knowledge base in a real VS Code, through the keyboard and the explorer as a person does:
 * typing the missing section makes the diagnostic and its squiggle go away; creating a child node makes
 * the parent's Order diagnostic appear. Each test opens its own workbench on a fresh copy of examples/.
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
        // A warning: most of the map's nodes have a Mini Description, so this one is expected to.
        await workbench.waitForSquiggleOn(1, "warning");
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
        await workbench.squiggles("warning").first().waitFor({ state: "detached", timeout: 10_000 });
        assert.deepEqual(await workbench.squiggleLines("warning"), []);
      });

      await workbench.step(
        "save with Ctrl+S: the file on disk is fixed, the status bar counts one warning less",
        async () => {
          await workbench.save("Robustness.md");
          const text = readFileSync(workbench.file(robustness), "utf8");
          assert.match(
            text,
            /^### Mini Description\n\nKeeping AI systems reliable under novel inputs, attacks and distribution shifts\.\n\n### Description\n\nRobustness in AI safety/,
          );
          await workbench.waitForStatusCounts({ errors: seeded.errors, warnings: seeded.warnings - 1 });
          assert.deepEqual(await workbench.squiggleLines("warning"), []);
        },
      );
    }));

  it("reports the parent's unlisted child when a child node is created in the explorer", () =>
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

      const childFile = `${childName}/${childName}.md`;
      await workbench.step(
        `right-click Technical_Foundations, New File..., type ${childFile}, Enter`,
        async () => {
          // The explorer creates the folder and its (empty) file; the new file opens in the editor.
          await workbench.newEntry("File", "Technical_Foundations", childFile, `${childName}.md`);
          const created = workbench.file(`AI_Safety/Technical_Foundations/${childFile}`);
          assert.ok(existsSync(created) && statSync(created).isFile(), `${created} was not created`);
          await workbench.openFile(technicalFoundations);
        },
      );

      await workbench.step(
        "order/unlisted-child (a warning) appears on the Order heading (line 13)",
        async () => {
          await workbench.filterProblemsToFile(technicalFoundations);
          const unlisted = await workbench.waitForProblem("order/unlisted-child", 13);
          assert.equal(unlisted.severity, "Warning");
          assert.match(unlisted.message ?? "", new RegExp(`\`${childName}\` is not listed in the Order`));
          const markers = (await workbench.problemRows()).filter((row) => row.kind === "marker");
          assert.deepEqual(markers.map(describeMarker).sort(), [
            "Technical_Foundations.md: order/unlisted-child line 13",
          ]);
        },
      );

      await workbench.step(
        "the squiggle is under `### Order`; the status bar counts two warnings more (the new node lacks its Mini Description too)",
        async () => {
          await workbench.goToLine(13);
          const squiggles = await workbench.waitForSquiggleOn(13, "warning");
          assert.ok(
            squiggles.every((squiggle) => squiggle.line === 13 && squiggle.text === "### Order"),
            JSON.stringify(squiggles),
          );
          await workbench.waitForStatusCounts({ errors: seeded.errors, warnings: seeded.warnings + 2 });
        },
      );

      await workbench.step("all diagnostics, unfiltered", async () => {
        // Tall enough for the files and their diagnostics.
        await workbench.resizePanel(415);
        await workbench.clearProblemsFilter(seeded.errors + seeded.warnings + 2);
        await workbench.waitForProblem("order/unlisted-child", 13);
        await workbench.waitForProblem("order/unknown-entry", 16);
        await workbench.goToLine(13); // The editor is smaller now: bring the Order section back into view.
        await workbench.waitForSquiggleOn(13, "warning");
      });
      const file = await workbench.readmeScreenshot("screenshot-order");
      console.log(`      README screenshot: ${file}`);
    }));
});
