import type { Element, ElementContent } from "hast";
import type { PageContext } from "./pageContext";

/**
 * Notes that the page shows math (the site links KaTeX's stylesheet only on such pages) and, for the
 * site, turns each `data-kb-style` of KaTeX's output into a class of the site's math stylesheet: a
 * published page has no script to apply it, and its Content-Security-Policy refuses `style` attributes.
 * The class is named after the declarations (a hash), so every page names the same layout alike and the
 * site writes each rule once. In the editor the attributes stay: the preview's script applies them.
 */
export function prepareMathForTarget(nodes: ElementContent[], page: PageContext): void {
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index];
    if (node.type !== "element") continue;
    // A formula's root (`span.katex`, or `span.katex-display` around it) is shared with the cache: it is
    // replaced, never changed, and nothing below it is entered.
    if (hasClass(node, "katex") || hasClass(node, "katex-display")) {
      page.mathStyles ??= new Map();
      if (page.target.kind === "site") nodes[index] = withLayoutClasses(node, page.mathStyles);
    } else prepareMathForTarget(node.children, page);
  }
}

/** A copy of a formula with its layout as classes (the formula itself is shared: mathRendering.ts's cache). */
function withLayoutClasses(element: Element, styles: Map<string, string>): Element {
  const { dataKbStyle, ...properties } = element.properties;
  if (typeof dataKbStyle === "string") {
    const name = layoutClassName(dataKbStyle);
    styles.set(name, dataKbStyle);
    const classes = properties.className;
    properties.className = [...(Array.isArray(classes) ? classes : []), name];
  }
  const children = element.children.map((child) =>
    child.type === "element" ? withLayoutClasses(child, styles) : child,
  );
  return { ...element, properties, children };
}

/** `kb-m-` and a 53-bit hash of the declarations in base 36 (cyrb53: thousands of layouts, no collision to fear). */
export function layoutClassName(declarations: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < declarations.length; i++) {
    const code = declarations.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return "kb-m-" + (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

function hasClass(element: Element, name: string): boolean {
  const classes = element.properties.className;
  return Array.isArray(classes) && classes.includes(name);
}
