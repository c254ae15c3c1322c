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

/**
 * Deletes the files an earlier render listed, then the folders that held them once empty. Every file is
 * looked at first (inside `out`, a regular file, no source's extension, its folder writable), so that a
 * file that cannot go stops the render before anything is deleted; the list then still names every file
 * of the earlier site that remains. Returns the files left in place because they are not the render's.
 */
export function removeListedFiles(out: string, listed: readonly string[]): string[] {
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
  const folders = new Set<string>();
  for (const [index, file] of removable.entries()) {
    try {
      fs.rmSync(file);
    } catch (error) {
      writeManifest(
        out,
        removable.slice(index).map((left) => path.relative(out, left).split(path.sep).join("/")),
      );
      throw error;
    }
    for (
      let folder = path.dirname(file);
      folder !== out && folder.startsWith(out);
      folder = path.dirname(folder)
    )
      folders.add(folder);
  }
  // Deepest first: a folder is empty only once its sub-folders are gone.
  for (const folder of [...folders].sort((a, b) => b.length - a.length))
    if (fs.readdirSync(folder).length === 0) fs.rmdirSync(folder);
  return kept;
}
