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
  /**
   * Per listed inside folder, every name in it (links and all), folded: a name absent from it is absent
   * from the disk, with no system call (20,000 links into missing folders cost 1.7 s of lstat).
   */
  private readonly listedNames = new Map<string, Set<string> | readonly fs.Dirent[]>();

  /** The folders reads must stay in (native paths); until this is called, nothing is inside. */
  confineTo(roots: readonly string[]): void {
    this.roots = roots.map((root) => path.resolve(root));
    this.realRoots = this.roots.map((root) => realPathOf(root));
    this.folderVerdicts.clear();
    this.listedNames.clear();
  }

  /** Whether a folder's real path lies in a workspace folder (or the folder does not exist). */
  folderStatus(folder: string): "inside" | "outside" | "missing" {
    let inside = this.folderVerdicts.get(folder);
    if (inside === undefined && this.listedAsAbsent(folder)) return "missing";
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

  /**
   * Whether the nearest listing taken above the path (its folder's, else a folder's further up) lacks the
   * next name on the way in any spelling that a file system ignoring case or Unicode normalisation could
   * match: then nothing is there.
   */
  listedAsAbsent(native: string): boolean {
    for (let child = native, folder = path.dirname(native); folder !== child; ) {
      const listed = this.listedNames.get(folder);
      if (listed) {
        // Folded on first use: a check of a whole map asks about few folders' missing names.
        const names = listed instanceof Set ? listed : new Set(listed.map((entry) => foldedName(entry.name)));
        this.listedNames.set(folder, names);
        return !names.has(foldedName(path.basename(child)));
      }
      child = folder;
      folder = path.dirname(folder);
    }
    return false;
  }

  /** A listing of an inside folder: its sub-folders (not links) are inside too. */
  noteListing(folder: string, entries: readonly fs.Dirent[]): void {
    if (this.folderVerdicts.get(folder) !== true) return;
    this.listedNames.set(folder, entries);
    for (const entry of entries) {
      const child = path.join(folder, entry.name);
      if (entry.isDirectory()) this.folderVerdicts.set(child, true);
      else this.folderVerdicts.delete(child);
    }
  }

  /** Paths changed on disk: the verdicts and listings on them and below them go, and their folders' listings. */
  forget(paths: readonly string[]): void {
    const changed = new Set(paths);
    for (const changedPath of paths) this.listedNames.delete(path.dirname(changedPath));
    // Each kept folder's ancestors are looked up (a checkout sends thousands of paths at once).
    for (const cache of [this.folderVerdicts, this.listedNames])
      for (const folder of cache.keys())
        for (let current = folder; ; current = path.dirname(current)) {
          if (changed.has(current)) {
            cache.delete(folder);
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

/** A name as a file system that ignores case and Unicode normalisation may compare it (a superset of matches). */
function foldedName(name: string): string {
  return name.normalize("NFKC").toUpperCase().toLowerCase();
}

/** A path's own status; undefined when there is nothing there (missing, or a file where a folder should be). */
function lstatOrUndefined(native: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(native);
  } catch {
    return undefined;
  }
}
