import * as fs from "node:fs";
import * as path from "node:path";
import type { DirectoryEntry, FileStat, FileSystem } from "../core";

/**
 * The core's FileSystem over Node's fs, for the CLI and the language server. Core paths are POSIX;
 * on Windows they are converted here. Symbolic links are followed for files but never for folders,
 * so a link loop cannot make a scan endless.
 */
export class NodeFileSystem implements FileSystem {
  stat(corePath: string): FileStat | undefined {
    try {
      const stats = fs.statSync(toNativePath(corePath));
      return { type: stats.isDirectory() ? "directory" : "file", size: stats.size };
    } catch {
      return undefined;
    }
  }

  readDirectory(corePath: string): DirectoryEntry[] | undefined {
    try {
      const entries = fs.readdirSync(toNativePath(corePath), { withFileTypes: true });
      const result: DirectoryEntry[] = [];
      for (const entry of entries) {
        if (entry.isDirectory()) result.push({ name: entry.name, type: "directory" });
        else if (entry.isFile()) result.push({ name: entry.name, type: "file" });
        else if (entry.isSymbolicLink() && this.isLinkToFile(path.join(toNativePath(corePath), entry.name))) {
          result.push({ name: entry.name, type: "file" });
        }
      }
      return result;
    } catch {
      return undefined;
    }
  }

  readFile(corePath: string): Uint8Array | undefined {
    try {
      return fs.readFileSync(toNativePath(corePath));
    } catch {
      return undefined;
    }
  }

  /**
   * Reads at most `maxSize + 1` bytes, in chunks, so a huge file is never read whole; only then is it
   * stat'ed, for its size. A stat before each read (with its Stats object, whose four Dates Node 20
   * builds eagerly) was 7 % of a check of the shared corpus.
   */
  readFileUpTo(
    corePath: string,
    maxSize: number,
  ): Uint8Array | { tooLarge: number } | { unreadable: string } | undefined {
    let fd: number;
    try {
      fd = fs.openSync(toNativePath(corePath), "r");
    } catch (error) {
      return unreadableOrMissing(error);
    }
    try {
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const read = fs.readSync(fd, scratch, 0, Math.min(scratch.length, maxSize + 1 - total), null);
        if (read === 0) break;
        // A copy of just the bytes read: the scratch buffer is reused, and a small file takes little memory.
        chunks.push(Buffer.from(scratch.subarray(0, read)));
        total += read;
        if (total > maxSize) return { tooLarge: fs.fstatSync(fd).size };
      }
      return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    } catch (error) {
      // A folder (EISDIR) is no file: as missing, like `readFile`.
      return unreadableOrMissing(error);
    } finally {
      fs.closeSync(fd);
    }
  }

  private isLinkToFile(nativePath: string): boolean {
    try {
      return fs.statSync(nativePath).isFile();
    } catch {
      return false;
    }
  }
}

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
