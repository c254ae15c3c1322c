import * as fs from "node:fs";
import * as path from "node:path";
import { isInsideFolder, realPathOf } from "./nativePaths";

/**
 * Which native paths lie inside the workspace folders once symbolic links are resolved: the check behind
 * "every read stays in the workspace" (SECURITY.md). A path string can look inside and lead out (a link
 * `up -> ..`, a file linked to `/etc/passwd`), so folders are judged by their real paths.
 *
 * Resolving a real path costs several system calls, once per folder of a 5,800-folder map: verdicts are
 * kept, and a folder that a listing of an inside folder shows as a folder (not a link) is inside with no
 * call at all. A verdict goes when the tree changes there (`forget`, called on file events), so a folder
 * later replaced by a link is judged again.
 */
export class WorkspaceConfinement {
  private roots: readonly string[] = [];
  private realRoots: string[] = [];
  private readonly folderVerdicts = new Map<string, boolean>();

  /** The folders reads must stay in (native paths); until this is called, nothing is inside. */
  confineTo(roots: readonly string[]): void {
    this.roots = roots.map((root) => path.resolve(root));
    this.realRoots = this.roots.map((root) => realPathOf(root));
    this.folderVerdicts.clear();
  }

  /** Whether a folder's real path lies in a workspace folder (or the folder does not exist). */
  folderStatus(folder: string): "inside" | "outside" | "missing" {
    let inside = this.folderVerdicts.get(folder);
    if (inside === undefined) {
      // One system call first, not a real path's one per level: a missing folder is missing (20,000 links
      // into missing folders), and a folder (not a link) in an inside folder is inside, as in a listing.
      const stats = lstatOrUndefined(folder);
      if (stats === undefined) return "missing";
      if (stats.isDirectory() && this.folderVerdicts.get(path.dirname(folder)) === true)
        this.folderVerdicts.set(folder, (inside = true));
    }
    if (inside === undefined) {
      try {
        inside = this.isRealPathInside(fs.realpathSync.native(folder));
      } catch {
        return "missing"; // Nothing to read there, and nothing worth remembering.
      }
      this.folderVerdicts.set(folder, inside);
    }
    return inside ? "inside" : "outside";
  }

  /** Whether a path is one of the workspace folders as given (a folder's parent may lie outside them). */
  isRoot(native: string): boolean {
    return this.roots.includes(native);
  }

  /** A listing of an inside folder: its sub-folders (not links) are inside too. */
  noteListing(folder: string, entries: readonly fs.Dirent[]): void {
    if (this.folderVerdicts.get(folder) !== true) return;
    for (const entry of entries) {
      const child = path.join(folder, entry.name);
      if (entry.isDirectory()) this.folderVerdicts.set(child, true);
      else this.folderVerdicts.delete(child);
    }
  }

  /** Paths changed on disk: the verdicts on them and below them go. */
  forget(paths: readonly string[]): void {
    const changed = new Set(paths);
    // Each kept folder's ancestors are looked up (a checkout sends thousands of paths at once).
    for (const folder of this.folderVerdicts.keys())
      for (let current = folder; ; current = path.dirname(current)) {
        if (changed.has(current)) {
          this.folderVerdicts.delete(folder);
          break;
        }
        if (path.dirname(current) === current) break;
      }
  }

  /**
   * Where a symbolic link leads, judged without revealing whether its target exists: the real path of
   * an existing target, else the link's text resolved against its folder (a dangling link).
   */
  linkTarget(link: string): { inside: false } | { inside: true; real: string | undefined } {
    let real: string | undefined;
    try {
      real = fs.realpathSync.native(link);
    } catch {
      try {
        const written = path.resolve(path.dirname(link), fs.readlinkSync(link));
        return this.isRealPathInside(realPathOf(written))
          ? { inside: true, real: undefined }
          : { inside: false };
      } catch {
        return { inside: true, real: undefined }; // Gone meanwhile: missing, as any missing file.
      }
    }
    return this.isRealPathInside(real) ? { inside: true, real } : { inside: false };
  }

  private isRealPathInside(real: string): boolean {
    return this.realRoots.some((root) => isInsideFolder(real, root));
  }
}

/** A path's own status; undefined when there is nothing there (missing, or a file where a folder should be). */
function lstatOrUndefined(native: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(native);
  } catch {
    return undefined;
  }
}
