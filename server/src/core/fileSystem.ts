/**
 * The only way the core reaches files: the host (CLI, server, tests) passes an implementation in.
 * Paths are absolute POSIX-style paths (`/work/kb/AI_Safety/AI_Safety.md`). Every method returns
 * undefined instead of throwing when the entry is missing or unreadable (`readFileUpTo` tells an
 * unreadable file apart, so that it gets a diagnostic instead of silently going unchecked).
 *
 * Symbolic links: an implementation lists a link to a file as a file and leaves out links to folders
 * (and broken links), so that a walk of the tree can never loop (`a/loop -> ..`).
 */
type EntryType = "file" | "directory";

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
   * `unreadable`: the file exists but cannot be read (no read permission), with the reason.
   */
  readFileUpTo?(
    path: string,
    maxSize: number,
  ): Uint8Array | { tooLarge: number } | { unreadable: string } | undefined;
}
