/**
 * The checks of the hostile-document UI test (hostile.ui.ts): show and provoke a page in the preview, assert
 * that no trace of a payload and no foreign request exists, check a webview's CSP, report what was measured.
 */
import * as assert from "node:assert/strict";
import type { Frame } from "playwright-core";
import {
  contentFrame,
  inlineCodeThatRan,
  probe,
  probeAllFrames,
  tracesIn,
  waitForContentText,
} from "./hostileProbe";
import type { TraceRecorder } from "./hostileRecorder";
import { type HostilePage, sentinelHost } from "./hostileWorkspace";
import type { Workbench } from "./workbench";

export const uiTimeoutMs = 10_000;
/** The first rendering waits for the server's start and first check of the workspace (a cold CI machine). */
export const renderTimeoutMs = 30_000;

/**
 * Links that do nothing outside the page when clicked (no file to open, no external site: clicking those
 * is what they are for), and the elements the hostile inputs gave handlers or actions to.
 */
const clickable =
  "a:not([data-kb-external]):not([data-kb-open]):not([data-kb-line]), summary, button, " +
  "[role=link]:not([data-kb-external]):not([data-kb-open]):not([data-kb-line])";
const handlerTexts = [
  "Click text",
  "Press",
  "Detail text",
  "styled para",
  "good link",
  "Picture:",
  "svg text",
  "Aside text",
  "js link",
  "div text",
  "jsx summary",
  "Note body",
  "Evil body",
  "hover",
  "leaf text",
];

/** Hovers and clicks what a payload's handler could hang on; returns how many elements were clicked. */
export async function provoke(frame: Frame): Promise<number> {
  const content = frame.locator("#kb-root");
  let clicked = 0;
  const targets = [
    ...(await content.locator(clickable).all()),
    ...(await Promise.all(handlerTexts.map((text) => content.getByText(text).all()))).flat(),
  ];
  for (const target of targets) {
    // Hidden elements (a closed <details>' content) cannot be pointed at, by a person either.
    if (!(await target.isVisible())) continue;
    // A link with data-kb-external (a good link's handler was the payload) is only hovered: a click would
    // rightly open the site.
    const external = (await target.getAttribute("data-kb-external")) !== null;
    await target.hover({ timeout: uiTimeoutMs });
    if (external) continue;
    await target.click({ timeout: uiTimeoutMs });
    clicked++;
  }
  return clicked;
}

/** Asserts that the webview's CSP allows scripts only by nonce and that inline code does not run. */
export async function checkCsp(frame: Frame, recorder: TraceRecorder): Promise<void> {
  const report = await probe(frame, sentinelHost);
  assert.ok(report.csp, `the webview page ${report.url} has a Content-Security-Policy meta element`);
  const directives = new Map(
    report.csp
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0] !== "")
      .map(([name, ...sources]) => [name, sources] as const),
  );
  assert.deepEqual(directives.get("default-src"), ["'none'"], report.csp);
  const scriptSources = directives.get("script-src") ?? [];
  assert.equal(scriptSources.length, 1, `script-src allows only a nonce: ${report.csp}`);
  assert.match(scriptSources[0], /^'nonce-[A-Za-z0-9+/=]{16,}'$/, report.csp);
  for (const [name, sources] of directives) {
    for (const source of sources) {
      assert.ok(
        !["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:"].includes(source) &&
          !source.includes(sentinelHost),
        `${name} allows ${source}: ${report.csp}`,
      );
    }
  }
  const reported = recorder.cspMessages.length;
  const inline = await inlineCodeThatRan(frame);
  assert.ok(inline.controlRan, "the control (an inline script with the page's own nonce) ran");
  assert.deepEqual(inline.ran, [], "inline code without the page's nonce ran");
  // The browser reports each of the three blocked tries: the console check of assertNoTraces is not blind.
  await recorder.waitForCspMessages(reported + inline.tried, uiTimeoutMs);
}

/** Everything that would show that a payload ran or that something left code-server. */
export async function assertNoTraces(workbench: Workbench, recorder: TraceRecorder): Promise<void> {
  const origin = new URL(workbench.page.url()).origin;
  const traces = tracesIn(await probeAllFrames(workbench.page, sentinelHost));
  assert.deepEqual(traces, [], "traces of hostile content in the frames");
  assert.deepEqual(recorder.foreignRequests(origin), [], `requests that did not go to ${origin}`);
  assert.deepEqual(recorder.dialogs, [], "dialogs opened");
  // Content that survived sanitizing but was stopped by the CSP would show here (until checkCsp's own tries).
  assert.deepEqual(recorder.cspMessages, [], "the webviews' CSP had to block something");
  assert.equal(recorder.pagesOpened.length, 1, `pages opened: ${recorder.pagesOpened.join(", ")}`);
}

/** The preview's page for `page` is shown and provoked; returns how many elements were clicked. */
export async function previewShows(workbench: Workbench, hostile: HostilePage): Promise<number> {
  const frame = await contentFrame(workbench.page, "kb-preview", uiTimeoutMs);
  if (hostile.heading !== undefined) {
    await frame
      .locator("#kb-root h1.kb-title", { hasText: new RegExp(`^${escapeRegExp(hostile.heading)}$`) })
      .waitFor({ timeout: renderTimeoutMs });
  }
  await waitForContentText(
    frame,
    hostile.cases.flatMap((hostileCase) => hostileCase.visible),
    renderTimeoutMs,
  );
  return provoke(frame);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The measured numbers, for the test's output. */
export function report(workbench: Workbench, recorder: TraceRecorder, clicked: number): void {
  const origin = new URL(workbench.page.url()).origin;
  const serviceWorker = recorder.requests.filter((request) => request.serviceWorker).length;
  console.log(
    `      ${recorder.requests.length} requests seen (${recorder.webviewResourceRequests(origin)} webview ` +
      `resources, ${serviceWorker} by service workers), ${recorder.foreignRequests(origin).length} elsewhere; ` +
      `${clicked} elements clicked; ${recorder.dialogs.length} dialogs; ${recorder.cspMessages.length} CSP ` +
      "violations (the CSP check's own three)",
  );
}
