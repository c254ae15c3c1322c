import * as fs from "node:fs";
import * as path from "node:path";
import { pathOfSiteUrl, siteFiles, type SiteOutput } from "../core";
import { toNativePath } from "../node/nodeFileSystem";
import { isInsideFolder, realPathOf } from "../node/nativePaths";
import { listedFilesOf, readManifest } from "./siteManifest";
import { nodeSwapOperations, swapSite, type SwapOperations } from "./siteSwap";

/**
 * Why the site may not be written to `out`, or undefined when it may: `out` must not hold the
 * knowledge base (replacing its contents would delete the sources), and an existing non-empty folder
 * must carry the marker of an earlier render, so that no folder of the user's is ever emptied.
 */
export function outputFolderRefusal(
  source: string,
  out: string,
  display: (native: string) => string,
): string | undefined {
  if (isInsideFolder(realPathOf(source), realPathOf(out)))
    return `--out ${display(out)} holds the knowledge base ${display(source)}: writing the site there would delete its sources. Choose a folder outside it.`;
  const stat = fs.statSync(out, { throwIfNoEntry: false });
  if (!stat) return undefined;
  if (!stat.isDirectory()) return `--out ${display(out)} exists and is not a folder.`;
  const entries = fs.readdirSync(out);
  if (entries.length > 0 && readManifest(out) === undefined)
    return `--out ${display(out)} is not empty and has no list of the files an earlier kb-author render wrote there (its ${siteFiles.marker} file). Choose a new or empty folder.`;
  return undefined;
}

/** What `build` returned, and what became of the earlier site's files. */
export interface ReplacedSite<Result> {
  result: Result;
  /** Files its list named that are not its own, left in place (relative, `/`-separated). */
  kept: string[];
  /** Its files that could not be deleted once replaced (relative): the new list names them. */
  leftovers: string[];
}

/**
 * Writes a new site into `out` (created if need be) in place of the earlier one. `build` writes the site
 * into a new hidden staging folder of `out`; the site is then swapped in (siteSwap.ts). A failure before
 * the swap deletes the staging folder and leaves `out` as it was. A new file cannot go where a file the
 * earlier list does not name stands: a page stops the render before anything moves (EEXIST), an asset
 * is left out with a warning, as a copy that fails is.
 */
export function replaceSite<Result>(
  out: string,
  source: string,
  warn: (message: string) => void,
  build: (output: SiteFolderWriter) => Result,
  operations: SwapOperations = nodeSwapOperations,
): ReplacedSite<Result> {
  fs.mkdirSync(out, { recursive: true });
  const listed = readManifest(out);
  const { removable, kept } = listedFilesOf(out, listed ?? []);
  removeEmptyWorkFolders(out);
  const staging = fs.mkdtempSync(path.join(out, siteFiles.marker + "-new-"));
  try {
    const output = new SiteFolderWriter(staging, source, warn);
    const result = build(output);
    const fresh = placeableFiles(out, output, new Set(removable), warn);
    const leftovers = swapSite({ out, staging, fresh, old: removable, listed }, operations);
    return { result, kept, leftovers };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Deletes the empty staging and set-aside folders an earlier render left (one whose own deletion failed,
 * or a render that was killed): an empty folder only, so never a file, listed or not.
 */
function removeEmptyWorkFolders(out: string): void {
  const prefixes = [siteFiles.marker + "-new-", siteFiles.marker + "-old-"];
  for (const entry of fs.readdirSync(out, { withFileTypes: true }))
    if (entry.isDirectory() && prefixes.some((prefix) => entry.name.startsWith(prefix)))
      try {
        fs.rmdirSync(path.join(out, entry.name));
      } catch {
        // Not empty: what it holds is listed (the next render deletes it) or is not the render's.
      }
}

/**
 * The new files that may go to `out`: where each goes, nothing may stand but a file of the earlier site
 * (or a folder), and its folder's real path must lie in `out` (a folder there may be a link,
 * `Root -> /etc`). Throws for a page; leaves an asset out, with a warning.
 */
function placeableFiles(
  out: string,
  output: SiteFolderWriter,
  removable: ReadonlySet<string>,
  warn: (message: string) => void,
): string[] {
  const realOut = realPathOf(out);
  const checkedFolders = new Set<string>();
  return output.files().filter((name) => {
    const file = path.join(out, ...name.split("/"));
    const folder = path.dirname(file);
    if (!checkedFolders.has(folder)) {
      if (!isInsideFolder(realPathOf(folder), realOut))
        throw new Error(`refusing to write ${name}: its folder is a link that leads out of --out`);
      checkedFolders.add(folder);
    }
    const there = fs.lstatSync(file, { throwIfNoEntry: false });
    if (there === undefined || there.isDirectory() || removable.has(name)) return true;
    const why = `EEXIST: ${name} is already in --out, and the earlier render's list does not name it as its own`;
    if (!output.isAsset(name)) throw new Error(why);
    warn(`could not copy ${name}: ${why}`);
    return false;
  });
}

/**
 * Writes the site's files under a folder (the staging folder) and nowhere else, as new files only. An
 * asset is copied only when its real path lies inside the knowledge base (a symbolic link there may
 * point anywhere); one that cannot be copied is reported and skipped, since its page is already written.
 */
export class SiteFolderWriter implements SiteOutput {
  private readonly createdFolders = new Set<string>();
  /** The files written, relative to the folder (`/`-separated), in the order written. */
  private readonly written: string[] = [];
  private readonly assets = new Set<string>();
  private readonly realSource: string;

  constructor(
    private readonly folder: string,
    private readonly source: string,
    private readonly warn: (message: string) => void,
  ) {
    this.realSource = realPathOf(source);
  }

  writePage(url: string, html: string): void {
    this.write(url, (file) => fs.writeFileSync(file, html, { flag: "wx" }));
  }

  copyAsset(url: string, corePath: string): void {
    const source = toNativePath(corePath);
    try {
      if (!isInsideFolder(fs.realpathSync(source), this.realSource))
        throw new Error("it lies outside the knowledge base");
      this.write(url, (file) => fs.copyFileSync(source, file, fs.constants.COPYFILE_EXCL));
      this.assets.add(pathOfSiteUrl(url));
    } catch (error) {
      const name = path.relative(this.source, source).split(path.sep).join("/");
      this.warn(`could not copy ${name}: ${(error as Error).message}`);
    }
  }

  /** Copies a file of kb-author itself (KaTeX's stylesheet and fonts) to a site URL. */
  copyOwnFile(url: string, native: string): void {
    this.write(url, (file) => fs.copyFileSync(native, file, fs.constants.COPYFILE_EXCL));
  }

  /** The files written, relative to the folder and `/`-separated. */
  files(): readonly string[] {
    return this.written;
  }

  /** True when the file was copied from the knowledge base (an image, a linked file), not rendered. */
  isAsset(name: string): boolean {
    return this.assets.has(name);
  }

  /**
   * Writes the file of a site URL, its folder created, and lists it. A new file only: two URLs never
   * share a file (the site's URL allocator), and nothing else writes in the folder.
   */
  private write(url: string, create: (file: string) => void): void {
    const file = path.resolve(this.folder, ...pathOfSiteUrl(url).split("/"));
    if (file === this.folder || !isInsideFolder(file, this.folder))
      throw new Error(`refusing to write ${url} outside --out`);
    const folder = path.dirname(file);
    if (!this.createdFolders.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      this.createdFolders.add(folder);
    }
    create(file);
    this.written.push(pathOfSiteUrl(url));
  }
}
