import * as fs from "node:fs";
import * as path from "node:path";

const rootMarkers = ["meta.json", "kb-author.jsonc", ".kb-author.jsonc", ".git"];

/**
 * The workspace a checked path belongs to: the current folder when the path is inside it (as in
 * an editor opened there), else the nearest folder above the path that marks a knowledge base
 * (meta.json, a configuration file, a repository), else the path's own folder.
 */
export function workspaceRootFor(target: string, cwd: string): string {
  const relative = path.relative(cwd, target);
  if (!relative.startsWith("..") && !path.isAbsolute(relative)) return cwd;
  const start = fs.statSync(target).isDirectory() ? target : path.dirname(target);
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (rootMarkers.some((marker) => fs.existsSync(path.join(folder, marker)))) return folder;
    if (path.dirname(folder) === folder) return start;
  }
}
