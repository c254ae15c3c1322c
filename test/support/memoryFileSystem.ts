import type { DirectoryEntry, FileStat, FileSystem } from "../../server/src/core/fileSystem";

/** One call the core made, as fault hooks see it (before it is answered). */
export interface FileSystemCall {
  method: "stat" | "readDirectory" | "readFile";
  path: string;
  /** 1 for the first call of any method, 2 for the next... */
  count: number;
}

/**
 * An in-memory FileSystem for core tests: `{ "/kb/meta.json": "{...}", "/kb/Root/": null }`.
 * A key ending in `/` is an (empty) folder; parent folders exist implicitly.
 *
 * Faults: `onCall` runs before each call is answered and may change the tree (a file deleted or renamed
 * while the scan runs); a path in `unreadable` exists but cannot be read, as a file without read
 * permission. Symbolic links are not represented: the FileSystem contract lists a link to a file as a
 * file and leaves out links to folders, so a tree with a link loop looks like the same tree without it.
 */
export class MemoryFileSystem implements FileSystem {
  onCall: ((call: FileSystemCall) => void) | undefined;
  readonly unreadable = new Set<string>();
  private calls = 0;
  private readonly files = new Map<string, Uint8Array>();
  private readonly folders = new Set<string>(["/"]);
  /** Every folder's entries, built in one pass when first listed and dropped on any change (large trees). */
  private listing: Map<string, DirectoryEntry[]> | undefined;

  constructor(entries: Record<string, string | Uint8Array | null> = {}) {
    for (const [path, content] of Object.entries(entries)) {
      if (path.endsWith("/")) this.addFolder(path.slice(0, -1));
      else this.writeFile(path, content ?? "");
    }
  }

  writeFile(path: string, content: string | Uint8Array): void {
    this.listing = undefined;
    this.files.set(path, typeof content === "string" ? new TextEncoder().encode(content) : content);
    this.addFolder(path.slice(0, path.lastIndexOf("/")) || "/");
  }

  addFolder(path: string): void {
    this.listing = undefined;
    for (
      let folder = path;
      folder && !this.folders.has(folder);
      folder = folder.slice(0, folder.lastIndexOf("/")) || "/"
    ) {
      this.folders.add(folder);
    }
  }

  delete(path: string): void {
    this.listing = undefined;
    for (const file of [...this.files.keys()])
      if (file === path || file.startsWith(path + "/")) this.files.delete(file);
    for (const folder of [...this.folders])
      if (folder === path || folder.startsWith(path + "/")) this.folders.delete(folder);
  }

  /** Moves a file or a folder (with everything below it). */
  rename(from: string, to: string): void {
    for (const [file, content] of [...this.files]) {
      if (file === from || file.startsWith(from + "/")) {
        this.files.delete(file);
        this.writeFile(to + file.slice(from.length), content);
      }
    }
    for (const folder of [...this.folders]) {
      if (folder === from || folder.startsWith(from + "/")) {
        this.folders.delete(folder);
        this.addFolder(to + folder.slice(from.length));
      }
    }
  }

  /** Every file's text, for comparing whole trees in tests. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(
      [...this.files].sort().map(([path, bytes]) => [path, new TextDecoder().decode(bytes)]),
    );
  }

  private called(method: FileSystemCall["method"], path: string): void {
    this.onCall?.({ method, path, count: ++this.calls });
  }

  stat(path: string): FileStat | undefined {
    this.called("stat", path);
    const file = this.files.get(path);
    if (file) return { type: "file", size: file.length };
    return this.folders.has(path) ? { type: "directory", size: 0 } : undefined;
  }

  readDirectory(path: string): DirectoryEntry[] | undefined {
    this.called("readDirectory", path);
    if (!this.folders.has(path)) return undefined;
    if (!this.listing) {
      const listing = new Map<string, DirectoryEntry[]>();
      const add = (entry: string, type: DirectoryEntry["type"]) => {
        const slash = entry.lastIndexOf("/");
        const parent = entry.slice(0, slash) || "/";
        const entries = listing.get(parent) ?? [];
        entries.push({ name: entry.slice(slash + 1), type });
        listing.set(parent, entries);
      };
      for (const folder of this.folders) if (folder !== "/") add(folder, "directory");
      for (const file of this.files.keys()) add(file, "file");
      this.listing = listing;
    }
    return [...(this.listing.get(path) ?? [])];
  }

  readFile(path: string): Uint8Array | undefined {
    this.called("readFile", path);
    return this.unreadable.has(path) ? undefined : this.files.get(path);
  }

  /** As the Node adapter: bytes, a size past the limit, or why an existing file cannot be read. */
  readFileUpTo(
    path: string,
    maxSize: number,
  ): Uint8Array | { tooLarge: number } | { unreadable: string } | undefined {
    this.called("readFile", path);
    const file = this.files.get(path);
    if (!file) return undefined;
    if (this.unreadable.has(path)) return { unreadable: "permission denied, EACCES" };
    return file.length > maxSize ? { tooLarge: file.length } : file;
  }
}
