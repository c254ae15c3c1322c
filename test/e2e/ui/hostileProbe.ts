/**
 * What the hostile-document UI test (hostile.ui.ts) reads in the browser's frames: `probeFrame` runs in one
 * frame and reports what a payload would have left there (`#pwned`, the title) and, in a kb-author webview,
 * what of the document is active (scripts, `on*` attributes, `javascript:` addresses, remote sources,
 * frames, forms) and its CSP; `runInlineCode` tries the CSP; `runPayload` is the probes' control.
 */
import type { Frame, Page } from "playwright-core";

/** The marker the payloads set as the title and body id (and post to the parent frame, if they could). */
export const marker = "pwned";

/** Finds the frame whose body has `bodyClass` (`kb-preview`, `kb-map`): the extension's page in a webview. */
export async function contentFrame(page: Page, bodyClass: string, timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      const found = await frame
        .evaluate((name) => document.body?.classList.contains(name) ?? false, bodyClass)
        .catch(() => false);
      if (found) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview with body.${bodyClass} within ${timeoutMs} ms`);
    // Frames appear by navigation events; there is no "frame with this body" event to await.
    await page.waitForTimeout(100);
  }
}

export interface FrameReport {
  url: string;
  title: string;
  /** Elements with the marker id (a payload's `document.body.id='pwned'`). */
  markedElements: number;
  /** `src` (or `inline`), whether it carries a nonce, is inside the content, comes before the CSP meta. */
  scripts: { src: string; nonce: boolean; inContent: boolean; beforeCsp: boolean }[];
  /** `#kb-root`'s text, or undefined in a frame that is not a kb-author webview. */
  contentText?: string;
  /** What is active in `#kb-root`: forbidden elements, handlers, script or remote addresses. */
  active: string[];
  csp?: string;
}

/** Waits until the webview's content (`#kb-root`) shows every text: proof that the document was rendered. */
export async function waitForContentText(frame: Frame, texts: string[], timeoutMs: number): Promise<void> {
  try {
    await frame.waitForFunction(contentShows, texts, { timeout: timeoutMs });
  } catch (error) {
    const shown = await frame
      .evaluate(() => document.getElementById("kb-root")?.textContent ?? "")
      .catch(() => "");
    const missing = texts.filter((text) => !shown.includes(text));
    throw new Error(
      `the webview did not show ${JSON.stringify(missing)} within ${timeoutMs} ms; it shows: ${shown.slice(0, 600)}`,
      { cause: error },
    );
  }
}

/**
 * Whether the webview's CSP stops inline code at run time: an inline script without a nonce, one with a wrong
 * nonce, and an inline `onclick` handler are added to the page; each would record its name if it ran. The
 * control, an inline script with the nonce of the extension's own script, must run (else the probe proves
 * nothing). Everything added is removed again.
 */
export async function inlineCodeThatRan(
  frame: Frame,
): Promise<{ tried: number; ran: string[]; controlRan: boolean }> {
  const ran = await frame.evaluate(runInlineCode);
  return { tried: 3, ran: ran.filter((name) => name !== "control"), controlRan: ran.includes("control") };
}

/**
 * The control of the trace probes: does in the webview's page what the documents' payloads (`trace` of
 * hostileWorkspace.ts) would do, through the debugger (which the CSP does not apply to), and returns the
 * traces found. A probe that misses the title or the `#pwned` element is blind, not proof of safety.
 */
export async function tracesOfAPayloadRun(frame: Frame, sentinelHost: string): Promise<string[]> {
  await frame.evaluate(runPayload, marker);
  return tracesIn(await probeAllFrames(frame.page(), sentinelHost));
}

/** Probes one frame. */
export function probe(frame: Frame, sentinelHost: string): Promise<FrameReport> {
  return frame.evaluate(probeFrame, { marker, sentinelHost });
}

/** Probes every frame of the page (frames that go away meanwhile are skipped). */
export async function probeAllFrames(page: Page, sentinelHost: string): Promise<FrameReport[]> {
  const reports: FrameReport[] = [];
  for (const frame of page.frames()) {
    if (frame.isDetached()) continue;
    const report = await frame.evaluate(probeFrame, { marker, sentinelHost }).catch(() => undefined);
    if (report) reports.push(report);
  }
  return reports;
}

/** What in the reports shows that a payload ran or something active reached a webview's content. */
export function tracesIn(reports: FrameReport[]): string[] {
  const traces: string[] = [];
  for (const report of reports) {
    const where = report.url.slice(0, 120);
    // Exactly the marker: the workbench's title also names the open file, whose name may contain a payload.
    if (report.title === marker) traces.push(`${where}: title "${report.title}"`);
    if (report.markedElements > 0) traces.push(`${where}: ${report.markedElements} element(s) #${marker}`);
    // The workbench and VS Code's webview frames have scripts of their own: only kb-author's pages are read.
    if (report.contentText === undefined) continue;
    for (const script of report.scripts) {
      // VS Code puts its webview API script before the page's own <head>, so before the CSP applies; every
      // script after the CSP must be the extension's, with the page's nonce.
      if (script.inContent || (!script.beforeCsp && !script.nonce))
        traces.push(`${where}: script ${script.src} (nonce: ${script.nonce})`);
    }
    for (const active of report.active) traces.push(`${where}: ${active}`);
  }
  return traces;
}

// ---------------------------------------------------------------------------------------------------------
// In the browser. These functions are serialized into the page: they must not use anything of this module.
// The test project is compiled without the DOM library; the few DOM types they use are declared here.

interface ProbeElement {
  id: string;
  readonly tagName: string;
  textContent: string | null;
  readonly attributes: Iterable<{ name: string; value: string }>;
  readonly nonce?: string;
  readonly classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<ProbeElement>;
  contains(other: ProbeElement): boolean;
  compareDocumentPosition(other: ProbeElement): number;
  setAttribute(name: string, value: string): void;
  append(child: ProbeElement): void;
  remove(): void;
  click(): void;
}
declare const document: {
  title: string;
  readonly body: ProbeElement | null;
  getElementById(id: string): ProbeElement | null;
  querySelector(selector: string): ProbeElement | null;
  querySelectorAll(selector: string): Iterable<ProbeElement>;
  createElement(tag: string): ProbeElement;
};
declare const location: { readonly href: string };
declare const window: {
  kbCspProbe?: string[];
  readonly parent?: { postMessage(message: string, targetOrigin: string): void };
};

function runPayload(name: string): void {
  document.title = name;
  if (document.body) document.body.id = name;
  // VS Code deletes `parent` (and `top`) from a webview's page: a payload cannot post to the host frames.
  window.parent?.postMessage(name, "*");
}

function contentShows(texts: string[]): boolean {
  const shown = document.getElementById("kb-root")?.textContent ?? "";
  return texts.every((text) => shown.includes(text));
}

function runInlineCode(): string[] {
  const body = document.body;
  if (!body) return [];
  window.kbCspProbe = [];
  const record = (name: string): string => `(window.kbCspProbe||[]).push('${name}')`;
  const ownNonce = [...document.querySelectorAll("script[src]")].map((script) => script.nonce ?? "")[0] ?? "";
  for (const [name, nonce] of [
    ["inline script without a nonce", undefined],
    ["inline script with a wrong nonce", "d3Jvbmc="],
    ["control", ownNonce],
  ] as const) {
    const script = document.createElement("script");
    if (nonce !== undefined) script.setAttribute("nonce", nonce);
    script.textContent = record(name);
    body.append(script);
    script.remove();
  }
  const button = document.createElement("button");
  button.setAttribute("onclick", record("inline onclick handler"));
  body.append(button);
  button.click();
  button.remove();
  return [...window.kbCspProbe];
}

function probeFrame(arg: { marker: string; sentinelHost: string }): FrameReport {
  const content = document.getElementById("kb-root");
  const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  // Elements that run, load, navigate or submit by themselves. (Media elements load only through their
  // source attributes, which are checked below.)
  const forbiddenTags = new Set([
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "link",
    "meta",
    "base",
    "form",
    "style",
    "template",
    "noscript",
    "portal",
  ]);
  const sourceAttributes = new Set([
    "src",
    "srcset",
    "srcdoc",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "xlink:href",
    "ping",
  ]);
  const active: string[] = [];
  if (content) {
    for (const element of content.querySelectorAll("*")) {
      const tag = element.tagName.toLowerCase();
      if (forbiddenTags.has(tag)) active.push(`<${tag}> in the content`);
      for (const { name, value } of element.attributes) {
        const shown = `<${tag} ${name}="${value.slice(0, 80)}">`;
        if (name.startsWith("on")) active.push(`handler ${shown}`);
        else if (sourceAttributes.has(name)) active.push(`source ${shown}`);
        else if (/^\s*(javascript|vbscript):/i.test(value)) active.push(`script address ${shown}`);
        else if (/href$/.test(name) && /^\s*(data|file):/i.test(value)) active.push(`link address ${shown}`);
        else if (name === "style" && /url\(|expression\(/i.test(value)) active.push(`style ${shown}`);
        else if (name !== "title" && value.includes(arg.sentinelHost)) active.push(`remote address ${shown}`);
      }
    }
  }
  return {
    url: location.href,
    title: document.title,
    markedElements: [...document.querySelectorAll(`[id="${arg.marker}"]`)].length,
    scripts: [...document.querySelectorAll("script")].map((script) => ({
      src: script.getAttribute("src") ?? "inline",
      nonce: (script.nonce ?? "") !== "",
      inContent: content?.contains(script) ?? false,
      // Node.DOCUMENT_POSITION_FOLLOWING: the CSP meta comes after the script.
      beforeCsp: csp !== null && (script.compareDocumentPosition(csp) & 4) !== 0,
    })),
    contentText: content?.textContent ?? undefined,
    active,
    csp:
      document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ??
      undefined,
  };
}
