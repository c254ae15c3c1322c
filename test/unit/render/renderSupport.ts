import * as assert from "node:assert/strict";
import type { Element, Nodes, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { createLanguageService, type LanguageService } from "../../../server/src/core/languageService";
import type {
  EditorRenderTarget,
  RenderedPage,
  SiteRenderTarget,
} from "../../../server/src/core/render/renderTypes";
import { safeLayoutStyle } from "../../../server/src/shared/mathLayout";
import type { RenderOptions } from "../../../server/src/core/render/renderTypes";
import { MemoryFileSystem } from "../../support/memoryFileSystem";

/** The editor target of the tests: the workspace `/kb` is the one resource root. */
export const editorTarget: EditorRenderTarget = {
  kind: "editor",
  resourceRoots: [{ folder: "/kb", webviewBase: "https://webview.test/kb" }],
};

/** A site target publishing every Markdown file as `<path>.html` and every other file as itself, under `/kb`. */
export const siteTarget: SiteRenderTarget = {
  kind: "site",
  pageUrlOf: (path) => (path.startsWith("/kb/") ? path.slice(4).replace(/\.mdx?$/, ".html") : undefined),
  assetUrlOf: (path) => (path.startsWith("/kb/") ? "assets/" + path.slice(4) : undefined),
};

export function serviceOf(files: Record<string, string | Uint8Array>): LanguageService {
  return createLanguageService({ fileSystem: new MemoryFileSystem(files), workspaceRoots: ["/kb"] });
}

/**
 * Renders a file of a fresh in-memory workspace, validated first as a host does (the page's banner shows
 * the problems last published for it), and parses the page's HTML.
 */
export function renderIn(
  files: Record<string, string | Uint8Array>,
  path: string,
  target: EditorRenderTarget | SiteRenderTarget = editorTarget,
  options?: RenderOptions,
): { page: RenderedPage; tree: Root } {
  const service = serviceOf(files);
  service.validate(path);
  const page = service.renderPage(path, target, options);
  assert.ok(page, `no page for ${path}`);
  return { page, tree: parseHtml(page.html) };
}

export function parseHtml(html: string): Root {
  return fromHtml(html, { fragment: true });
}

export function allElements(node: Nodes): Element[] {
  const found: Element[] = [];
  const walk = (current: Nodes): void => {
    if (current.type === "element") found.push(current);
    if ("children" in current) for (const child of current.children) walk(child);
  };
  walk(node);
  return found;
}

export function classesOf(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

/** Elements by tag and classes, as a tiny CSS selector: `li.kb-card.kb-broken`. */
export function select(node: Nodes, selector: string): Element[] {
  const [tag, ...classes] = selector.split(".");
  return allElements(node).filter(
    (element) =>
      (tag === "" || element.tagName === tag) && classes.every((name) => classesOf(element).includes(name)),
  );
}

export function selectOne(node: Nodes, selector: string): Element {
  const found = select(node, selector);
  assert.equal(found.length, 1, `expected one ${selector}, found ${found.length}`);
  return found[0];
}

export function textOf(node: Nodes): string {
  if (node.type === "text") return node.value;
  return "children" in node ? node.children.map((child) => textOf(child as Nodes)).join("") : "";
}

const forbiddenTags = new Set([
  "script",
  "iframe",
  "object",
  "embed",
  "style",
  "link",
  "meta",
  "base",
  "form",
  "frame",
  "frameset",
  "applet",
  "svg",
  "math",
]);
/** What KaTeX's output (inside `span.katex`, which only the math renderer makes) may hold besides spans. */
const katexTags = new Set(["svg", "path", "line", "math"]);
const urlAttributes = [
  "href",
  "src",
  "action",
  "formAction",
  "xLinkHref",
  "poster",
  "background",
  "cite",
  "data",
];
const safeUrl = /^(?:https?:|mailto:|#|[^:]*$)/i;

/**
 * Asserts that a rendered page can do nothing but show text and follow safe links: no active
 * elements, no event handlers or styles, no URL with another scheme, no remote source in the editor.
 */
export function assertInert(html: string, target: "editor" | "site" = "editor"): void {
  const tree = parseHtml(html);
  const inFormulas = new Set(select(tree, "span.katex").flatMap(allElements));
  for (const element of allElements(tree)) {
    const inKatex = inFormulas.has(element);
    if (!(inKatex && katexTags.has(element.tagName)))
      assert.ok(!forbiddenTags.has(element.tagName), `<${element.tagName}> survived in ${html}`);
    const layout = element.properties.dataKbStyle;
    if (layout !== undefined) {
      assert.ok(inKatex, `data-kb-style survived outside a formula: ${String(layout)}`);
      assert.ok(
        safeLayoutStyle(String(layout)) === String(layout),
        `data-kb-style beyond the layout grammar survived: ${String(layout)}`,
      );
    }
    for (const [name, value] of Object.entries(element.properties)) {
      const attribute = name.toLowerCase();
      assert.ok(!attribute.startsWith("on"), `event handler ${name} survived`);
      assert.ok(attribute !== "style", `style attribute survived: ${String(value)}`);
      assert.ok(attribute !== "srcdoc" && attribute !== "srcset", `${name} survived`);
    }
    for (const name of urlAttributes) {
      const value = element.properties[name];
      if (value === undefined || value === null) continue;
      const url = String(value).trim();
      assert.ok(
        safeUrl.test(url) && !url.startsWith("//"),
        `unsafe ${name}="${url}" on <${element.tagName}>`,
      );
      if (target === "editor" && name === "src")
        assert.ok(!/^https?:/i.test(url) || url.startsWith("https://webview.test/"), `remote src ${url}`);
    }
  }
}
