import * as fs from "node:fs";
import * as path from "node:path";

const rootMarkers = ["meta.json", "kb-author.jsonc", ".kb-author.jsonc", ".git"];

/**
 * The workspace a checked path belongs to: for a path inside the current folder, the nearest folder
 * at or above the current folder that marks a knowledge base (meta.json, a configuration file, a
 * repository), else the current folder (as in an editor opened there); for any other path, the
 * nearest such folder above the path, else the path's own folder. Starting at or above the current
 * folder keeps the map's meta.json (the root of absolute links) in the workspace when the check
 * runs from inside a map.
 */
export function workspaceRootFor(target: string, cwd: string): string {
  const relative = path.relative(cwd, target);
  const insideCwd = relative !== ".." && !relative.startsWith(".." + path.sep) && !path.isAbsolute(relative);
  const start = insideCwd ? cwd : fs.statSync(target).isDirectory() ? target : path.dirname(target);
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (rootMarkers.some((marker) => fs.existsSync(path.join(folder, marker)))) return folder;
    if (path.dirname(folder) === folder) return start;
  }
}
