import { nfc } from "../paths";
import { siteUrlOfPath } from "./siteUrls";

/**
 * Hands out site URLs without collisions. Two URLs collide when they differ only by case or Unicode
 * normalisation, since the site may be copied to (or served from) a case-insensitive file system.
 * A taken URL gets a numbered variant: `wiki/page.html` -> `wiki/page-2.html`.
 */
export class UrlAllocator {
  private readonly taken = new Set<string>();

  constructor(reservedUrls: readonly string[]) {
    for (const url of reservedUrls) this.taken.add(collisionKey(url));
  }

  /** A free URL for the relative path wanted (`/`-separated, unencoded). */
  allocate(wantedPath: string): string {
    const wanted = siteUrlOfPath(wantedPath);
    const dot = wanted.lastIndexOf(".");
    const slash = wanted.lastIndexOf("/");
    const [stem, extension] = dot > slash + 1 ? [wanted.slice(0, dot), wanted.slice(dot)] : [wanted, ""];
    for (let variant = 1; ; variant++) {
      const url = variant === 1 ? wanted : `${stem}-${variant}${extension}`;
      const key = collisionKey(url);
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return url;
      }
    }
  }
}

function collisionKey(url: string): string {
  return nfc(decodeURIComponent(url)).toLowerCase();
}
