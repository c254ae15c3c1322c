import * as fs from "node:fs";
import * as path from "node:path";
import { siteFiles } from "../core";
import { isInsideFolder, realPathOf } from "../node/nativePaths";

/**
 * The list of the files a render wrote, kept in the output folder's marker file (`.kb-author-site`): the
 * next render into the folder deletes those files and no others. A marker alone proved nothing (one
 * planted in a node folder had the node's own file deleted); a file the list names is still deleted only
 * when it is a regular file inside the folder (on its real path) and has no source's extension.
 */
const header =
  "Written by `kb-author render`. The files it wrote, which the next render into this folder replaces:";

/** Extensions of the files a knowledge base is written in: a render never writes one, so never deletes one. */
const sourceExtensions = /\.(?:md|mdx|markdown|json|jsonc|ya?ml)$/i;

/** The files the marker of `out` lists (relative, `/`-separated); undefined when there is no list. */
export function readManifest(out: string): string[] | undefined {
  const marker = path.join(out, siteFiles.marker);
  let text: string;
  try {
    // A marker that is a link (to a device, a pipe, a file elsewhere) is no list.
    if (!fs.lstatSync(marker).isFile()) return undefined;
    text = fs.readFileSync(marker, "utf8");
  } catch {
    return undefined;
  }
  const [first, ...names] = text.split("\n");
  if (first !== header) return undefined;
  return names.filter((name) => name !== "");
}

/** Writes the marker anew (a marker that is a link is replaced, never written through). */
export function writeManifest(out: string, files: Iterable<string>): void {
  const marker = path.join(out, siteFiles.marker);
  fs.rmSync(marker, { force: true });
  fs.writeFileSync(marker, [header, ...[...files].sort(), ""].join("\n"), { flag: "wx" });
}

/** The file operations that clearing a site uses (a test fails one of them). */
export interface ClearingOperations {
  rename(from: string, to: string): void;
  remove(file: string): void;
}

const nodeOperations: ClearingOperations = {
  rename: (from, to) => fs.renameSync(from, to),
  remove: (file) => fs.rmSync(file),
};

/** What clearing an earlier site left: files its list named that are not its own, and old files not deleted. */
export interface ClearedSite {
  /** Listed files left in place because they are not the render's (relative, `/`-separated). */
  kept: string[];
  /** Old files moved aside that could not be deleted (relative): the next render's list names them. */
  leftovers: string[];
}

/**
 * Clears the files an earlier render listed, then the folders that held them once empty. Every file is
 * looked at first (inside `out`, a regular file, no source's extension, its folder writable). The files
 * are then moved aside into one hidden folder of `out` (a rename: atomic, on the same file system); a
 * move that fails puts back those already moved and stops the render, so `out` holds the whole earlier
 * site or none of it, never a half-emptied one. The moved files are then deleted; one that cannot be is
 * a leftover, which the next render's list names.
 */
export function removeListedFiles(
  out: string,
  listed: readonly string[],
  operations: ClearingOperations = nodeOperations,
): ClearedSite {
  const removable: string[] = [];
  const kept: string[] = [];
  const realOut = realPathOf(out);
  for (const name of listed) {
    const file = path.resolve(out, ...name.split("/"));
    // Inside on the real path too: a folder of the list may be a link (`sub -> /etc`).
    const inside =
      file !== out && isInsideFolder(file, out) && isInsideFolder(realPathOf(path.dirname(file)), realOut);
    const stat = inside ? fs.lstatSync(file, { throwIfNoEntry: false }) : undefined;
    if (stat === undefined && inside) continue; // Gone already.
    if (!stat?.isFile() || sourceExtensions.test(name)) {
      kept.push(name);
      continue;
    }
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    removable.push(file);
  }
  if (removable.length === 0) return { kept, leftovers: [] };
  const aside = fs.mkdtempSync(path.join(out, siteFiles.marker + "-old-"));
  const moved: { from: string; to: string }[] = [];
  try {
    for (const [index, from] of removable.entries()) {
      const to = path.join(aside, String(index));
      operations.rename(from, to);
      moved.push({ from, to });
    }
  } catch (error) {
    for (const { from, to } of moved.reverse()) operations.rename(to, from);
    fs.rmdirSync(aside);
    throw error;
  }
  const leftovers: string[] = [];
  for (const { to } of moved) {
    try {
      operations.remove(to);
    } catch {
      leftovers.push(path.relative(out, to).split(path.sep).join("/"));
    }
  }
  if (leftovers.length === 0) fs.rmdirSync(aside);
  removeEmptiedFolders(out, removable);
  return { kept, leftovers };
}

/** The folders that held the files, deepest first, once they are empty (never `out` itself). */
function removeEmptiedFolders(out: string, files: readonly string[]): void {
  const folders = new Set<string>();
  for (const file of files)
    for (
      let folder = path.dirname(file);
      folder !== out && folder.startsWith(out);
      folder = path.dirname(folder)
    )
      folders.add(folder);
  // Deepest first: a folder is empty only once its sub-folders are gone.
  for (const folder of [...folders].sort((a, b) => b.length - a.length))
    if (fs.readdirSync(folder).length === 0) fs.rmdirSync(folder);
}
