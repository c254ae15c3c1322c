import * as fs from "node:fs";
import * as path from "node:path";
import { siteFiles } from "../core";
import { isInsideFolder } from "../node/nativePaths";
import { removeManifest, writeManifest } from "./siteManifest";

/**
 * Swapping a new site, built in a hidden staging folder of `--out`, for the earlier one: the earlier
 * site's files are moved aside into another hidden folder, the new files moved in, and should any move
 * fail, every move made is undone, so that `--out` holds the whole earlier site or the whole new one,
 * never part of each. Only once the new site is in place are the earlier files deleted; one that
 * cannot be is a leftover, which the new list names so that the next render deletes it.
 */

/** The file-system operations of a swap: each may fail (a test makes each fail in turn). */
export interface SwapOperations {
  /** Moves a file to a name that is free (aside, back, or back into staging). */
  rename(from: string, to: string): void;
  /** Moves a new file where it goes, never over anything already there (fails with EEXIST). */
  place(from: string, to: string): void;
  /** Creates a folder and the missing ones above it; returns the first one created, if any. */
  makeFolder(folder: string): string | undefined;
  /** Deletes an empty folder. */
  removeFolder(folder: string): void;
  /** Deletes a file. */
  remove(file: string): void;
}

export const nodeSwapOperations: SwapOperations = {
  rename: (from, to) => fs.renameSync(from, to),
  place: placeNewFile,
  makeFolder: (folder) => fs.mkdirSync(folder, { recursive: true }),
  removeFolder: (folder) => fs.rmdirSync(folder),
  remove: (file) => fs.rmSync(file),
};

/**
 * A new name by a hard link, which fails with EEXIST on anything already at `to` (a planted link
 * included) where a rename would replace it; then the staging name goes. A file system without hard
 * links (FAT) gets a look first, then a rename.
 */
function placeNewFile(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw error;
    if (fs.lstatSync(to, { throwIfNoEntry: false }))
      throw Object.assign(new Error(`EEXIST: file already exists, ${to}`), { code: "EEXIST" });
    fs.renameSync(from, to);
    return;
  }
  try {
    fs.unlinkSync(from);
  } catch (error) {
    // Both names are the file's: the new one goes, so that the move did not happen.
    fs.unlinkSync(to);
    throw error;
  }
}

/** A swap to make: names relative to `out`, `/`-separated. */
export interface Swap {
  out: string;
  /** The hidden folder the new site was written in. */
  staging: string;
  /** The new site's files, relative to `out` (and to `staging`, where they are). */
  fresh: readonly string[];
  /** The earlier site's files to replace (regular files inside `out`). */
  old: readonly string[];
  /** The earlier list as it was (undefined: there was none), put back if the swap is undone. */
  listed: readonly string[] | undefined;
}

/**
 * Makes the swap. Returns the earlier files that could not be deleted (relative to `out`, in the folder
 * they were moved aside to), which the new list names. Throws once every move is undone; should an
 * undoing fail too, the list still names every place a file of either site may be.
 */
export function swapSite(swap: Swap, operations: SwapOperations = nodeSwapOperations): string[] {
  const { out, staging, fresh, old } = swap;
  const native = (relative: string) => path.join(out, ...relative.split("/"));
  const relativeOf = (file: string) => path.relative(out, file).split(path.sep).join("/");
  const aside = fs.mkdtempSync(path.join(out, siteFiles.marker + "-old-"));
  const asideNames = old.map((_, index) => relativeOf(path.join(aside, String(index))));
  const stagingNames = fresh.map((name) => relativeOf(path.join(staging, ...name.split("/"))));
  // While files move, the list names every place where a file of either site may be: a render killed
  // half-way (or whose undoing fails) leaves no file that the next render would not delete.
  writeManifest(out, [...(swap.listed ?? []), ...asideNames, ...fresh, ...stagingNames]);

  const undo: (() => void)[] = [];
  try {
    old.forEach((name, index) => {
      operations.rename(native(name), native(asideNames[index]));
      undo.push(() => {
        operations.makeFolder(path.dirname(native(name)));
        operations.rename(native(asideNames[index]), native(name));
      });
    });
    // An emptied folder may stand where a new file goes (`a/` then, `a` now); its undoing is above.
    removeEmptiedFolders(out, old.map(native), operations);
    fresh.forEach((name, index) => {
      const folder = path.dirname(native(name));
      const created = operations.makeFolder(folder);
      if (created !== undefined) undo.push(() => removeFoldersUpTo(folder, created, operations));
      // An empty folder where the file goes (one an earlier failure left) goes; one that holds anything stops the swap.
      if (fs.lstatSync(native(name), { throwIfNoEntry: false })?.isDirectory()) {
        operations.removeFolder(native(name));
        undo.push(() => operations.makeFolder(native(name)));
      }
      operations.place(native(stagingNames[index]), native(name));
      undo.push(() => operations.rename(native(name), native(stagingNames[index])));
    });
  } catch (error) {
    const notUndone = undoAll(undo);
    if (notUndone > 0)
      throw new Error(
        `${(error as Error).message}; ${notUndone} of the moves could not be undone: the list in ${siteFiles.marker} names every file of both sites, and the next render deletes them`,
      );
    if (swap.listed === undefined) removeManifest(out);
    else writeManifest(out, swap.listed);
    tryTo(() => operations.removeFolder(aside));
    throw error;
  }

  const leftovers = asideNames.filter((name) => !tryTo(() => operations.remove(native(name))));
  if (leftovers.length === 0) tryTo(() => operations.removeFolder(aside));
  // Staging holds empty folders only by now; one that stays is hidden and holds no file.
  tryTo(() => fs.rmSync(staging, { recursive: true }));
  writeManifest(out, [...fresh, ...leftovers]);
  return leftovers;
}

/** Runs the undoings, latest first, each even if another fails. Returns how many failed. */
function undoAll(undo: readonly (() => void)[]): number {
  let failed = 0;
  for (const step of [...undo].reverse()) if (!tryTo(step)) failed++;
  return failed;
}

/** True when `action` ran without throwing. */
function tryTo(action: () => void): boolean {
  try {
    action();
    return true;
  } catch {
    return false;
  }
}

/** The folders that held `files`, deepest first, once they are empty (never `out`); one that stays is no harm. */
function removeEmptiedFolders(out: string, files: readonly string[], operations: SwapOperations): void {
  const folders = new Set<string>();
  for (const file of files)
    for (
      let folder = path.dirname(file);
      folder !== out && isInsideFolder(folder, out);
      folder = path.dirname(folder)
    )
      folders.add(folder);
  // Deepest first: a folder is empty only once its sub-folders are gone.
  for (const folder of [...folders].sort((a, b) => b.length - a.length))
    tryTo(() => {
      if (fs.readdirSync(folder).length === 0) operations.removeFolder(folder);
    });
}

/** Deletes `folder` and the folders above it up to `top`, which one makeFolder created. */
function removeFoldersUpTo(folder: string, top: string, operations: SwapOperations): void {
  for (let current = folder; ; current = path.dirname(current)) {
    operations.removeFolder(current);
    if (current === top || path.dirname(current) === current) return;
  }
}
