import { URI } from "vscode-uri";

/**
 * The one conversion between the core's paths and `file:` URIs. Core paths are POSIX-style absolute
 * paths; on Windows the drive is the first segment (`/c:/kb/x.md`), as in a `file:` URI's path.
 */
export function pathToUri(path: string): string {
  return URI.file(path).toString();
}

/** The core path of a `file:` URI, or undefined for other schemes (untitled, git, ...), which are not checked. */
export function uriToPath(uri: string): string | undefined {
  let parsed: URI;
  try {
    parsed = URI.parse(uri, true);
  } catch {
    return undefined;
  }
  if (parsed.scheme !== "file") return undefined;
  // A UNC path's server is the URI's authority (`file://server/share/x.md`).
  const path = parsed.authority ? `//${parsed.authority}${parsed.path}` : parsed.path;
  // The drive letter in lower case, as VS Code's own file paths have it.
  return withoutTrailingSlash(normalizeSegments(path)).replace(/^\/[A-Z]:/, (drive) => drive.toLowerCase());
}

/** Resolves `.` and `..` segments and doubled slashes, as `path.resolve` did for the server. */
function normalizeSegments(path: string): string {
  const prefix = path.startsWith("//") ? "//" : "/";
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  return prefix + segments.join("/");
}

function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}
