import * as fs from "node:fs";
import * as path from "node:path";
import type { BoundedRead, DirectoryEntry, FileStat, FileSystem } from "../core";
import { WorkspaceConfinement } from "./workspaceConfinement";

/**
 * Opening never follows a link in the last component (a link is judged first: `readThroughLink`) and
 * never waits: a named pipe with no writer would block a synchronous open for good.
 */
const noFollow = fs.constants.O_NOFOLLOW as number | undefined;
const noWait = fs.constants.O_NONBLOCK as number | undefined;
const openFlags = fs.constants.O_RDONLY | (noFollow ?? 0) | (noWait ?? 0);
/** Without O_NOFOLLOW (Windows), a link is found by an `lstat` before the open. */
const openFollowsLinks = noFollow === undefined;
/** The most a plain `readFile` (a schema, a meta.json) reads: no read is unbounded. */
const readFileLimit = 64 * 1024 * 1024;

/**
 * The core's FileSystem over Node's fs, for the CLI and the language server. Core paths are POSIX; on
 * Windows they are converted here.
 *
 * Every read stays in the workspace folders, judged on real paths (`WorkspaceConfinement`): a file
 * whose real path lies outside is answered `outsideWorkspace`, whether or not its target exists, and
 * `stat` and listings never say what lies outside. Only regular files are read, at most to a size.
 * Symbolic links are followed for files but never for folders, so a link loop cannot make a scan endless.
 */
export class NodeFileSystem implements FileSystem {
  private readonly confinement = new WorkspaceConfinement();

  confineTo(roots: readonly string[]): void {
    this.confinement.confineTo(roots.map(toNativePath));
  }

  forget(paths: readonly string[]): void {
    this.confinement.forget(paths.map(toNativePath));
  }

  stat(corePath: string): FileStat | undefined {
    const native = toNativePath(corePath);
    if (!this.confinement.isRoot(native) && this.confinement.folderStatus(path.dirname(native)) !== "inside")
      return undefined;
    if (this.confinement.listedAsAbsent(native)) return undefined;
    try {
      const stats = fs.lstatSync(native);
      return stats.isSymbolicLink() ? this.statOfLink(native) : fileStatOf(stats);
    } catch {
      return undefined;
    }
  }

  readDirectory(corePath: string): DirectoryEntry[] | undefined {
    const native = toNativePath(corePath);
    if (this.confinement.folderStatus(native) !== "inside") return undefined;
    try {
      const entries = fs.readdirSync(native, { withFileTypes: true });
      this.confinement.noteListing(native, entries);
      const result: DirectoryEntry[] = [];
      for (const entry of entries) {
        if (entry.isDirectory()) result.push({ name: entry.name, type: "directory" });
        else if (entry.isFile()) result.push({ name: entry.name, type: "file" });
        // A link to a folder is left out, so that a walk cannot loop.
        else if (entry.isSymbolicLink() && this.statOfLink(path.join(native, entry.name))?.type === "file")
          result.push({ name: entry.name, type: "file" });
      }
      return result;
    } catch {
      return undefined;
    }
  }

  readFile(corePath: string): Uint8Array | undefined {
    const read = this.readFileUpTo(corePath, readFileLimit);
    return read instanceof Uint8Array ? read : undefined;
  }

  /**
   * Reads at most `maxSize + 1` bytes, in chunks, so a huge file is never read whole; only then is it
   * stat'ed, for its size. A stat before each read (with its Stats object, whose four Dates Node 20
   * builds eagerly) was 7 % of a check of the shared corpus.
   */
  readFileUpTo(corePath: string, maxSize: number): BoundedRead {
    const native = toNativePath(corePath);
    const folder = this.confinement.folderStatus(path.dirname(native));
    if (folder !== "inside") return folder === "outside" ? { outsideWorkspace: true } : undefined;
    if (openFollowsLinks && fs.lstatSync(native, { throwIfNoEntry: false })?.isSymbolicLink())
      return this.readThroughLink(native, maxSize);
    const read = openAndRead(native, maxSize);
    return read === "link" ? this.readThroughLink(native, maxSize) : read;
  }

  /** A file reached through a link: read only when the link leads inside the workspace. */
  private readThroughLink(native: string, maxSize: number): BoundedRead {
    const target = this.confinement.linkTarget(native);
    if (!target.inside) return { outsideWorkspace: true };
    if (target.real === undefined) return undefined;
    const read = openAndRead(target.real, maxSize);
    // A real path is no link, unless one took its place meanwhile: as missing.
    return read === "link" ? undefined : read;
  }

  /**
   * What a link is, as `stat` and listings answer: a link leading outside the workspace is a file,
   * whatever it names (its read is then refused, and nothing says whether its target exists); one inside
   * is what it leads to; a dangling one is nothing.
   */
  private statOfLink(native: string): FileStat | undefined {
    const target = this.confinement.linkTarget(native);
    if (!target.inside) return outsideLink;
    if (target.real === undefined) return undefined;
    try {
      return fileStatOf(fs.statSync(target.real));
    } catch {
      return undefined;
    }
  }
}

/** A folder or a regular file; nothing for a pipe, a device or a socket. */
function fileStatOf(stats: fs.Stats): FileStat | undefined {
  if (stats.isDirectory()) return { type: "directory", size: stats.size };
  return stats.isFile() ? { type: "file", size: stats.size } : undefined;
}

/** Opens a file without following a link in its last component, and reads it; "link" when it is one. */
function openAndRead(native: string, maxSize: number): BoundedRead | "link" {
  let fd: number;
  try {
    fd = fs.openSync(native, openFlags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // O_NOFOLLOW refuses a link with ELOOP (EMLINK on FreeBSD).
    if (code === "ELOOP" || code === "EMLINK") return "link";
    return unreadableOrMissing(error);
  }
  return readOpenFile(fd, maxSize);
}

/** Reads an opened file up to a size, then closes it. A file that read empty or too large is checked to be a regular file. */
function readOpenFile(fd: number, maxSize: number): BoundedRead {
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const read = fs.readSync(fd, scratch, 0, Math.min(scratch.length, maxSize + 1 - total), null);
      if (read === 0) break;
      // A copy of just the bytes read: the scratch buffer is reused, and a small file takes little memory.
      chunks.push(Buffer.from(scratch.subarray(0, read)));
      total += read;
      if (total > maxSize) {
        const stats = fs.fstatSync(fd);
        return stats.isFile() ? { tooLarge: stats.size } : notRegular;
      }
    }
    // A pipe or a device reads as empty (or endless, above): only then is the kind of file asked.
    if (total === 0 && !fs.fstatSync(fd).isFile()) return notRegular;
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } catch (error) {
    // A pipe with a writer but no data answers EAGAIN (the open does not wait).
    if ((error as NodeJS.ErrnoException).code === "EAGAIN") return notRegular;
    // A folder (EISDIR) is no file: as missing, like `readFile`.
    return unreadableOrMissing(error);
  } finally {
    fs.closeSync(fd);
  }
}

const notRegular = { unreadable: "it is not a regular file" };
const outsideLink: FileStat = { type: "file", size: 0, outsideWorkspace: true };

/** Errors that mean "no such file here" (or a folder): every other one is a file that exists but cannot be read. */
const missingCodes = new Set(["ENOENT", "ENOTDIR", "EISDIR", "ELOOP"]);

function unreadableOrMissing(error: unknown): { unreadable: string } | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined || missingCodes.has(code)) return undefined;
  return { unreadable: code === "EACCES" || code === "EPERM" ? `permission denied, ${code}` : code };
}

/** Where files are read, 64 KB at a time: more than almost every checked file, so most take one read (and one at the end). */
const scratch = Buffer.allocUnsafe(64 * 1024);

/** `C:\\kb\\x.md` -> `/C:/kb/x.md`; POSIX paths unchanged. */
export function toCorePath(nativePath: string): string {
  const absolute = path.resolve(nativePath);
  if (path.sep === "/") return absolute;
  return "/" + absolute.split(path.sep).join("/");
}

export function toNativePath(corePath: string): string {
  if (path.sep === "/") return corePath;
  return corePath
    .replace(/^\/([A-Za-z]:)/, "$1")
    .split("/")
    .join(path.sep);
}
