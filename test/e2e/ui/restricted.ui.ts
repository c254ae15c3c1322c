/**
 * Restricted Mode: in a workspace that is not trusted, kb-author ignores the workspace's kb-author.jsonc and
 * tells the user why; the seeded diagnostics stay those of the built-in rules. This code-server keeps
 * workspace trust on (the other tests start theirs with `--disable-workspace-trust`, i.e. trusted).
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { withWorkbench } from "./environment";
import { robustness, seeded } from "./examples";

/** Turns off the rule of one seeded mistake (Robustness.md has no Mini Description). */
function writeConfig(dir: string): void {
  writeFileSync(path.join(dir, "kb-author.jsonc"), '{ "severity": { "section/missing": "off" } }\n');
}

describe("Restricted Mode", function () {
  it("ignores the workspace's kb-author.jsonc and says so", () =>
    withWorkbench(
      "restricted-mode",
      async (workbench) => {
        await workbench.step("the notification says why the configuration is not applied", async () => {
          await workbench.page
            .locator(".notifications-toasts .notification-toast", {
              hasText: "this workspace is not trusted (Restricted Mode)",
            })
            .waitFor({ timeout: 30_000 });
        });
        await workbench.step("the built-in rules apply: section/missing is still reported", async () => {
          await workbench.openFile(robustness);
          await workbench.waitForStatusCounts(seeded);
        });
      },
      {
        workspaceTrust: true,
        // No trust prompt: the folder opens untrusted, in Restricted Mode, as a cloned repository would.
        settings: {
          "security.workspace.trust.enabled": true,
          "security.workspace.trust.startupPrompt": "never",
        },
        prepare: writeConfig,
      },
    ));

  // The control: without it, a configuration that changes nothing would pass the test above too.
  it("applies the same kb-author.jsonc in a trusted workspace", () =>
    withWorkbench(
      "trusted-config",
      async (workbench) => {
        await workbench.step("section/missing is off: one warning fewer", async () => {
          await workbench.openFile(robustness);
          await workbench.waitForStatusCounts({ errors: seeded.errors, warnings: seeded.warnings - 1 });
        });
      },
      { prepare: writeConfig },
    ));
});
