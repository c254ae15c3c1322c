/**
 * The only way the core reaches files: the host (CLI, server, tests) passes an implementation in.
 * Paths are absolute POSIX-style paths (`/work/kb/AI_Safety/AI_Safety.md`). Every method returns
 * undefined instead of throwing when the entry is missing or unreadable (`readFileUpTo` tells an
 * unreadable file apart, so that it gets a diagnostic instead of silently going unchecked).
 *
 * Each answer may come at once (Node's synchronous calls: the CLI and the desktop server) or later, as
 * a promise (a host that reads through the editor, such as a browser's). The workspace asks, answers
 * "not known yet" to the check that asked, and the session validates the file again once the answers
 * have come: no result that depended on a read still in flight is ever published.
 *
 * Symbolic links: an implementation lists a link to a file as a file and leaves out links to folders
 * (and broken links), so that a walk of the tree can never loop (`a/loop -> ..`).
 *
 * Confinement: an implementation over a real disk keeps every read inside the folders `confineTo` names,
 * judged on real paths (a link inside may lead outside), and answers `outsideWorkspace` for a file that
 * leads out, without reading it and without saying whether its target exists.
 */
type EntryType = "file" | "directory";

export interface DirectoryEntry {
  name: string;
  type: EntryType;
}

export interface FileStat {
  type: EntryType;
  size: number;
  /** A link in the workspace that leads outside it: an entry of the tree (a file), never read. */
  outsideWorkspace?: true;
}

/** A value now, or a promise of it. */
export type Awaitable<T> = T | PromiseLike<T>;

/** What reading a file up to a size gave: its bytes, its size when it is larger, a reason it cannot be read, or nothing (missing). */
export type BoundedRead =
  | Uint8Array
  | { tooLarge: number }
  | { unreadable: string }
  | { outsideWorkspace: true }
  | undefined;

export interface FileSystem {
  stat(path: string): Awaitable<FileStat | undefined>;
  readDirectory(path: string): Awaitable<DirectoryEntry[] | undefined>;
  readFile(path: string): Awaitable<Uint8Array | undefined>;
  /**
   * Optional: the bytes of a file unless it has more than `maxSize` (then only its size), without a
   * separate `stat`. Checking a tree reads every file once: a stat before each read was 7 % of the check.
   * `unreadable`: the file exists but cannot be read (no read permission), with the reason.
   */
  readFileUpTo?(path: string, maxSize: number): Awaitable<BoundedRead>;
  /** Optional: the workspace folders, where reads must stay; called again when they change. */
  confineTo?(roots: readonly string[]): void;
  /** Optional: paths that changed on disk (a folder replaced by a link must be judged again). */
  forget?(paths: readonly string[]): void;
}

export function isPending<T>(value: Awaitable<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | undefined)?.then === "function";
}
