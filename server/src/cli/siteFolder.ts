import * as fs from "node:fs";
import * as path from "node:path";
import { pathOfSiteUrl, siteFiles, type SiteOutput } from "../core";
import { toNativePath } from "../node/nodeFileSystem";
import { isInsideFolder, realPathOf } from "../node/nativePaths";
import {
  type ClearedSite,
  type ClearingOperations,
  readManifest,
  removeListedFiles,
  writeManifest,
} from "./siteManifest";

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

/**
 * Creates the output folder, or deletes from it the files an earlier render wrote (and only those, all or
 * none), and marks it as the site's, its list naming the old files that could not be deleted.
 */
export function prepareOutputFolder(out: string, operations?: ClearingOperations): ClearedSite {
  fs.mkdirSync(out, { recursive: true });
  const cleared = removeListedFiles(out, readManifest(out) ?? [], operations);
  writeManifest(out, cleared.leftovers);
  return cleared;
}

/**
 * Writes the site's files under `out` and nowhere else. An asset is copied only when its real path
 * lies inside the knowledge base (a symbolic link there may point anywhere); one that cannot be
 * copied is reported and skipped, since its page is already written.
 */
export class SiteFolderWriter implements SiteOutput {
  private readonly createdFolders = new Set<string>();
  /** The files written, relative to `out`, and old files not deleted: the marker lists them for the next render. */
  private readonly written: Set<string>;
  private readonly realSource: string;
  private readonly realOut: string;

  constructor(
    private readonly out: string,
    private readonly source: string,
    private readonly warn: (message: string) => void,
    leftovers: readonly string[] = [],
  ) {
    this.written = new Set(leftovers);
    this.realSource = realPathOf(source);
    this.realOut = realPathOf(out);
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
    } catch (error) {
      const name = path.relative(this.source, source).split(path.sep).join("/");
      this.warn(`could not copy ${name}: ${(error as Error).message}`);
    }
  }

  /** Copies a file of kb-author itself (KaTeX's stylesheet and fonts) to a site URL. */
  copyOwnFile(url: string, native: string): void {
    this.write(url, (file) => fs.copyFileSync(native, file, fs.constants.COPYFILE_EXCL));
  }

  /** Writes the list of the files written into the marker: called when the render ends, even on failure. */
  finish(): void {
    writeManifest(this.out, this.written);
  }

  /**
   * Writes the file of a site URL, its folder created, and lists it. Never through a link: a new file
   * only (a file already there is not the render's: its list's files were deleted), in a folder whose real
   * path lies in `out` (a folder there may be a link, `Root -> /etc`). Throws rather than leave `out`.
   */
  private write(url: string, create: (file: string) => void): void {
    const file = path.resolve(this.out, ...pathOfSiteUrl(url).split("/"));
    if (file === this.out || !isInsideFolder(file, this.out))
      throw new Error(`refusing to write ${url} outside --out`);
    const folder = path.dirname(file);
    if (!this.createdFolders.has(folder)) {
      if (!isInsideFolder(realPathOf(folder), this.realOut))
        throw new Error(`refusing to write ${url}: its folder is a link that leads out of --out`);
      fs.mkdirSync(folder, { recursive: true });
      this.createdFolders.add(folder);
    }
    create(file);
    this.written.add(pathOfSiteUrl(url));
  }
}
