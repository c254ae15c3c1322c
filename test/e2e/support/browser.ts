/**
 * Debian's Chromium driven by playwright-core, for pages served by code-server. playwright-core is a
 * pinned devDependency that matches the Chromium of the Debian package; it downloads no browser (never run
 * `npx playwright install`: it fetches a browser from a CDN, which these machines cannot reach).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { installScript } from "./codeServer";

/** Debian's `chromium` package (installed by scripts/install-code-server.sh); KB_AUTHOR_CHROMIUM overrides it. */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string {
  return env.KB_AUTHOR_CHROMIUM || "/usr/bin/chromium";
}

/** Flags that keep Chromium headless-friendly and silent on the network (no sync, no updates, no QUIC). */
export const chromiumArgs: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export interface LaunchBrowserOptions {
  headless?: boolean;
  /**
   * Let playwright close the browser and exit on SIGINT/SIGTERM/SIGHUP (default true). A caller with its own
   * signal handling (e.g. one that must stop code-server first) passes false: playwright's handlers would
   * exit the process before that caller's cleanup has run.
   */
  handleSignals?: boolean;
}

export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<Browser> {
  const executablePath = chromiumExecutable();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install Debian's chromium package (bash ${installScript} does) ` +
        "or set KB_AUTHOR_CHROMIUM to a Chromium binary.",
    );
  }
  // Playwright gives each launch a temporary profile, but Chromium still creates its crash-report database
  // in $XDG_CONFIG_HOME/chromium: point that at a temporary folder too, removed when the browser closes.
  const configHome = mkdtempSync(path.join(tmpdir(), "kb-author-chromium-"));
  const browser = await chromium
    .launch({
      executablePath,
      args: [...chromiumArgs],
      headless: options.headless ?? true,
      env: { ...process.env, XDG_CONFIG_HOME: configHome, XDG_CACHE_HOME: path.join(configHome, "cache") },
      handleSIGINT: options.handleSignals ?? true,
      handleSIGTERM: options.handleSignals ?? true,
      handleSIGHUP: options.handleSignals ?? true,
    })
    .catch((error: unknown) => {
      rmSync(configHome, { recursive: true, force: true });
      throw error;
    });
  browser.on("disconnected", () => rmSync(configHome, { recursive: true, force: true, maxRetries: 3 }));
  return browser;
}

/** A `vscode-remote://` URI of an absolute path on the machine code-server runs on. */
export function remoteUri(authority: string, absolutePath: string): string {
  return `vscode-remote://${authority}${absolutePath.split("/").map(encodeURIComponent).join("/")}`;
}

/**
 * The workbench URL that opens `folder`. `payload` entries are the workbench's launch options, e.g.
 * `["extensionDevelopmentPath", remoteUri(...)]` (code-server rejects `--extensionDevelopmentPath` on
 * its command line; the payload is how a development extension is loaded).
 */
export function workbenchUrl(serverUrl: string, folder: string, payload: [string, string][] = []): string {
  let url = `${serverUrl}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/**
 * Opens a new page on the workbench. `beforeGoto` runs first: functions the workbench looks for at
 * startup (`codeAutomationExit`, `codeAutomationLog`) must be exposed before the page loads.
 */
export async function openWorkbench(
  browser: Browser,
  serverUrl: string,
  folder: string,
  options: {
    payload?: [string, string][];
    beforeGoto?: (page: Page) => Promise<void>;
    timeoutMs?: number;
  } = {},
): Promise<Page> {
  const page = await browser.newPage();
  await options.beforeGoto?.(page);
  await page.goto(workbenchUrl(serverUrl, folder, options.payload), { timeout: options.timeoutMs ?? 60_000 });
  return page;
}

/**
 * Closes the browser. Each page first navigates to about:blank: a workbench window that just disappears
 * leaves code-server keeping its extension host alive for hours, which slows later runs down.
 */
export async function closeBrowser(browser: Browser): Promise<void> {
  for (const context of browser.contexts()) {
    for (const page of context.pages()) {
      try {
        await page.goto("about:blank", { timeout: 10_000 });
      } catch {
        // A crashed or closing page: closing the browser below still ends it.
      }
    }
  }
  await browser.close();
}
