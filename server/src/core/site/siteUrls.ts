/**
 * Site URLs are `/`-separated paths relative to the site's root folder, each segment percent-encoded
 * (`Löbian_Obstacle/index.html` -> `L%C3%B6bian_Obstacle/index.html`), so that they can be written
 * into `href`s as they are and still name the file on disk once decoded.
 */

/** The site URL of a relative path (`/`-separated, unencoded). */
export function siteUrlOfPath(relativePath: string): string {
  return relativePath.split("/").map(encodeURIComponent).join("/");
}

/** The relative path (unencoded) a site URL names: where the CLI writes it. */
export function pathOfSiteUrl(url: string): string {
  return url.split("/").map(decodeURIComponent).join("/");
}

/** The href that leads from the page at site URL `from` to site URL `to` (both relative to the site root). */
export function relativeSiteUrl(from: string, to: string): string {
  const fromFolders = from.split("/").slice(0, -1);
  const toSegments = to.split("/");
  let common = 0;
  while (
    common < fromFolders.length &&
    common < toSegments.length - 1 &&
    fromFolders[common] === toSegments[common]
  )
    common++;
  const ups = "../".repeat(fromFolders.length - common);
  return ups + toSegments.slice(common).join("/");
}
