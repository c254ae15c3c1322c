/**
 * What a person sees of the seeded mistakes of examples/ (see examples/README.md) in a real VS Code: the
 * Problems panel's rows, the squiggles in the editor and the status-bar counts. Each test opens its own
 * workbench on a fresh copy of examples/ with the extension loaded from this repository.
 *
 * Line numbers here are 1-based, as the Problems panel and the gutter show them.
 */
import * as assert from "node:assert/strict";
import { withWorkbench } from "./environment";
import { describeMarker, interpretability, robustness, seeded } from "./examples";
import { diagnosticTimeoutMs } from "./workbench";

describe("Problems panel, squiggles and status bar", function () {
  it("lists a broken node's diagnostics with their codes and lines in the Problems panel", () =>
    withWorkbench("problems-panel", async (workbench) => {
      await workbench.step("open Robustness.md", () => workbench.openFile(robustness));
      await workbench.step("open the Problems panel with Ctrl+Shift+M", () => workbench.showProblems());

      await workbench.step("Robustness.md has section/missing on line 1", async () => {
        await workbench.filterProblemsToFile(robustness);
        const row = await workbench.waitForProblem("section/missing", 1);
        // A warning: the node lacks a section that most of the map's nodes have.
        assert.equal(row.severity, "Warning");
        assert.equal(row.line, 1);
        assert.equal(row.column, 1);
        assert.equal(row.source, "kb-author");
        assert.match(row.message ?? "", /Missing section `### Mini Description`/);
        const rows = await workbench.problemRows();
        assert.deepEqual(
          rows.filter((candidate) => candidate.kind === "marker").map(describeMarker),
          ["Robustness.md: section/missing line 1"],
          "the only diagnostic of Robustness.md",
        );
        assert.match(rows[0]?.ariaLabel ?? "", /^1 problems? in file Robustness\.md of folder .*Robustness$/);
      });

      await workbench.step("Interpretability.md has order/unknown-entry on line 16", async () => {
        await workbench.filterProblemsToFile(interpretability);
        const row = await workbench.waitForProblem("order/unknown-entry", 16);
        assert.equal(row.severity, "Error");
        assert.equal(row.column, 4);
        assert.equal(row.source, "kb-author");
        assert.match(
          row.message ?? "",
          /`Feature_Attributions`.*`Feature_Attribution` vanishes.*Did you mean `Feature_Attribution`/,
        );
        const markers = (await workbench.problemRows()).filter((candidate) => candidate.kind === "marker");
        assert.deepEqual(markers.map(describeMarker), ["Interpretability.md: order/unknown-entry line 16"]);
      });

      await workbench.step("all seeded diagnostics, unfiltered", async () => {
        // Tall enough for the eight files and their eight diagnostics (the README screenshot shows them all).
        await workbench.resizePanel(455);
        await workbench.clearProblemsFilter(seeded.errors + seeded.warnings);
        await workbench.waitForProblem("section/missing", 1);
        await workbench.waitForProblem("order/unknown-entry", 16);
        assert.equal(
          await workbench.problemsTotal(),
          seeded.errors + seeded.warnings,
          "the Problems tab's total",
        );
        await workbench.focusEditor();
        await workbench.waitForSquiggleOn(1, "warning");
      });
      const file = await workbench.readmeScreenshot("screenshot-problems");
      console.log(`      README screenshot: ${file}`);
    }));

  it("draws the squiggle on the diagnostic's line", () =>
    withWorkbench("squiggle", async (workbench) => {
      await workbench.step("open Robustness.md", () => workbench.openFile(robustness));
      await workbench.step("the warning squiggle is on line 1, the `### Description` heading", async () => {
        const squiggles = await workbench.waitForSquiggleOn(1, "warning");
        assert.deepEqual(squiggles, [{ line: 1, text: "### Description" }]);
      });
      await workbench.step("open Interpretability.md", () => workbench.openFile(interpretability));
      await workbench.step("the error squiggle is on line 16, the misspelt Order entry", async () => {
        const squiggles = await workbench.waitForSquiggleOn(16);
        assert.deepEqual(squiggles, [{ line: 16, text: "2. Feature_Attributions" }]);
      });
    }));

  it("shows the error and warning counts in the status bar after indexing; a click opens the Problems panel", () =>
    withWorkbench("status-bar", async (workbench) => {
      await workbench.step("the status-bar item shows 6 errors and 2 warnings", async () => {
        const status = await workbench.waitForStatusCounts(seeded, diagnosticTimeoutMs);
        assert.deepEqual(status.icons, ["codicon-error", "codicon-warning"], status.ariaLabel);
        assert.equal(status.text, `${seeded.errors} ${seeded.warnings}`);
        assert.match(status.ariaLabel, /kb-author: \d+ files checked, 6 errors, 2 warnings\./);
      });
      await workbench.step("a click on it opens the Problems panel with the same total", async () => {
        assert.equal(
          await workbench.page.locator(".markers-panel").isVisible(),
          false,
          "Problems panel shown",
        );
        await workbench.statusItem().click();
        await workbench.page.locator(".markers-panel").waitFor({ state: "visible", timeout: 10_000 });
        // An error row (errors are listed first, so it is in view in the small panel).
        await workbench.waitForProblem("order/unknown-entry", 16);
        assert.equal(
          await workbench.problemsTotal(),
          seeded.errors + seeded.warnings,
          "the Problems tab's total",
        );
      });
    }));
});
