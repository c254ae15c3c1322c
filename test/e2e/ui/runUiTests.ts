/**
 * Runs the UI tests (test/e2e/ui/*.ui.ts): what a person sees of the extension in a real VS Code 1.100.3
 * (code-server) driven through Debian's Chromium with playwright-core.
 *
 *   npm run build && node out/test/e2e/ui/runUiTests.js        (npm run test:ui)
 *
 * One Chromium serves all tests; each test starts its own code-server (127.0.0.1 only) and opens a
 * workbench on a fresh copy of examples/ with the extension loaded from this repository (launch payload
 * `extensionDevelopmentPath`). Screenshots of every step go to test-results/ui/<test>/ (git-ignored); a
 * failing step's screenshot ends in `-FAILED.png`. Every browser context aborts requests that would leave
 * 127.0.0.1, and the last test fails if there was any. Mocha (programmatic), with the repository's summary
 * reporter: the output ends with `N passed, N failed`, and the exit code is 1 if anything failed.
 *
 * Needs `bash scripts/install-code-server.sh` once. Environment: KB_AUTHOR_UI_GREP (mocha grep),
 * KB_AUTHOR_E2E_VERBOSE=1 (code-server's output and the browser's console errors), KB_AUTHOR_E2E_KEEP=1
 * (keep the workspace copies), KB_AUTHOR_UPDATE_SCREENSHOTS=1 (write the README screenshots into images/).
 */
import { stopOnSignals, withTimeout } from "../support/lifecycle";
import { readdirSync } from "node:fs";
import * as path from "node:path";
import Mocha from "mocha";
import type { Browser } from "playwright-core";
import SummaryReporter from "../../support/summaryReporter";
import { closeBrowser, launchBrowser } from "../support/browser";
import { codeServerVersion, locateCodeServer } from "../support/codeServer";
import { checkBuilt } from "../support/workspace";
import { networkGuard, setUiEnvironment, stopRunningServers } from "./environment";
import { uiResultsDir } from "./workbench";

const verbose = process.env.KB_AUTHOR_E2E_VERBOSE === "1";
const uiLog = (message: string): void => console.log(`[ui] ${message}`);

function main(): Promise<number> {
  checkBuilt();
  locateCodeServer(); // Fails with the install command before anything is started.

  let browser: Browser | undefined;
  let cleaningUp: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaningUp ??= (async () => {
      setUiEnvironment(undefined);
      // closeBrowser() first navigates every page to about:blank, so code-server ends their extension hosts.
      if (browser) await withTimeout(() => closeBrowser(browser!), 20_000, "closing the browser", uiLog);
      await withTimeout(stopRunningServers, 15_000, "stopping code-server", uiLog);
    })());

  const interrupted = stopOnSignals(cleanup, uiLog);

  const mocha = new Mocha({
    ui: "bdd",
    reporter: SummaryReporter,
    // A test opens a workbench (about 5 s) and waits for diagnostics with its own, shorter deadlines.
    timeout: 180_000,
    // Every test takes seconds: with `slow` this low the reporter prints each test's duration.
    slow: 2_000,
    // One retry, in a fresh code-server: on a loaded 2-core machine the workbench was seen (about once in
    // ten runs) to ignore a menu click or apply a Problems filter late. A failure twice in a row still fails.
    retries: 1,
  });
  const grep = process.env.KB_AUTHOR_UI_GREP;
  // The network check always runs: it covers whatever tests ran before it.
  if (grep) mocha.grep(new RegExp(`(?:${grep})|^Network `));

  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith(".ui.js"))
    .sort();
  if (files.length === 0) throw new Error(`no *.ui.js files in ${__dirname}: run npm run build`);

  mocha.suite.beforeAll("start Chromium", async function () {
    this.timeout(60_000);
    const started = Date.now();
    // Our signal handlers close the browser; playwright's would exit before that.
    browser = await launchBrowser({ handleSignals: false });
    setUiEnvironment({ browser, verbose });
    console.log(
      `[ui] Chromium ${browser.version()} started in ${Date.now() - started} ms; each test starts its own ` +
        `code-server ${codeServerVersion}; screenshots in ${path.relative(process.cwd(), uiResultsDir) || uiResultsDir}`,
    );
  });
  mocha.suite.afterAll("close Chromium", async function () {
    this.timeout(60_000);
    await cleanup();
  });

  // What mocha's loadFiles() does, done here so that the network check can be added after the files' suites.
  for (const name of files) {
    const file = path.join(__dirname, name);
    mocha.suite.emit("pre-require", global, file, mocha);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mocha.suite.emit("require", require(file), file, mocha);
    mocha.suite.emit("post-require", global, file, mocha);
  }

  // After the test files' suites, so that it runs last.
  const network = Mocha.Suite.create(mocha.suite, "Network");
  network.addTest(
    new Mocha.Test("no request left 127.0.0.1", () => {
      const report = networkGuard.report();
      if (report) throw new Error(report);
    }),
  );

  return new Promise((resolve) => {
    mocha.run((failures) => {
      void cleanup().then(() => resolve(interrupted.stopping || failures > 0 ? 1 : 0));
    });
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`[ui] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    console.log("0 passed, 1 failed");
    process.exitCode = 1;
  },
);
