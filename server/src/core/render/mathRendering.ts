import type { Element, ElementContent, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { sanitize } from "hast-util-sanitize";
import { h } from "hastscript";
import katex from "katex";
import { safeLayoutStyle } from "../../shared/mathLayout";
import { mathSanitizeSchema } from "./mathSanitizeSchema";

/**
 * KaTeX's options: never trusted (no `\href`, `\url`, `\htmlClass`, `\includegraphics`: KaTeX shows those
 * as red text), no size past 20 em (`\rule{1e5em}{1e5em}` would cover the page), 1,000 macro
 * expansions at most (`\def\a{\a\a}` stops there), no warnings printed for LaTeX-incompatible input,
 * and no `\gdef` reaching the next formula (each call gets its own macros). Errors are thrown and shown
 * by us, with the source: KaTeX's own error span carries an inline style.
 */
const katexOptions = {
  throwOnError: true,
  trust: false,
  strict: "ignore",
  maxSize: 20,
  maxExpand: 1000,
  output: "htmlAndMathml",
  globalGroup: false,
} as const;

/**
 * Limits on what is typeset, so that no text can make a rendering hang (KaTeX's time and ours grow with
 * the elements it writes: 6,000 `x+` took 2.6 s, and 12 KB of TeX can write 2 MB of HTML). TeX longer
 * than this is shown as an error (no formula of a real page comes near it)...
 */
const maxTexLength = 5_000;
/** ...and so is a formula whose KaTeX HTML is longer than this (a simple `x^2` writes about 900 characters)... */
const maxFormulaHtml = 300_000;
/** ...and, once a slice's formulas have written this much HTML, the formulas after (a page of 1,500 formulas). */
const maxSliceHtml = 2_000_000;

interface Typeset {
  /** KaTeX's sanitized output, or why the formula is not typeset. */
  result: Element | string;
  /** The length of KaTeX's HTML (0 for an error): what the slice's budget counts. */
  size: number;
}

/**
 * Formulas typeset lately, by display mode and TeX: the preview renders the whole page at every
 * keystroke. The elements are shared by every rendering that shows the formula, never copied: no pass
 * after this one may change them (the site's layout pass builds new ones, mathLayoutClasses.ts).
 */
const cache = new Map<string, Typeset>();
const maxCached = 2000;

/**
 * Replaces the math of sanitized HTML (remark-math's `code.math-inline`, and `pre` holding
 * `code.math-display` or a ```math fence's `code.language-math`) by KaTeX's rendering: `span.katex`
 * inline, `div.kb-math-display` as a block (with the `pre`'s `data-line`). A formula KaTeX cannot read
 * becomes `span.kb-math-error` (or `div.kb-math-display.kb-math-error`) showing its source, the reason in
 * its title. KaTeX's output is sanitized on its own (mathSanitizeSchema.ts), its inline layout moved to
 * `data-kb-style` (shared/mathLayout.ts).
 */
export function renderMathIn(nodes: ElementContent[]): void {
  typesetIn(nodes, { html: 0 });
}

function typesetIn(nodes: ElementContent[], budget: { html: number }): void {
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index];
    if (node.type !== "element") continue;
    const display = displayMath(node);
    if (display !== undefined) nodes[index] = displayElement(display, node.properties.dataLine, budget);
    else if (node.tagName === "code" && hasClass(node, "math-inline"))
      nodes[index] = typeset(textOf(node), false, budget);
    else typesetIn(node.children, budget);
  }
}

/** The TeX of a `pre` that holds display math, if it is one. */
function displayMath(node: Element): string | undefined {
  if (node.tagName !== "pre") return undefined;
  const code = node.children.find((child): child is Element => child.type === "element");
  if (!code || code.tagName !== "code") return undefined;
  if (!hasClass(code, "math-display") && !hasClass(code, "language-math")) return undefined;
  return textOf(code);
}

function displayElement(tex: string, dataLine: unknown, budget: { html: number }): Element {
  const math = typeset(tex, true, budget);
  const className = ["kb-math-display", ...(hasClass(math, "kb-math-error") ? ["kb-math-error"] : [])];
  const line = typeof dataLine === "number" ? { dataLine } : {};
  return hasClass(math, "kb-math-error")
    ? h("div", { ...math.properties, className, ...line }, math.children)
    : h("div", { className, ...line }, [math]);
}

function typeset(tex: string, displayMode: boolean, budget: { html: number }): Element {
  if (budget.html > maxSliceHtml)
    return errorElement(
      tex,
      "This page has too much math to typeset all of it: this formula is not typeset.",
    );
  const key = (displayMode ? "D" : "I") + tex;
  let entry = cache.get(key);
  if (entry === undefined) {
    entry = render(tex, displayMode);
    if (cache.size >= maxCached) cache.delete(cache.keys().next().value as string);
    cache.set(key, entry);
  }
  budget.html += entry.size;
  return typeof entry.result === "string" ? errorElement(tex, entry.result) : entry.result;
}

/** KaTeX's rendering as one sanitized element, or why it failed. */
function render(tex: string, displayMode: boolean): Typeset {
  if (tex.length > maxTexLength)
    return failed(
      `This formula is over ${maxTexLength.toLocaleString("en-US")} characters long: it is not typeset.`,
    );
  let html: string;
  try {
    html = katex.renderToString(tex, { ...katexOptions, displayMode });
  } catch (error) {
    const raw = (error as { rawMessage?: unknown }).rawMessage;
    return failed(
      `Math error: ${typeof raw === "string" ? raw : error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (html.length > maxFormulaHtml) return failed("This formula is too large to typeset.");
  const tree = fromHtml(html, { fragment: true });
  moveLayout(tree);
  const safe = sanitize(tree, mathSanitizeSchema) as Root;
  const element = safe.children.find((child): child is Element => child.type === "element");
  return element ? { result: element, size: html.length } : failed("KaTeX gave no output for this formula.");
}

function failed(reason: string): Typeset {
  return { result: reason, size: 0 };
}

/** Each `style` becomes `data-kb-style` with the declarations the layout grammar allows (or goes, when none). */
function moveLayout(node: Root | Element): void {
  for (const child of node.children) {
    if (child.type !== "element") continue;
    const style = child.properties.style;
    if (style !== undefined) {
      delete child.properties.style;
      const safe = safeLayoutStyle(String(style));
      if (safe !== "") child.properties.dataKbStyle = safe;
    }
    moveLayout(child);
  }
}

function errorElement(tex: string, reason: string): Element {
  return h("span.kb-math-error", { title: reason }, tex);
}

function hasClass(element: Element, name: string): boolean {
  const classes = element.properties.className;
  return Array.isArray(classes) && classes.includes(name);
}

function textOf(element: Element): string {
  return element.children.map((child) => (child.type === "text" ? child.value : "")).join("");
}
