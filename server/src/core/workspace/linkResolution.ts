import { dirname, joinPath } from "../paths";
import type { MapLocator } from "./maps";

const uriScheme = /^[a-z][a-z0-9+.-]*:/i;

/** An internal link's target resolved to a core path; `absolute` when written from the repository root. */
interface ResolvedLink {
  path: string;
  absolute: boolean;
  /** The folder the link was resolved against. */
  base: string;
}

/**
 * Resolves a link target written in a file: absolute targets (`/Root/Node/Node.md`) from the map's
 * repository root, relative ones from the file's folder. Undefined for external links (with a URI
 * scheme or `//`), in-page anchors and empty targets, which name no file.
 */
export function resolveLink(fromPath: string, target: string, maps: MapLocator): ResolvedLink | undefined {
  const trimmed = target.trim();
  if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith("//") || uriScheme.test(trimmed))
    return undefined;
  const pathPart = safeDecode(trimmed.split(/[?#]/)[0]);
  if (pathPart === "") return undefined;
  const absolute = pathPart.startsWith("/");
  const base = absolute ? maps.repositoryRootFor(fromPath) : dirname(fromPath);
  return { path: joinPath(base, pathPart), absolute, base };
}

/** A percent-encoded path decoded, or left as written when it is not valid percent-encoding. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
