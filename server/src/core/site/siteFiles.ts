/** Files of the site that do not come from the knowledge base (site URLs, at its root). */
export const siteFiles = {
  index: "index.html",
  map: "map.html",
  style: "style.css",
  /** KaTeX's stylesheet, with its fonts in `katex/fonts/` (copied by the CLI from the katex package). */
  katexStyle: "katex/katex.min.css",
  katexFolder: "katex",
  /** The layout of the site's formulas (mathLayoutClasses.ts), written when a page shows math. */
  mathLayout: "math-layout.css",
  /** Written into the output folder so that a later run knows it may replace the folder's contents. */
  marker: ".kb-author-site",
} as const;
