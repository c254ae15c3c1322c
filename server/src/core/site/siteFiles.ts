/** Files of the site that do not come from the knowledge base (site URLs, at its root). */
export const siteFiles = {
  index: "index.html",
  map: "map.html",
  style: "style.css",
  /** Written into the output folder so that a later run knows it may replace the folder's contents. */
  marker: ".kb-author-site",
} as const;
