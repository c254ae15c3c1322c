/**
 * The code-server workbench as a person sees it, driven through Debian's Chromium: what the UI tests
 * (test/e2e/ui) and the .vsix check (test/e2e/vsix) click, type and read.
 *
 * Each `Workbench` is a fresh browser context on a fresh copy of examples/, with a 1400x900 viewport and a
 * network guard that aborts (and records) every request whose host is not 127.0.0.1/localhost. Every
 * action of a test runs as a `step`: a screenshot is written after it to
 * test-results/ui/<test>/<NN>-<step>.png, and a failing step writes `<NN>-<step>-FAILED.png` before its
 * error is rethrown.
 *
 * Waits are on selectors and page state with explicit timeouts; none is a fixed sleep.
 */
import { mkdirSync, rmSync } from "node:fs";
import * as path from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { remoteUri, workbenchUrl } from "../support/browser";
import type { CodeServer } from "../support/codeServer";
import { copyExamples, repoRoot, type TempWorkspace } from "../support/workspace";

/** Where the UI tests write their screenshots (git-ignored). */
export const uiResultsDir = path.join(repoRoot, "test-results", "ui");

/** The README screenshots' size; every workbench uses it so that all screenshots look alike. */
export const viewport = { width: 1400, height: 900 } as const;

/** KB_AUTHOR_UPDATE_SCREENSHOTS=1: write the README screenshots into images/ (otherwise into test-results/ui/). */
export const updateReadmeScreenshots = process.env.KB_AUTHOR_UPDATE_SCREENSHOTS === "1";

/**
 * User settings for the UI tests, on top of code-server's test defaults (no auto-save, no start page).
 * Enter must always insert a line break: a suggestion widget that happens to be open while the fix is typed
 * would otherwise take the Enter. Sticky scroll is off so that the editor's first line in a screenshot is a
 * line of the file, not a heading pinned over it.
 */
export const uiSettings: Readonly<Record<string, unknown>> = {
  "editor.acceptSuggestionOnEnter": "off",
  "editor.stickyScroll.enabled": false,
};

/** VS Code gives an extension's status-bar item the DOM id `<extension id>.<item id>`. */
export const statusItemSelector = '[id="kb-author.kb-author.kbAuthor.status"]';

/** How long the extension may take to publish a diagnostic once the workbench is up (cold start on CI). */
export const diagnosticTimeoutMs = 30_000;
/** How long the workbench may take to load. */
const workbenchTimeoutMs = 60_000;
/** How long a UI reaction (a widget opening, a row appearing) may take. */
const uiTimeoutMs = 10_000;

/** True for the URLs a page may load: 127.0.0.1 or localhost, and browser-internal schemes. */
export function isLocalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (["about:", "data:", "blob:"].includes(parsed.protocol)) return true;
  return ["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname);
}

/** Aborts and records every request of a browser context that would leave this machine. */
export class NetworkGuard {
  readonly blocked: string[] = [];

  async install(context: BrowserContext): Promise<void> {
    // The route calls reject once the context is closing: nothing is left to route then.
    await context.route("**/*", async (route) => {
      const request = route.request();
      if (isLocalUrl(request.url())) {
        await route.continue().catch(() => undefined);
        return;
      }
      this.blocked.push(`${request.method()} ${request.url()}`);
      await route.abort("blockedbyclient").catch(() => undefined);
    });
    // WebSockets are not seen by route(). They are only recorded, not blocked: routeWebSocket() would wrap
    // every WebSocket of the page, code-server's own included, and with it in place the workbench was seen to
    // receive corrupt messages (a JSON.parse error in its extension-host protocol; the extension never
    // activated).
    context.on("page", (page) => this.watch(page));
    for (const page of context.pages()) this.watch(page);
  }

  private watch(page: Page): void {
    page.on("websocket", (socket) => {
      if (!isLocalUrl(socket.url())) this.blocked.push(`WebSocket ${socket.url()} (opened, not blocked)`);
    });
  }

  /** A failure message for the blocked requests, or undefined if there were none. */
  report(): string | undefined {
    if (this.blocked.length === 0) return undefined;
    return `${this.blocked.length} request(s) tried to leave 127.0.0.1 and were blocked:\n  ${this.blocked.join("\n  ")}`;
  }
}

/** `Interpretability.md line 16` -> `interpretability-md-line-16` (file names of screenshots). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function relativeToCwd(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

/** One row of the Problems panel, as read from the DOM. */
export interface ProblemRow {
  /** The list's row index (`data-index`): the rows' order in the panel. */
  index: number;
  kind: "file" | "marker";
  /** The row's aria-label: what a screen reader says. */
  ariaLabel: string;
  /** File rows: the file's name. Marker rows: the name of the file row above (if it is rendered). */
  file?: string;
  /** Marker rows, from the aria-label `Error: <message> at line 16 and character 4. generated by kb-author`. */
  severity?: string;
  message?: string;
  line?: number;
  column?: number;
  source?: string;
  /** Marker rows: the code shown after the source, e.g. `section/missing`. */
  code?: string;
}

export interface WorkbenchOptions {
  server: CodeServer;
  browser: Browser;
  guard: NetworkGuard;
  /** The folder under `resultsDir` for this workbench's screenshots (emptied first). */
  name: string;
  /** Where the screenshot folders go (default test-results/ui). */
  resultsDir?: string;
  /**
   * Load the extension from this repository with the launch payload `extensionDevelopmentPath` (default
   * true); false for a workbench that must find the extension among the installed ones.
   */
  development?: boolean;
  /** Print the browser's console errors (for debugging). */
  verbose?: boolean;
  /** Changes the workspace copy (its absolute path) before the workbench opens on it. */
  prepare?: (workspaceDir: string) => void;
  /**
   * Called with the new browser context before its page is created: for init scripts and request or dialog
   * listeners that must see the workbench from its first request on.
   */
  beforeOpen?: (context: BrowserContext) => Promise<void>;
}

export class Workbench {
  private stepCount = 0;

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    readonly workspace: TempWorkspace,
    /** This workbench's screenshot folder. */
    readonly resultsDir: string,
  ) {}

  /** Copies examples/, opens it in a new browser context and waits for the workbench and its explorer. */
  static async open(options: WorkbenchOptions): Promise<Workbench> {
    const resultsDir = path.join(options.resultsDir ?? uiResultsDir, slug(options.name));
    rmSync(resultsDir, { recursive: true, force: true });
    mkdirSync(resultsDir, { recursive: true });
    const workspace = copyExamples();
    let context: BrowserContext | undefined;
    try {
      options.prepare?.(workspace.dir);
      context = await options.browser.newContext({ viewport });
      await options.guard.install(context);
      await options.beforeOpen?.(context);
      const page = await context.newPage();
      if (options.verbose) {
        page.on("console", (message) => {
          if (message.type() === "error") console.log(`[browser error] ${message.text()}`);
        });
        page.on("pageerror", (error) => console.log(`[browser pageerror] ${error.message}`));
      }
      const workbench = new Workbench(page, context, workspace, resultsDir);
      const payload: [string, string][] =
        options.development === false
          ? []
          : [["extensionDevelopmentPath", remoteUri(options.server.authority, repoRoot)]];
      try {
        await workbench.step("open the workbench", async () => {
          await page.goto(workbenchUrl(options.server.url, workspace.dir, payload), {
            timeout: workbenchTimeoutMs,
          });
          await page.locator(".monaco-workbench").waitFor({ timeout: workbenchTimeoutMs });
          await page
            .locator(".explorer-folders-view .monaco-list-row")
            .first()
            .waitFor({ timeout: workbenchTimeoutMs });
        });
      } catch (error) {
        await workbench.close();
        throw error;
      }
      return workbench;
    } catch (error) {
      if (context) await context.close().catch(() => undefined);
      workspace.dispose();
      throw error;
    }
  }

  /**
   * Runs one step of a test and screenshots the page after it. A failing step is screenshotted too (its
   * file name ends in `-FAILED`), and its error names the step and the screenshot.
   */
  async step<T>(name: string, action: () => Promise<T>): Promise<T> {
    const file = path.join(this.resultsDir, `${String(++this.stepCount).padStart(2, "0")}-${slug(name)}.png`);
    let result: T;
    try {
      result = await action();
    } catch (error) {
      const failedFile = file.replace(/\.png$/, "-FAILED.png");
      const saved = await this.screenshot(failedFile);
      if (error instanceof Error) {
        error.message = `step "${name}" failed${saved ? ` (screenshot: ${relativeToCwd(failedFile)})` : ""}: ${error.message}`;
      }
      throw error;
    }
    await this.screenshot(file);
    return result;
  }

  /** Writes a screenshot of the viewport; reports (does not throw) when the page cannot be captured. */
  async screenshot(file: string): Promise<boolean> {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      await this.page.screenshot({ path: file, timeout: uiTimeoutMs });
      return true;
    } catch (error) {
      console.log(`  (could not write the screenshot ${relativeToCwd(file)}: ${(error as Error).message})`);
      return false;
    }
  }

  /**
   * Writes one of the README's screenshots: into images/ with KB_AUTHOR_UPDATE_SCREENSHOTS=1, otherwise
   * into this workbench's results folder. The mouse is parked on the empty middle of the activity bar first,
   * so that no hover, tooltip or highlighted sash shows in the picture, unless `parkMouse` is false (a
   * screenshot of a hover card: moving the mouse away would close it). Returns the file written.
   */
  async readmeScreenshot(name: string, options: { parkMouse?: boolean } = {}): Promise<string> {
    const file = updateReadmeScreenshots
      ? path.join(repoRoot, "images", `${name}.png`)
      : path.join(this.resultsDir, `${name}.png`);
    if (options.parkMouse !== false) await this.parkMouse();
    await this.page.screenshot({ path: file, timeout: uiTimeoutMs });
    return file;
  }

  /** Moves the mouse to the empty middle of the activity bar, where hovering shows nothing. */
  async parkMouse(): Promise<void> {
    const activityBar = await this.page.locator(".part.activitybar").boundingBox();
    if (activityBar) {
      await this.page.mouse.move(
        activityBar.x + activityBar.width / 2,
        activityBar.y + activityBar.height / 2,
      );
    }
  }

  /** Leaves the workbench (about:blank first, so that code-server ends its extension host) and removes the copy. */
  async close(): Promise<void> {
    try {
      await this.page.goto("about:blank", { timeout: uiTimeoutMs });
    } catch {
      // A crashed page: closing the context below still ends it.
    }
    await this.context.close().catch(() => undefined);
    if (process.env.KB_AUTHOR_E2E_KEEP === "1") console.log(`  kept the workspace ${this.workspace.dir}`);
    else this.workspace.dispose();
  }

  /** The absolute path of a file of the workspace copy, from its path relative to examples/. */
  file(relativePath: string): string {
    return path.join(this.workspace.dir, ...relativePath.split("/"));
  }

  // ---------------------------------------------------------------------------------------------------
  // Editors

  /**
   * Opens a file with Quick Open (Ctrl+P) and waits until its editor is the active one. Quick Open's file
   * search runs in the remote extension host; a query typed before that search is ready gets no results and
   * is not run again, so an unanswered query is typed again (within `timeoutMs`).
   */
  async openFile(relativePath: string, timeoutMs = diagnosticTimeoutMs): Promise<void> {
    const page = this.page;
    const base = path.posix.basename(relativePath);
    const dir = path.posix.dirname(relativePath);
    const input = page.locator(".quick-input-widget input.input");
    // The focused result is what Enter opens: wait until it is this file.
    const result = page.locator(
      `.quick-input-widget .monaco-list-row.focused[aria-label^="${base} ${dir === "." ? "" : dir}"]`,
    );
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press("Control+P");
      await input.waitFor({ state: "visible", timeout: uiTimeoutMs });
      await input.fill(relativePath);
      const found = await result
        .waitFor({ timeout: Math.min(5_000, Math.max(0, deadline - Date.now())) })
        .then(
          () => true,
          () => false,
        );
      if (found) break;
      await page.keyboard.press("Escape");
      await input.waitFor({ state: "hidden", timeout: uiTimeoutMs });
      if (Date.now() >= deadline) {
        throw new Error(`Quick Open found no ${relativePath} within ${timeoutMs} ms (${attempt} attempts)`);
      }
    }
    await page.keyboard.press("Enter");
    await this.activeTab(base).waitFor({ timeout: uiTimeoutMs });
    await this.activeEditor().locator(".view-lines .view-line").first().waitFor({ timeout: uiTimeoutMs });
  }

  /** Runs a command from the Command Palette by its full title (unique among the commands). */
  async runCommand(title: string): Promise<void> {
    const page = this.page;
    await page.keyboard.press("F1");
    const input = page.locator(".quick-input-widget input.input");
    await input.waitFor({ state: "visible", timeout: uiTimeoutMs });
    await input.fill(`>${title}`);
    await page
      .locator(".quick-input-widget .monaco-list-row.focused", { hasText: title })
      .waitFor({ timeout: uiTimeoutMs });
    await page.keyboard.press("Enter");
    await input.waitFor({ state: "hidden", timeout: uiTimeoutMs });
  }

  /** The active editor tab, if it shows `fileName`. */
  activeTab(fileName: string): Locator {
    return this.page.locator(`.part.editor .tab.active[aria-label^="${fileName}"]`);
  }

  /** The text editor of the active editor group. */
  activeEditor(): Locator {
    return this.page.locator(".part.editor .editor-group-container.active .monaco-editor").first();
  }

  /** The squiggles of one severity in the active editor. */
  squiggles(severity: "error" | "warning" = "error"): Locator {
    return this.activeEditor().locator(`.squiggly-${severity}`);
  }

  /**
   * The line under each squiggle of the active editor: which line-number gutter entry the squiggle's
   * vertical middle falls on (the last numbered line above it, for a wrapped line), with that line's text.
   * 1-based, sorted by line.
   */
  async squiggleLines(severity: "error" | "warning" = "error"): Promise<SquiggleLine[]> {
    return (await this.page.evaluate(squiggleProbe, { severity })) ?? [];
  }

  /** Waits until a squiggle of the active editor lies on `line` (1-based); returns all its squiggles. */
  async waitForSquiggleOn(
    line: number,
    severity: "error" | "warning" = "error",
    timeoutMs = diagnosticTimeoutMs,
  ): Promise<SquiggleLine[]> {
    try {
      await this.page.waitForFunction(squiggleProbe, { severity, line }, { timeout: timeoutMs });
    } catch (error) {
      const found = await this.squiggleLines(severity).catch(() => []);
      throw new Error(
        `no ${severity} squiggle on line ${line} within ${timeoutMs} ms; squiggles: ${JSON.stringify(found)}`,
        { cause: error },
      );
    }
    return this.squiggleLines(severity);
  }

  /** Moves the focus to the first editor group (Ctrl+1), without touching the mouse. */
  async focusEditor(): Promise<void> {
    await this.page.keyboard.press("Control+1");
    await this.page.locator(".part.editor .monaco-editor.focused").first().waitFor({ timeout: uiTimeoutMs });
  }

  /**
   * Moves the cursor of the active editor to a (1-based) line with Go to Line (Ctrl+G), which also scrolls
   * the line into view; waits until the status bar shows the new position.
   */
  async goToLine(line: number): Promise<void> {
    const page = this.page;
    await this.focusEditor();
    await page.keyboard.press("Control+G");
    const input = page.locator(".quick-input-widget input.input");
    await input.waitFor({ state: "visible", timeout: uiTimeoutMs });
    await input.fill(`:${line}`); // Go to Line is Quick Open with the `:` prefix; fill() replaces the prefix too.
    await page.keyboard.press("Enter");
    await page
      .locator('[id="status.editor.selection"]', { hasText: new RegExp(`^Ln ${line}, Col \\d+$`) })
      .waitFor({ timeout: uiTimeoutMs });
  }

  /** The rendered lines of the active editor that contain `text` (spaces are rendered as no-break spaces). */
  editorLine(text: string): Locator {
    return this.activeEditor().locator(".view-lines .view-line", { hasText: text });
  }

  /** Opens the suggest widget at the cursor with Ctrl+Space and waits for its rows; returns them. */
  async triggerSuggest(): Promise<Locator> {
    await this.focusEditor();
    await this.page.keyboard.press("Control+Space");
    const rows = this.page.locator(".editor-widget.suggest-widget.visible .monaco-list-row");
    await rows.first().waitFor({ timeout: uiTimeoutMs });
    return rows;
  }

  /**
   * Points the mouse at `target` (a span of a `.view-line`) and waits for the editor's hover card that
   * contains `text`; returns the card. The mouse stays on the target, which keeps the card open.
   */
  async hoverCard(target: Locator, text: string): Promise<Locator> {
    await target.hover();
    const card = this.page.locator(".monaco-hover:not(.hidden)", { hasText: text }).first();
    await card.waitFor({ timeout: uiTimeoutMs });
    return card;
  }

  /** Saves the active editor (Ctrl+S) and waits until its tab is no longer dirty. */
  async save(fileName: string): Promise<void> {
    await this.page.keyboard.press("Control+S");
    await this.page
      .locator(`.part.editor .tab.dirty[aria-label^="${fileName}"]`)
      .waitFor({ state: "detached", timeout: uiTimeoutMs });
  }

  // ---------------------------------------------------------------------------------------------------
  // Problems panel

  /** Opens the Problems panel with Ctrl+Shift+M (only if it is not shown: the key toggles it). */
  async showProblems(): Promise<void> {
    const panel = this.page.locator(".markers-panel");
    if (!(await panel.isVisible())) await this.page.keyboard.press("Control+Shift+M");
    await panel.waitFor({ state: "visible", timeout: uiTimeoutMs });
  }

  /** Types into the Problems panel's filter box (the panel applies it a moment later). */
  async filterProblems(text: string): Promise<void> {
    const input = this.page.locator(".part.panel .viewpane-filter input:visible").first();
    await input.waitFor({ timeout: uiTimeoutMs });
    await input.fill(text);
  }

  /**
   * Filters the Problems panel down to one file (a glob of its path) and waits until the panel has applied
   * the filter: no row of another file is left. On a loaded machine the panel was once seen not to apply a
   * filter typed while it was refreshing; an unapplied filter is typed again (within `timeoutMs`).
   */
  async filterProblemsToFile(relativePath: string, timeoutMs = diagnosticTimeoutMs): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) await this.filterProblems("");
      await this.filterProblems(`**/${relativePath}`);
      const applied = await this.page
        .waitForFunction(
          (fileName) =>
            [...document.querySelectorAll(".markers-panel .monaco-list-row .label-name")].every(
              (label) => label.textContent === fileName,
            ),
          path.posix.basename(relativePath),
          { timeout: Math.min(5_000, Math.max(1, deadline - Date.now())) },
        )
        .then(
          () => true,
          () => false,
        );
      if (applied) return;
      if (Date.now() >= deadline) {
        throw new Error(
          `the Problems panel did not apply the filter for ${relativePath} within ${timeoutMs} ms ` +
            `(${attempt} attempts); it shows:\n${await this.describeProblems()}`,
        );
      }
    }
  }

  /** Clears the Problems panel's filter and waits until it shows `markers` diagnostics (rendered rows). */
  async clearProblemsFilter(markers: number): Promise<void> {
    await this.filterProblems("");
    try {
      await this.page.waitForFunction(
        (count) =>
          [...document.querySelectorAll(".markers-panel .monaco-list-row .marker-icon")].length === count,
        markers,
        { timeout: uiTimeoutMs },
      );
    } catch (error) {
      throw new Error(
        `the unfiltered Problems panel does not show ${markers} diagnostics:\n${await this.describeProblems()}`,
        { cause: error },
      );
    }
  }

  /** The Problems panel's rows, in panel order (only the rendered ones: the list is virtual). */
  async problemRows(): Promise<ProblemRow[]> {
    const raw = await this.page.$$eval(".markers-panel .monaco-list-row", (rows) =>
      rows.map((row) => ({
        index: Number(row.getAttribute("data-index")),
        ariaLabel: row.getAttribute("aria-label") ?? "",
        isMarker: row.querySelector(".marker-icon") !== null,
        fileName: row.querySelector(".label-name")?.textContent ?? undefined,
        code: row.querySelector(".marker-code")?.textContent ?? undefined,
      })),
    );
    raw.sort((a, b) => a.index - b.index);
    const result: ProblemRow[] = [];
    let file: string | undefined;
    for (const row of raw) {
      if (!row.isMarker) {
        file = row.fileName;
        result.push({ index: row.index, kind: "file", ariaLabel: row.ariaLabel, file });
        continue;
      }
      const match = /^(\w+): ([\s\S]*) at line (\d+) and character (\d+)\. generated by (.*)$/.exec(
        row.ariaLabel,
      );
      result.push({
        index: row.index,
        kind: "marker",
        ariaLabel: row.ariaLabel,
        file,
        severity: match?.[1],
        message: match?.[2],
        line: match ? Number(match[3]) : undefined,
        column: match ? Number(match[4]) : undefined,
        source: match?.[5],
        code: row.code,
      });
    }
    return result;
  }

  /** The Problems panel's marker row with this code on this (1-based) line. */
  problemRow(code: string, line: number): Locator {
    const page = this.page;
    return page
      .locator(".markers-panel .monaco-list-row")
      .filter({ has: page.locator(".marker-code", { hasText: new RegExp(`^${escapeRegExp(code)}$`) }) })
      .filter({ has: page.locator(".marker-line", { hasText: `[Ln ${line},` }) });
  }

  /** Waits for the marker row with `code` on `line` and returns it parsed. */
  async waitForProblem(code: string, line: number, timeoutMs = diagnosticTimeoutMs): Promise<ProblemRow> {
    const row = this.problemRow(code, line).first();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await row.waitFor({ timeout: Math.max(1, deadline - Date.now()) });
      } catch (error) {
        throw new Error(
          `no \`${code}\` on line ${line} in the Problems panel within ${timeoutMs} ms; it shows:\n` +
            (await this.describeProblems()),
          { cause: error },
        );
      }
      const rows = await this.problemRows();
      const parsed = rows.find((candidate) => candidate.code === code && candidate.line === line);
      if (parsed) return parsed;
      // The panel re-rendered between the two reads (the server re-publishes a file's diagnostics when it is
      // opened): wait for the row again.
      if (Date.now() >= deadline) {
        throw new Error(
          `the \`${code}\` row on line ${line} is shown, but its aria-label does not read as expected:\n` +
            (await this.describeProblems()),
        );
      }
    }
  }

  /**
   * Waits until the Problems panel shows no row at all (e.g. under a filter that names one file), or,
   * given a file name, no row of that file: code-server's panel has been seen to drop its filter text
   * while the editor is typed into, and then other files' rows are no sign of this file's problems.
   */
  async waitForNoProblems(timeoutMs = diagnosticTimeoutMs, fileName?: string): Promise<void> {
    try {
      if (fileName === undefined)
        await this.page
          .locator(".markers-panel .monaco-list-row")
          .first()
          .waitFor({ state: "detached", timeout: timeoutMs });
      else
        await this.page.waitForFunction(
          (name) =>
            ![...document.querySelectorAll(".markers-panel .monaco-list-row .label-name")].some(
              (label) => label.textContent === name,
            ),
          fileName,
          { timeout: timeoutMs },
        );
    } catch (error) {
      throw new Error(
        `the Problems panel still shows rows after ${timeoutMs} ms:\n${await this.describeProblems()}`,
        { cause: error },
      );
    }
  }

  /** The Problems panel's rendered rows, one per line, for failure messages. */
  async describeProblems(): Promise<string> {
    const rows = await this.problemRows().catch(() => []);
    if (rows.length === 0) return "  (no rows)";
    return rows.map((row) => `  ${row.kind === "file" ? "" : "  "}${row.ariaLabel}`).join("\n");
  }

  /** Waits until the Problems tab announces this total. */
  async waitForProblemsTotal(total: number, timeoutMs = diagnosticTimeoutMs): Promise<void> {
    await this.page.waitForFunction(
      (expected) =>
        [...document.querySelectorAll(".part.panel .action-item .action-label")].some((item) =>
          new RegExp(`^Problems\\b.*Total ${expected} Problems?`).test(item.getAttribute("aria-label") ?? ""),
        ),
      total,
      { timeout: timeoutMs },
    );
  }

  /** The total the Problems tab announces (`Problems (Ctrl+Shift+M) - Total 8 Problems`). */
  async problemsTotal(): Promise<number | undefined> {
    const labels = await this.page.$$eval(".part.panel .action-item .action-label", (items) =>
      items.map((item) => item.getAttribute("aria-label") ?? ""),
    );
    for (const label of labels) {
      const match = /^Problems\b.*Total (\d+) Problems?/.exec(label);
      if (match) return Number(match[1]);
    }
    return undefined;
  }

  /**
   * Makes the panel taller by dragging the sash between the editor area and the panel until the panel's top
   * is at `top` (pixels from the top of the page).
   */
  async resizePanel(top: number): Promise<void> {
    const page = this.page;
    const panel = await page.locator(".part.panel").boundingBox();
    if (!panel) throw new Error("the panel is not shown");
    const sash = await page.$$eval(
      ".monaco-sash.horizontal",
      (sashes, panelTop) => {
        for (const element of sashes) {
          const box = element.getBoundingClientRect();
          if (box.width > 100 && Math.abs((box.top + box.bottom) / 2 - panelTop) <= 4) {
            return { x: box.left + box.width / 2, y: (box.top + box.bottom) / 2 };
          }
        }
        return undefined;
      },
      panel.y,
    );
    if (!sash) throw new Error("found no sash at the top of the panel");
    await page.mouse.move(sash.x, sash.y);
    await page.mouse.down();
    await page.mouse.move(sash.x, top, { steps: 8 });
    await page.mouse.up();
    // Leave the sash, and wait until it is no longer drawn highlighted (it would show in screenshots).
    await this.parkMouse();
    await page
      .locator(".monaco-sash.hover, .monaco-sash.active")
      .first()
      .waitFor({ state: "detached", timeout: uiTimeoutMs });
    await page.waitForFunction(
      (expected) => {
        const part = document.querySelector(".part.panel");
        return part !== null && Math.abs(part.getBoundingClientRect().top - expected) <= 8;
      },
      top,
      { timeout: uiTimeoutMs },
    );
  }

  // ---------------------------------------------------------------------------------------------------
  // Status bar

  /** The extension's status-bar item. */
  statusItem(): Locator {
    return this.page.locator(statusItemSelector);
  }

  /**
   * Waits until the status-bar item reports a finished check (its tooltip, part of the aria-label, says
   * `N files checked`), with the `expected` counts if given, and returns what it shows.
   */
  async waitForStatusCounts(
    expected?: { errors: number; warnings: number },
    timeoutMs = diagnosticTimeoutMs,
  ): Promise<{
    errors: number;
    warnings: number;
    icons: string[];
    text: string;
    ariaLabel: string;
  }> {
    const item = this.statusItem();
    try {
      await this.page.waitForFunction(
        ({ selector, counts }) => {
          const label = document.querySelector(selector)?.getAttribute("aria-label") ?? "";
          if (!/files? checked/.test(label)) return false;
          if (!counts) return true;
          const match = /^error\s+(\d+)\s+warning\s+(\d+)/.exec(label);
          return match !== null && Number(match[1]) === counts.errors && Number(match[2]) === counts.warnings;
        },
        { selector: statusItemSelector, counts: expected },
        { timeout: timeoutMs },
      );
    } catch (error) {
      const shown = (await item.count()) > 0 ? await item.getAttribute("aria-label") : "(no such item)";
      const wanted = expected ? ` with ${expected.errors} errors and ${expected.warnings} warnings` : "";
      throw new Error(
        `the kb-author status-bar item did not report a finished check${wanted} within ${timeoutMs} ms; ` +
          `its aria-label: ${shown}`,
        { cause: error },
      );
    }
    const ariaLabel = (await item.getAttribute("aria-label")) ?? "";
    const text = ((await item.textContent()) ?? "").replace(/\s+/g, " ").trim();
    const icons = await item
      .locator(".codicon")
      .evaluateAll((elements) =>
        elements.map((element) => [...element.classList].find((name) => name.startsWith("codicon-")) ?? ""),
      );
    const match = /^error\s+(\d+)\s+warning\s+(\d+)/.exec(ariaLabel);
    return {
      errors: match ? Number(match[1]) : NaN,
      warnings: match ? Number(match[2]) : NaN,
      icons,
      text,
      ariaLabel,
    };
  }

  // ---------------------------------------------------------------------------------------------------
  // Explorer

  /** The explorer's row for a file or folder name (the row's aria-label is the name). */
  explorerRow(name: string): Locator {
    return this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`);
  }

  /**
   * Creates a file or folder in the explorer as a person does: right-click the parent folder's row, "New
   * File..." or "New Folder...", type the name (a file's may hold `/`: the explorer creates the folders),
   * Enter. Waits for the new row (`rowName`, the last part of the name by default).
   */
  async newEntry(kind: "File" | "Folder", parentName: string, name: string, rowName = name): Promise<void> {
    const page = this.page;
    const parent = this.explorerRow(parentName);
    await parent.waitFor({ timeout: uiTimeoutMs });
    await parent.click({ button: "right" });
    const label = new RegExp(`^New ${kind}`);
    const menuItem = page.locator(".context-view .monaco-menu .action-item", { hasText: label });
    await menuItem.waitFor({ timeout: uiTimeoutMs });
    // As a person does: point at the item, see it highlighted, click. (A click that arrives together with
    // the pointer, before the menu has focused the item, was seen to be ignored.)
    await menuItem.hover();
    await page
      .locator(".context-view .monaco-menu .action-item.focused", { hasText: label })
      .waitFor({ timeout: uiTimeoutMs });
    await menuItem.click();
    const input = page.locator(".explorer-folders-view .monaco-inputbox input");
    await input.waitFor({ timeout: uiTimeoutMs });
    await page.keyboard.type(name);
    await page.keyboard.press("Enter");
    await this.explorerRow(rowName).waitFor({ timeout: uiTimeoutMs });
  }
}

/**
 * The few DOM types the in-page functions of this module use: the test project is compiled without the DOM
 * library (its other code runs in Node and in the extension host).
 */
interface DomElement {
  readonly textContent: string | null;
  getBoundingClientRect(): { top: number; bottom: number; left: number; width: number };
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}
declare const document: DomElement;

/** A squiggle of the editor: the 1-based line it lies on and that line's text. */
export interface SquiggleLine {
  line: number;
  text: string;
}

/**
 * Runs in the page (so it must not use anything from this module): the lines the squiggles of the active
 * editor lie on, found by comparing the squiggle's vertical middle with the line-number gutter. With
 * `line` given it returns null until a squiggle lies on that line (for `waitForFunction`).
 */
function squiggleProbe(arg: { severity: string; line?: number }): SquiggleLine[] | null {
  const editor = document.querySelector(".part.editor .editor-group-container.active .monaco-editor");
  if (!editor) return arg.line === undefined ? [] : null;
  const middle = (element: DomElement): number => {
    const box = element.getBoundingClientRect();
    return (box.top + box.bottom) / 2;
  };
  const numbers = [...editor.querySelectorAll(".margin-view-overlays .line-numbers")]
    .map((element) => ({ line: Number(element.textContent), top: element.getBoundingClientRect().top }))
    .filter((entry) => Number.isInteger(entry.line) && entry.line > 0)
    .sort((a, b) => a.top - b.top);
  const viewLines = [...editor.querySelectorAll(".view-lines .view-line")];
  const found = [...editor.querySelectorAll(`.squiggly-${arg.severity}`)].map((squiggle) => {
    const y = middle(squiggle);
    let line = -1;
    for (const entry of numbers) if (entry.top <= y) line = entry.line;
    const viewLine = viewLines.find((candidate) => {
      const box = candidate.getBoundingClientRect();
      return box.top <= y && y < box.bottom;
    });
    return { line, text: (viewLine?.textContent ?? "").replace(/\u00a0/g, " ") };
  });
  found.sort((a, b) => a.line - b.line);
  if (arg.line !== undefined && !found.some((entry) => entry.line === arg.line)) return null;
  return found;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
