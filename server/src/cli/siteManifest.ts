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

/** Extensions of the files a knowledge base is written in: a render never deletes one. */
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

/**
 * Writes the marker anew, all at once: the list is written to a new file, which then takes the marker's
 * name (a rename replaces a marker that is a link, never writes through it). A render that stops
 * half-way leaves the earlier list or the new one, never none (a folder without one is refused).
 */
export function writeManifest(out: string, files: Iterable<string>): void {
  const marker = path.join(out, siteFiles.marker);
  const next = marker + "-next";
  fs.rmSync(next, { force: true });
  fs.writeFileSync(next, [header, ...[...new Set(files)].sort(), ""].join("\n"), { flag: "wx" });
  fs.renameSync(next, marker);
}

/** Deletes the marker, list and all (a render that failed in a folder that had none). */
export function removeManifest(out: string): void {
  fs.rmSync(path.join(out, siteFiles.marker), { force: true });
}

/** The files of an earlier list, as a render may treat them. */
export interface ListedFiles {
  /** Regular files inside `out` without a source's extension: the render replaces them. */
  removable: string[];
  /** Listed files left in place because they are not the render's (a link, a source, outside `out`). */
  kept: string[];
}

/**
 * Sorts the files an earlier list names (relative, `/`-separated) into those the render replaces and
 * those it leaves alone; files already gone are neither. Each removable file's folder must be writable,
 * so that a folder that cannot be written stops the render before anything moves.
 */
export function listedFilesOf(out: string, listed: readonly string[]): ListedFiles {
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
    removable.push(path.relative(out, file).split(path.sep).join("/"));
  }
  return { removable: [...new Set(removable)], kept };
}
