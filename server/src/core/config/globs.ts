import picomatch from "picomatch";
import { relativePath } from "../paths";

const matchers = new Map<string, (path: string) => boolean>();

/** Whether a file matches any of the globs, which are relative to `baseDir` (gitignore-like, dot files included). */
export function matchesGlobs(globs: readonly string[], baseDir: string, path: string): boolean {
  const key = globs.join("\0");
  let matcher = matchers.get(key);
  if (!matcher) {
    matcher = picomatch(globs as string[], { dot: true });
    matchers.set(key, matcher);
  }
  const relative = relativePath(baseDir, path);
  return !relative.startsWith("..") && matcher(relative);
}
