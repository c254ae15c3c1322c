/**
 * Runs the extension-host suite (test/e2e/suite) in desktop VS Code through @vscode/test-electron, for
 * machines that can download VS Code from Microsoft's servers (these development machines cannot: there,
 * test/e2e/runInCodeServer.ts runs the same suite in code-server).
 *
 *   npm run build && node out/test/e2e/runWithTestElectron.js
 *
 * It downloads VS Code KB_AUTHOR_VSCODE_VERSION (default 1.100.3, the version code-server 4.100.3 ships,
 * matching `engines.vscode`; "stable" or "insiders" work too) into .vscode-test/, opens a temporary copy of
 * examples/ with the other extensions disabled, and exits with the suite's code. On Linux without a
 * display, run it under `xvfb-run -a`.
 */
import { runTests } from "@vscode/test-electron";
import { checkBuilt, copyExamples, repoRoot, suiteEntry } from "./support/workspace";

async function main(): Promise<number> {
  checkBuilt();
  const workspace = copyExamples();
  try {
    return await runTests({
      version: process.env.KB_AUTHOR_VSCODE_VERSION || "1.100.3",
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suiteEntry,
      // The extension host's output (the suite's mocha report) is printed on stdout.
      launchArgs: [workspace.dir, "--disable-extensions", "--disable-workspace-trust"],
    });
  } finally {
    workspace.dispose();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`[ext-host] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
