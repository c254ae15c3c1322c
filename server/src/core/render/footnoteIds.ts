import type { Element, Root } from "hast";

/**
 * remark-rehype names a footnote `fn-1`, its reference `fnref-1` and the footnotes' heading
 * `footnote-label`: ids a heading's GitHub slug can take too (`## Fn 1`, `## Footnote label`), and the
 * sanitizer prefixes both alike, so an in-page link would lead to whichever comes first. A slug never
 * holds a colon (github-slugger removes punctuation), so `fn:1`, `fnref:1` and `fn:label` collide with
 * no heading. Headings keep the ids the site gives them, which links in and to the page are checked against.
 * A unified plugin, run right after remark-rehype (before raw HTML is parsed: only remark's footnotes are renamed).
 */
export function rehypeFootnoteIds() {
  return (tree: Root): void => {
    for (const child of tree.children) if (child.type === "element") rename(child);
  };
}

const labelId = "footnote-label";
const renamedLabelId = "fn:label";

function rename(element: Element): void {
  const properties = element.properties;
  if (
    element.tagName === "a" &&
    (properties.dataFootnoteRef !== undefined || properties.dataFootnoteBackref !== undefined)
  ) {
    properties.href = renamedFragment(properties.href);
    if (typeof properties.id === "string") properties.id = renamedId(properties.id);
    if (Array.isArray(properties.ariaDescribedBy))
      properties.ariaDescribedBy = properties.ariaDescribedBy.map((id) =>
        id === labelId ? renamedLabelId : id,
      );
  } else if (element.tagName === "section" && properties.dataFootnotes !== undefined) {
    for (const child of element.children) {
      if (child.type !== "element") continue;
      if (child.tagName === "h2" && child.properties.id === labelId) child.properties.id = renamedLabelId;
      if (child.tagName === "ol")
        for (const item of child.children)
          if (item.type === "element" && typeof item.properties.id === "string")
            item.properties.id = renamedId(item.properties.id);
    }
  }
  for (const child of element.children) if (child.type === "element") rename(child);
}

/** `fn-x` -> `fn:x`, `fnref-x` -> `fnref:x` (any other id unchanged). */
function renamedId(id: string): string {
  return id.replace(/^(fn|fnref)-/, "$1:");
}

function renamedFragment<T>(href: T): T | string {
  return typeof href === "string" && href.startsWith("#") ? "#" + renamedId(href.slice(1)) : href;
}
