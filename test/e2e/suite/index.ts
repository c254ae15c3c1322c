/**
 * The extension-host test suite's entry point: VS Code loads this file (its `extensionTestsPath`) in the
 * extension host after the development extension, calls `run()`, and exits with 0 if it resolves and 1 if
 * it rejects. Both runners use it: test/e2e/runInCodeServer.ts (code-server, here) and
 * test/e2e/runWithTestElectron.ts (desktop VS Code via @vscode/test-electron).
 *
 * Mocha 11 (CommonJS; mocha 12 is ESM-only and cannot be loaded by the extension host). The reporter
 * writes through `Mocha.reporters.Base.consoleLog`, which is pointed at the extension host's console (the
 * runners show it) and, when KB_AUTHOR_E2E_REPORT names a file, appended to that file as well.
 */
import { appendFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { format } from "node:util";
import Mocha from "mocha";

export function run(): Promise<void> {
  const reportFile = process.env.KB_AUTHOR_E2E_REPORT;
  const log = console.log.bind(console);
  Mocha.reporters.Base.consoleLog = (...args: unknown[]): void => {
    log(...args);
    if (reportFile) appendFileSync(reportFile, format(...args) + "\n");
  };

  const mocha = new Mocha({ ui: "bdd", color: false, timeout: 60_000, reporter: "spec" });
  const grep = process.env.KB_AUTHOR_E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith(".e2e.js"))
    .sort();
  for (const name of files) mocha.addFile(path.join(__dirname, name));

  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      reject(new Error(`no *.e2e.js files in ${__dirname}: run npm run build`));
      return;
    }
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
