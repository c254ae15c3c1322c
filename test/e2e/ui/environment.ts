/**
 * What the UI runner (runUiTests.ts) starts once for all tests and shares with the test files: one Chromium
 * and the network guard that every browser context installs. Each test gets its own code-server.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { type CodeServer, launchCodeServer } from "../support/codeServer";
import { NetworkGuard, uiSettings, Workbench } from "./workbench";

interface UiEnvironment {
  browser: Browser;
  verbose: boolean;
}

let current: UiEnvironment | undefined;
/** The code-servers of running tests (a signal must stop them: they run in their own process groups). */
const runningServers = new Set<CodeServer>();

/** Every request that tried to leave 127.0.0.1 during the run (checked by the runner's last test). */
export const networkGuard = new NetworkGuard();

export function setUiEnvironment(environment: UiEnvironment | undefined): void {
  current = environment;
}

/** Stops the code-servers of the tests still running (on Ctrl-C). */
export async function stopRunningServers(): Promise<void> {
  await Promise.all([...runningServers].map((server) => server.dispose()));
}

/**
 * Starts a code-server (about a second), opens a fresh workbench on it (a new browser context on a new
 * copy of examples/, with the extension loaded from this repository), runs `test` on it and always closes
 * both. `name` is the screenshot folder (test-results/ui/<name>); `options.prepare` changes the workspace copy
 * before the workbench opens on it; `options.beforeOpen` sees the browser context before its page exists.
 *
 * One code-server per test, not one for the run: code-server keeps the extension host of a closed window
 * running (it waits hours for the window to reconnect), and all windows of one server share its user-data
 * dir. Seen here: the third workbench opened on a shared server stopped loading the development extension
 * or the explorer.
 */
export async function withWorkbench(
  name: string,
  test: (workbench: Workbench) => Promise<void>,
  options: {
    prepare?: (workspaceDir: string) => void;
    beforeOpen?: (context: BrowserContext) => Promise<void>;
    settings?: Record<string, unknown>;
    workspaceTrust?: boolean;
  } = {},
): Promise<void> {
  if (!current) throw new Error("the UI environment is not started (run the tests with runUiTests.js)");
  const { browser, verbose } = current;
  const server: CodeServer = await launchCodeServer({
    settings: { ...uiSettings, ...options.settings },
    workspaceTrust: options.workspaceTrust,
    onOutput: verbose ? (line) => console.log(`[code-server] ${line}`) : undefined,
  });
  runningServers.add(server);
  try {
    const workbench = await Workbench.open({
      server,
      browser,
      guard: networkGuard,
      name,
      verbose,
      prepare: options.prepare,
      beforeOpen: options.beforeOpen,
    });
    try {
      await test(workbench);
    } finally {
      await workbench.close();
    }
  } finally {
    runningServers.delete(server);
    await server.dispose();
  }
}
