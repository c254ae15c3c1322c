import { dirname, joinPath } from "../paths";
import type { SiteLinks } from "../config/configTypes";
import type { MapLocator } from "./maps";
import { type LinearRegExp, linearRegExp } from "../linearRegExp";

const uriScheme = /^[a-z][a-z0-9+.-]*:/i;

/** An internal link's target resolved to a core path; `absolute` when written from the repository root. */
interface ResolvedLink {
  path: string;
  absolute: boolean;
  /** The folder the link was resolved against. */
  base: string;
  /** Where the site also looks, when several of its routes share the path's prefix (its static files). */
  alternatives?: string[];
}

/**
 * Resolves a link target written in a file: absolute targets (`/Root/Node/Node.md`) from the map's
 * repository root (or, given a site's `links`, from the content folder of the route they start with, unless
 * the application serves them), relative ones from the file's folder. Undefined for external links (with a URI
 * scheme or `//`), in-page anchors and empty targets, which name no file.
 */
export function resolveLink(
  fromPath: string,
  target: string,
  maps: MapLocator,
  site?: SiteLinks,
): ResolvedLink | undefined {
  const trimmed = target.trim();
  if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith("//") || uriScheme.test(trimmed))
    return undefined;
  const pathPart = safeDecode(trimmed.split(/[?#]/)[0]);
  if (pathPart === "") return undefined;
  const absolute = pathPart.startsWith("/");
  if (absolute && site) {
    // A route the application serves names no file: accepted as written.
    if (isAppRoute(pathPart, site)) return undefined;
    // Every route whose prefix the path starts with, longest first (a site's pages, then its static files).
    const [route, ...others] = site.routes
      .filter(
        (candidate) =>
          candidate.prefix === "/" ||
          pathPart === candidate.prefix ||
          pathPart.startsWith(candidate.prefix + "/"),
      )
      .map((candidate) => ({
        folder: candidate.folder,
        path: joinPath(
          candidate.folder,
          pathPart.slice(candidate.prefix === "/" ? 0 : candidate.prefix.length),
        ),
      }));
    if (route)
      return {
        path: route.path,
        absolute,
        base: route.folder,
        alternatives: others.map((other) => other.path),
      };
  }
  const base = absolute ? maps.repositoryRootFor(fromPath) : dirname(fromPath);
  return { path: joinPath(base, pathPart), absolute, base };
}

/** The files a resolved path may be served from, in the order a site (or a plain folder) tries them. */
export function servedFiles(path: string, site?: SiteLinks): string[] {
  const extensions = site?.extensions ?? [".md", ".mdx"];
  const indexFiles = site?.indexFiles ?? ["index"];
  // A route's trailing slash (`/guides/setup/`) serves `setup.md` as well as `setup/index.md`.
  const route = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return [
    path,
    ...extensions.map((extension) => route + extension),
    ...indexFiles.flatMap((name) => extensions.map((extension) => joinPath(route, name + extension))),
  ];
}

const appRoutePatterns = new WeakMap<SiteLinks, LinearRegExp | null>();

/** Whether an absolute path is one of the routes the application serves (`*` in a segment, `**` across). */
function isAppRoute(path: string, site: SiteLinks): boolean {
  let pattern = appRoutePatterns.get(site);
  if (pattern === undefined) {
    const alternatives = site.appRoutes.map((route) =>
      route
        .replace(/\/+$/, "")
        .split(/(\*\*|\*)/)
        .map((part) =>
          part === "**" ? ".*" : part === "*" ? "[^/]*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"),
        )
        .join(""),
    );
    pattern = alternatives.length > 0 ? linearRegExp(`^(?:${alternatives.join("|")})/?$`) : null;
    appRoutePatterns.set(site, pattern);
  }
  return pattern !== null && pattern.test(path);
}

/** A percent-encoded path decoded, or left as written when it is not valid percent-encoding. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
