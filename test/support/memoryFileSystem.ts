import type { DirectoryEntry, FileStat, FileSystem } from "../../server/src/core/fileSystem";

/**
 * An in-memory FileSystem for core tests: `{ "/kb/meta.json": "{...}", "/kb/Root/": null }`.
 * A key ending in `/` is an (empty) folder; parent folders exist implicitly.
 */
export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, Uint8Array>();
  private readonly folders = new Set<string>(["/"]);

  constructor(entries: Record<string, string | Uint8Array | null> = {}) {
    for (const [path, content] of Object.entries(entries)) {
      if (path.endsWith("/")) this.addFolder(path.slice(0, -1));
      else this.writeFile(path, content ?? "");
    }
  }

  writeFile(path: string, content: string | Uint8Array): void {
    this.files.set(path, typeof content === "string" ? new TextEncoder().encode(content) : content);
    this.addFolder(path.slice(0, path.lastIndexOf("/")) || "/");
  }

  addFolder(path: string): void {
    for (
      let folder = path;
      folder && !this.folders.has(folder);
      folder = folder.slice(0, folder.lastIndexOf("/")) || "/"
    ) {
      this.folders.add(folder);
    }
  }

  delete(path: string): void {
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

  stat(path: string): FileStat | undefined {
    const file = this.files.get(path);
    if (file) return { type: "file", size: file.length };
    return this.folders.has(path) ? { type: "directory", size: 0 } : undefined;
  }

  readDirectory(path: string): DirectoryEntry[] | undefined {
    if (!this.folders.has(path)) return undefined;
    const prefix = path === "/" ? "/" : path + "/";
    const isChild = (candidate: string) =>
      candidate.startsWith(prefix) && !candidate.slice(prefix.length).includes("/");
    const entries: DirectoryEntry[] = [];
    for (const folder of this.folders)
      if (folder !== path && isChild(folder))
        entries.push({ name: folder.slice(prefix.length), type: "directory" });
    for (const file of this.files.keys())
      if (isChild(file)) entries.push({ name: file.slice(prefix.length), type: "file" });
    return entries;
  }

  readFile(path: string): Uint8Array | undefined {
    return this.files.get(path);
  }
}
