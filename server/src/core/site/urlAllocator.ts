import { nfc } from "../paths";
import { siteUrlOfPath } from "./siteUrls";

const maxFolderDepth = 16;

/**
 * Hands out site URLs without collisions. Two URLs collide when they differ only by case or Unicode
 * normalisation, since the site may be copied to (or served from) a case-insensitive file system, and a
 * file collides with a folder of the same name: a node folder named `index.html` (whose page is
 * `index.html/index.html`) beside its parent's `index.html`, or `page.md` (`page.html`) beside a folder
 * `page.html/`. A taken file name gets a numbered variant (`wiki/page.html` -> `wiki/page-2.html`), and
 * so does a folder, for every URL below it.
 *
 * URLs are at most `maxFolderDepth` folders deep: a deeper path keeps its first folders and its last one
 * (`N0/…/N14/N399/index.html`). Every page links the site's root and its ancestors by relative URLs, one
 * `../` per level: a chain of nodes 400 deep made each page's links grow with the depth, and the site with
 * its square. Real maps are far shallower (the largest known, 8 levels) and keep their paths.
 */
export class UrlAllocator {
  /** Collision keys of the files handed out. */
  private readonly files = new Set<string>();
  /** Collision keys of the folders that hold them. */
  private readonly folders = new Set<string>();
  /** Where each folder went (by its wanted URL's collision key): itself, or a numbered variant. */
  private readonly placedFolders = new Map<string, string>();

  constructor(reservedUrls: readonly string[]) {
    for (const url of reservedUrls) this.take(url);
  }

  /** A free URL for the relative path wanted (`/`-separated, unencoded). */
  allocate(wantedPath: string): string {
    const segments = siteUrlOfPath(wantedPath).split("/");
    const name = segments.pop()!;
    if (segments.length > maxFolderDepth)
      segments.splice(maxFolderDepth - 1, segments.length - maxFolderDepth);
    const folder = this.placeFolder(segments);
    for (let variant = 1; ; variant++) {
      const url = join(folder, numbered(name, variant));
      const key = collisionKey(url);
      if (!this.files.has(key) && !this.folders.has(key)) {
        this.take(url);
        return url;
      }
    }
  }

  /** The folder URL for a wanted folder: each level as wanted, unless a file took its name. */
  private placeFolder(segments: readonly string[]): string {
    let wanted = "";
    let placed = "";
    for (const segment of segments) {
      wanted = join(wanted, segment);
      const known = this.placedFolders.get(collisionKey(wanted));
      if (known !== undefined) {
        placed = known;
        continue;
      }
      let variant = 1;
      while (this.files.has(collisionKey(join(placed, numbered(segment, variant))))) variant++;
      placed = join(placed, numbered(segment, variant));
      this.placedFolders.set(collisionKey(wanted), placed);
    }
    return placed;
  }

  private take(url: string): void {
    this.files.add(collisionKey(url));
    for (let slash = url.indexOf("/"); slash !== -1; slash = url.indexOf("/", slash + 1))
      this.folders.add(collisionKey(url.slice(0, slash)));
  }
}

function join(folder: string, name: string): string {
  return folder ? `${folder}/${name}` : name;
}

/** `page.html`, `page-2.html`, ...: the number before the extension, if any. */
function numbered(name: string, variant: number): string {
  if (variant === 1) return name;
  const dot = name.lastIndexOf(".");
  return dot > 0 ? `${name.slice(0, dot)}-${variant}${name.slice(dot)}` : `${name}-${variant}`;
}

function collisionKey(url: string): string {
  return nfc(decodeURIComponent(url)).toLowerCase();
}
