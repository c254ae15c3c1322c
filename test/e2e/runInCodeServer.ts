/**
 * Runs the extension-host suite (test/e2e/suite) inside code-server, a real VS Code 1.100.3 served to
 * Debian's Chromium:
 *
 *   npm run build && node out/test/e2e/runInCodeServer.js        (npm run test:ext-host)
 *
 * It copies examples/ to a temporary workspace, starts code-server on 127.0.0.1 and opens the workbench
 * with the launch payload `extensionDevelopmentPath` (this repository) and `extensionTestsPath` (the suite).
 * The workbench then loads the extension, runs the suite in the extension host and, when the extension
 * host exits, calls `window.codeAutomationExit(code, logs)` (the hook @vscode/test-web uses); this runner
 * exposes that function before the page loads and exits with the suite's code. The suite's mocha report
 * is printed as it is written. Exits with 1 when the suite does not finish within the deadline.
 *
 * Needs `bash scripts/install-code-server.sh` once (code-server in a cache outside the clone, Chromium).
 * Environment: KB_AUTHOR_E2E_DEADLINE_MS (default 300000), KB_AUTHOR_E2E_GREP (mocha grep),
 * KB_AUTHOR_E2E_VERBOSE=1 (also print code-server's and the browser console's output),
 * KB_AUTHOR_E2E_KEEP=1 (keep the temporary workspace). On failure the workbench's logs are written to
 * test-results/ext-host/logs/.
 */
import { stopOnSignals, withTimeout } from "./support/lifecycle";
import { closeSync, mkdirSync, openSync, readSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { Browser, Page } from "playwright-core";
import { closeBrowser, launchBrowser, openWorkbench, remoteUri } from "./support/browser";
import { type CodeServer, codeServerVersion, launchCodeServer, locateCodeServer } from "./support/codeServer";
import { checkBuilt, copyExamples, repoRoot, suiteEntry, type TempWorkspace } from "./support/workspace";

const prefix = "[ext-host]";
const verbose = process.env.KB_AUTHOR_E2E_VERBOSE === "1";
const deadlineMs = Number(process.env.KB_AUTHOR_E2E_DEADLINE_MS) || 5 * 60_000;
const logsDir = path.join(repoRoot, "test-results", "ext-host", "logs");

interface LogFile {
  relativePath: string;
  contents: string;
}

type Outcome =
  | { kind: "exit"; code: number; logs: LogFile[] }
  | { kind: "deadline" }
  | { kind: "server-exit"; code: number | null }
  | { kind: "page-crash" };

function info(message: string): void {
  console.log(`${prefix} ${message}`);
}

/** Prints what the suite appends to its report file, as it appears (polled; the file is small). */
function followFile(file: string): { flush(): void; stop(): void } {
  let offset = 0;
  const flush = (): void => {
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return; // Not written yet.
    }
    if (size <= offset) return;
    const buffer = Buffer.alloc(size - offset);
    const fd = openSync(file, "r");
    try {
      offset += readSync(fd, buffer, 0, buffer.length, offset);
    } finally {
      closeSync(fd);
    }
    process.stdout.write(buffer.toString("utf8"));
  };
  const timer = setInterval(flush, 250);
  return { flush, stop: () => clearInterval(timer) };
}

async function main(): Promise<number> {
  const started = Date.now();
  checkBuilt();
  locateCodeServer(); // Fails with the install command before anything is started.

  let workspace: TempWorkspace | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let follower: ReturnType<typeof followFile> | undefined;
  let deadlineTimer: NodeJS.Timeout | undefined;
  let cleaningUp: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaningUp ??= (async () => {
      clearTimeout(deadlineTimer);
      follower?.flush();
      follower?.stop();
      // closeBrowser() first navigates to about:blank, so code-server ends this window's extension host.
      const start = Date.now();
      if (browser) await withTimeout(() => closeBrowser(browser!), 20_000, "closing the browser", info);
      if (verbose) info(`browser closed in ${Date.now() - start} ms`);
      if (server) await withTimeout(() => server!.dispose(), 15_000, "stopping code-server", info);
      if (verbose) info(`code-server stopped after ${Date.now() - start} ms`);
      if (workspace && process.env.KB_AUTHOR_E2E_KEEP !== "1") workspace.dispose();
      else if (workspace) info(`kept the workspace ${workspace.dir}`);
    })());

  const interrupted = stopOnSignals(cleanup, info);

  try {
    workspace = copyExamples();
    const reportFile = path.join(path.dirname(workspace.dir), "ext-host-report.txt");
    info(`workspace: a copy of examples/ at ${workspace.dir}`);

    server = await launchCodeServer({
      env: { KB_AUTHOR_E2E_REPORT: reportFile },
      onOutput: verbose ? (line) => console.log(`[code-server] ${line}`) : undefined,
    });
    info(`code-server ${codeServerVersion} is up at ${server.url} (${Date.now() - started} ms)`);

    // Our signal handlers stop code-server and the browser; playwright's would exit before that.
    browser = await launchBrowser({ handleSignals: false });
    let settle: (outcome: Outcome) => void = () => undefined;
    const outcome = new Promise<Outcome>((resolve) => (settle = resolve));
    deadlineTimer = setTimeout(
      () => settle({ kind: "deadline" }),
      Math.max(0, deadlineMs - (Date.now() - started)),
    );
    void server.exited.then((code) => settle({ kind: "server-exit", code }));

    follower = followFile(reportFile);
    const payload: [string, string][] = [
      ["extensionDevelopmentPath", remoteUri(server.authority, repoRoot)],
      ["extensionTestsPath", remoteUri(server.authority, suiteEntry)],
    ];
    const page: Page = await openWorkbench(browser, server.url, workspace.dir, {
      payload,
      // The workbench looks these up when the extension host exits, and when it logs in automation mode;
      // they must exist before the page's scripts run.
      beforeGoto: async (newPage) => {
        await newPage.exposeFunction("codeAutomationExit", (code: number, logs?: LogFile[]) =>
          settle({ kind: "exit", code, logs: Array.isArray(logs) ? logs : [] }),
        );
        // The workbench calls codeAutomationLog(level, message) for its log lines in automation mode.
        await newPage.exposeFunction("codeAutomationLog", (level: string, message: unknown) => {
          if (verbose) console.log(`[workbench ${level}] ${String(message)}`);
        });
        newPage.on("crash", () => settle({ kind: "page-crash" }));
        // The workbench's own log already arrives through codeAutomationLog: add only the browser's problems.
        if (verbose) {
          newPage.on("console", (message) => {
            if (message.type() === "error" || message.type() === "warning") {
              console.log(`[browser ${message.type()}] ${message.text()}`);
            }
          });
          newPage.on("pageerror", (error) => console.log(`[browser pageerror] ${error.message}`));
        }
      },
    });
    info(`workbench opened; running the suite (deadline ${Math.round(deadlineMs / 1000)} s)`);

    const result = await outcome;
    follower.flush();
    if (interrupted.stopping) return 1; // Interrupted: onSignal reports it and sets the exit code.
    const elapsed = `${((Date.now() - started) / 1000).toFixed(1)} s`;
    switch (result.kind) {
      case "exit":
        if (result.code !== 0) saveLogs(result.logs);
        info(`the extension host exited with code ${result.code} after ${elapsed}`);
        return result.code === 0 ? 0 : result.code || 1;
      case "deadline":
        info(
          `FAILED: the suite did not finish within ${Math.round(deadlineMs / 1000)} s ` +
            "(the extension host never reported its exit: the extension or the suite may hang, or the " +
            `workbench did not load). Page URL: ${page.url()}. code-server's last output:\n${server.output()}`,
        );
        await saveScreenshot(page);
        return 1;
      case "server-exit":
        info(
          `FAILED: code-server exited (code ${result.code}) after ${elapsed}. Its output:\n${server.output()}`,
        );
        return 1;
      case "page-crash":
        info(`FAILED: the workbench page crashed after ${elapsed}`);
        return 1;
    }
  } finally {
    await cleanup();
  }
}

function saveLogs(logs: LogFile[]): void {
  if (logs.length === 0) return;
  rmSync(logsDir, { recursive: true, force: true });
  for (const log of logs) {
    const file = path.join(logsDir, path.normalize(log.relativePath).replace(/^(\.\.[/\\])+/, ""));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, log.contents);
  }
  info(`the workbench's logs are in ${path.relative(process.cwd(), logsDir) || logsDir}`);
}

async function saveScreenshot(page: Page): Promise<void> {
  const file = path.join(repoRoot, "test-results", "ext-host", "deadline.png");
  mkdirSync(path.dirname(file), { recursive: true });
  await withTimeout(() => page.screenshot({ path: file }), 10_000, "taking a screenshot", info);
  info(`screenshot of the workbench: ${path.relative(process.cwd(), file) || file}`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`${prefix} FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
