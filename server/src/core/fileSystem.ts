/**
 * The only way the core reaches files: the host (CLI, server, tests) passes an implementation in.
 * Paths are absolute POSIX-style paths (`/work/kb/AI_Safety/AI_Safety.md`). Every method returns
 * undefined instead of throwing when the entry is missing or unreadable.
 */
export type EntryType = "file" | "directory";

export interface DirectoryEntry {
  name: string;
  type: EntryType;
}

export interface FileStat {
  type: EntryType;
  size: number;
}

export interface FileSystem {
  stat(path: string): FileStat | undefined;
  readDirectory(path: string): DirectoryEntry[] | undefined;
  readFile(path: string): Uint8Array | undefined;
  /**
   * Optional: the bytes of a file unless it has more than `maxSize` (then only its size), without a
   * separate `stat`. Checking a tree reads every file once: a stat before each read was 7 % of the check.
   */
  readFileUpTo?(path: string, maxSize: number): Uint8Array | { tooLarge: number } | undefined;
}
