import * as fs from "node:fs";
import * as path from "node:path";
import type { DirectoryEntry, FileStat, FileSystem } from "../core/fileSystem";

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

  private isLinkToFile(nativePath: string): boolean {
    try {
      return fs.statSync(nativePath).isFile();
    } catch {
      return false;
    }
  }
}

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
