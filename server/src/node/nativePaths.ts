import * as fs from "node:fs";
import * as path from "node:path";

/** The real path of a path that may not exist yet: its nearest existing ancestor's, resolved, then the rest as written. */
export function realPathOf(target: string): string {
  const missing: string[] = [];
  for (let current = path.resolve(target); ; current = path.dirname(current)) {
    try {
      return path.join(fs.realpathSync.native(current), ...missing.reverse());
    } catch {
      if (path.dirname(current) === current) return path.resolve(target);
      missing.push(path.basename(current));
    }
  }
}

/** True when `child` is `parent` or lies below it (native absolute paths). */
export function isInsideFolder(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return (
    relative === "" ||
    (!relative.startsWith(".." + path.sep) && relative !== ".." && !path.isAbsolute(relative))
  );
}
