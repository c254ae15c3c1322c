import { URI } from "vscode-uri";
import { resolvePath } from "../paths";

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
  // The drive letter in lower case, as VS Code's own file paths have it.
  const path = resolvePath(parsed.path).replace(/^\/[A-Z]:/, (drive) => drive.toLowerCase());
  // A UNC path's server is the URI's authority (`file://server/share/x.md`).
  return parsed.authority ? `//${parsed.authority}${path}` : path;
}
