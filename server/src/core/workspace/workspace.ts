import { decodeText } from "../document/decode";
import { LineIndex } from "../document/lineIndex";
import { parseMarkdown, type ParsedMarkdown } from "../document/parsedDocument";
import {
  type Awaitable,
  type BoundedRead,
  type DirectoryEntry,
  type FileStat,
  type FileSystem,
  isPending,
} from "../fileSystem";
import type { OpenDocuments } from "../session/openDocuments";
import {
  ancestorsOf,
  basename,
  dirname,
  isHiddenName,
  isInside,
  joinPath,
  nfc,
  relativePath,
} from "../paths";
import type { Position } from "vscode-languageserver-types";

/** Up to this many paths, `isAtOrBelowAny` tests prefixes; beyond, it looks up ancestors (a tree's depth). */
const prefixTestLimit = 8;

/** The most read of a file that is not a checked document (a schema, a meta.json): 16 MiB. */
const nonDocumentLimit = 16 * 1024 * 1024;

/** What reading a checked file gave: its text, or the file-level problem that stops every other check. */
export type SourceText =
  | { ok: true; text: string; version: number }
  | { ok: false; problem: "missing" }
  | { ok: false; problem: "too-large"; size: number }
  | { ok: false; problem: "unreadable"; reason: string }
  | { ok: false; problem: "outside-workspace" }
  | { ok: false; problem: "binary" | "invalid-utf8"; position: Position };

/**
 * What changed in the tree, as every cache built on the workspace hears it (the one invalidation
 * signal): `structural` paths were created or deleted (or their listing was read late), `rules` says a
 * file that sets rules (meta.json, a configuration, a schema) changed.
 */
export interface TreeChange {
  structural: ReadonlySet<string>;
  rules: boolean;
}

/** Folders never scanned and never counted as child nodes. */
export function isSkippedFolderName(name: string): boolean {
  return isHiddenName(name) || name === "node_modules";
}

/** Parses a one-shot check keeps (the most recently used). */
const recentParsesKept = 256;

/**
 * The file tree as the core sees it: the host's file system, read through caches that the host
 * invalidates on change, with open (possibly unsaved) documents laid over it.
 */
export class Workspace {
  private readonly directoryCache = new Map<string, DirectoryEntry[] | null>();
  /** Per folder, its entries by their names after NFC normalisation (spellings that share one in listing order). */
  private readonly fileNameCache = new Map<string, Map<string, DirectoryEntry[]>>();
  private readonly statCache = new Map<string, FileStat | null>();
  private readonly textCache = new Map<string, SourceText>();
  private readonly parseCache = new Map<string, ParsedMarkdown>();
  /** Files whose bytes start with a BOM (the map builder sees it; the text does not). */
  private readonly bomFiles = new Set<string>();
  private readonly bomKnown = new Set<string>();
  private diskVersion = 0;
  /** How many times files changed on disk (any change, contents too): a cache built over many files compares it. */
  changeCount = 0;
  private readonly listeners: ((change: TreeChange) => void)[] = [];
  /** Reads the host has not answered yet, by path (a host whose reads complete later). */
  private readonly pendingReads = new Map<string, PromiseLike<void>>();
  /** How many reads were answered later since the workspace was made (a walk that saw one walks again). */
  lateReads = 0;
  /** Bytes of files that are not checked documents, read late, kept until asked for. */
  private readonly lateBytes = new Map<string, BoundedRead | null>();

  /**
   * `retainContents`: keep each file's text and parse once read (editor features come back to them).
   * A one-shot check reads each file once: without them its memory stays that of the tree, not of every
   * text, and the garbage collector's work grows in step with the tree (it grew faster than it).
   */
  constructor(
    private readonly fs: FileSystem,
    private rootFolders: readonly string[],
    private readonly openDocuments: OpenDocuments,
    private readonly retainContents = true,
  ) {
    fs.confineTo?.(rootFolders);
  }

  /** The folders the user opened: the scan covers them, and no schema is read outside them. */
  get roots(): readonly string[] {
    return this.rootFolders;
  }

  /** Workspace folders added or removed: every cache that knows which folder holds what starts again. */
  setRoots(roots: readonly string[]): void {
    const changed = new Set(
      [...roots, ...this.rootFolders].filter(
        (root) => !(roots.includes(root) && this.rootFolders.includes(root)),
      ),
    );
    this.rootFolders = roots;
    this.fs.confineTo?.(roots);
    if (changed.size > 0) this.notify({ structural: changed, rules: true });
  }

  /** Subscribes a cache built on the tree (maps, nodes, schemas, configurations) to its changes. */
  onDidChange(listener: (change: TreeChange) => void): void {
    this.listeners.push(listener);
  }

  /** The workspace root that holds a path, if any. */
  rootOf(path: string): string | undefined {
    let best: string | undefined;
    for (const root of this.roots)
      if (isInside(path, root) && (!best || root.length > best.length)) best = root;
    return best;
  }

  isInWorkspace(path: string): boolean {
    return this.rootOf(path) !== undefined;
  }

  /** Whether the workspace scan walks a folder: inside a root, itself and its ancestors not skipped (hidden, node_modules). */
  isScannedFolder(folder: string): boolean {
    const root = this.rootOf(folder);
    return root !== undefined && !relativePath(root, folder).split("/").some(isSkippedFolderName);
  }

  /** Ancestor folders of a path that lie inside its workspace root, nearest first. */
  ancestorsInWorkspace(folder: string): string[] {
    const root = this.rootOf(folder);
    const all = ancestorsOf(folder);
    return root ? all.filter((ancestor) => isInside(ancestor, root)) : all;
  }

  // ---- change notification ----------------------------------------------------------------------

  /**
   * Forgets what is cached about changed paths (and, for a folder, everything below it), then tells every
   * cache built on the tree. A burst (a branch checkout: 10,000 events in one message) is swept once, not
   * once per change: per change, it took time in the square of its size. `rules`: a file that sets rules
   * changed (the caller knows which files do).
   */
  invalidateAll(changes: readonly { path: string; structural: boolean }[], rules = false): void {
    const structural = this.forget(changes);
    if (structural.size > 0 || rules) this.notify({ structural, rules });
  }

  private notify(change: TreeChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private forget(changes: readonly { path: string; structural: boolean }[]): Set<string> {
    this.diskVersion++;
    this.changeCount++;
    const structural = new Set<string>();
    for (const { path, structural: isStructural } of changes) {
      this.bomKnown.delete(path);
      this.bomFiles.delete(path);
      if (isStructural) structural.add(path);
      else {
        this.statCache.delete(path);
        this.textCache.delete(path);
        this.parseCache.delete(path);
      }
    }
    if (structural.size === 0) return structural;
    this.fs.forget?.([...structural]);
    for (const path of structural) {
      this.directoryCache.delete(dirname(path));
      this.fileNameCache.delete(dirname(path));
    }
    for (const cache of [
      this.directoryCache,
      this.fileNameCache,
      this.statCache,
      this.textCache,
      this.parseCache,
    ]) {
      // Negative answers (a missing link target, a missing folder) go too: held until the next change of
      // shape, they cannot pile up for files long deleted (whose links were checked while they existed).
      for (const [key, value] of cache)
        if (value === null || isAtOrBelowAny(key, structural)) cache.delete(key);
    }
    const checked = new Set<string>();
    for (const path of structural) {
      if (!checked.has(dirname(path))) this.forgetStaleAncestors(path, structural);
      checked.add(dirname(path));
    }
    return structural;
  }

  /**
   * A watcher coalesces events: files checked out into a new folder may come without an event for the
   * folder, and a folder removed with its files may be announced only by its files' events. Every
   * ancestor whose cached listing disagrees with the disk about its child is listed again.
   */
  private forgetStaleAncestors(path: string, structural: Set<string>): void {
    const folder = dirname(path);
    const parent = dirname(folder);
    if (folder === path || parent === folder || !this.isInWorkspace(folder)) return;
    const stat = this.fs.stat(folder);
    // A host that answers later is asked again when the folder is next looked at.
    if (isPending(stat)) return;
    const exists = stat !== undefined;
    const listing = this.directoryCache.get(parent);
    // A listing cached as null (unreadable folder) lists nothing.
    if (listing !== undefined && (listing ?? []).some((entry) => entry.name === basename(folder)) === exists)
      return;
    // The folder is gone: forget it and all below it (then its own ancestors, the same way).
    if (!exists) {
      for (const gone of this.forget([{ path: folder, structural: true }])) structural.add(gone);
      return;
    }
    this.statCache.delete(folder);
    this.directoryCache.delete(parent);
    this.fileNameCache.delete(parent);
    this.forgetStaleAncestors(folder, structural);
  }

  /**
   * After a file turned out to be missing (validated after its deletion): forget the negative answers
   * cached about it and about its folders that are gone too, so that nothing stays held for deleted paths.
   */
  forgetMissing(path: string): void {
    for (
      let current = path;
      current === path || this.isCachedAsMissing(current);
      current = dirname(current)
    ) {
      this.statCache.delete(current);
      this.directoryCache.delete(current);
      this.fileNameCache.delete(current);
      if (dirname(current) === current) return;
    }
  }

  private isCachedAsMissing(path: string): boolean {
    return this.statCache.get(path) === null || this.directoryCache.get(path) === null;
  }

  // ---- what is held (tests and benchmarks check that deleted files are released) ---------------

  /** How many entries each cache holds. */
  cacheSizes(): {
    open: number;
    directories: number;
    fileNames: number;
    stats: number;
    texts: number;
    parses: number;
  } {
    return {
      open: this.openDocuments.size,
      directories: this.directoryCache.size,
      fileNames: this.fileNameCache.size,
      stats: this.statCache.size,
      texts: this.textCache.size,
      parses: this.parseCache.size,
    };
  }

  /** Every path a cache holds an entry for, with the cache's name (as in `cacheSizes`). */
  *cachedPaths(): Generator<[cache: string, path: string]> {
    const caches = {
      open: { keys: () => this.openDocuments.paths() },
      directories: this.directoryCache,
      fileNames: this.fileNameCache,
      stats: this.statCache,
      texts: this.textCache,
      parses: this.parseCache,
    };
    for (const [name, cache] of Object.entries(caches)) for (const path of cache.keys()) yield [name, path];
  }

  // ---- the tree ---------------------------------------------------------------------------------

  /** Whether an editor holds the file (its text is the editor's, not the disk's). */
  isOpen(path: string): boolean {
    return this.openDocuments.get(path) !== undefined;
  }

  stat(path: string): FileStat | undefined {
    const open = this.openDocuments.get(path);
    if (open) return { type: "file", size: open.text.length };
    let stat = this.statCache.get(path);
    if (stat === undefined) {
      const answer = this.answerNowOrLater(path, "stat", this.fs.stat(path), (late) =>
        this.statCache.set(path, late ?? null),
      );
      if (answer.pending) return undefined;
      stat = answer.value ?? null;
      this.statCache.set(path, stat);
    }
    return stat ?? undefined;
  }

  exists(path: string): boolean {
    return this.stat(path) !== undefined;
  }

  isDirectory(path: string): boolean {
    return this.stat(path)?.type === "directory";
  }

  /**
   * The entries of a folder with their names as on disk. Names are not normalised here: a path built
   * from an NFC-normalised name does not open an NFD-named file on Linux (ext4 compares bytes), so the
   * file would silently go unchecked. Name comparisons normalise instead (`hasFile`, the Order check).
   */
  readDirectory(path: string): DirectoryEntry[] {
    let entries = this.directoryCache.get(path);
    if (entries === undefined) {
      const answer = this.answerNowOrLater(path, "directory", this.fs.readDirectory(path), (late) => {
        this.directoryCache.set(path, late ?? null);
        // Names looked up while the listing was on its way were looked up in an empty one.
        this.fileNameCache.delete(path);
      });
      if (answer.pending) return [];
      entries = answer.value ?? null;
      this.directoryCache.set(path, entries);
    }
    return entries ?? [];
  }

  /**
   * Whether its parent lists the path as a folder. A link to a folder is no folder of the tree (the file
   * system leaves it out of listings, so that a link loop cannot make a walk endless), though `stat`
   * follows it: a folder announced by an event is walked only when the tree has it.
   */
  isListedFolder(path: string): boolean {
    const name = basename(path);
    return this.readDirectory(dirname(path)).some(
      (entry) => entry.type === "directory" && entry.name === name,
    );
  }

  /**
   * A path as spelt on disk: itself when it exists, else the path whose names equal its names after
   * NFC normalisation (a link typed in NFC to a folder macOS wrote in NFD), looked up within the workspace.
   */
  spelledOnDisk(path: string): string | undefined {
    if (this.exists(path)) return path;
    const root = this.rootOf(path);
    if (root === undefined) return undefined;
    let current = root;
    for (const segment of path.slice(root.length).split("/").filter(Boolean)) {
      const direct = joinPath(current, segment);
      if (this.exists(direct)) {
        current = direct;
        continue;
      }
      const wanted = nfc(segment);
      const entry = this.readDirectory(current).find((candidate) => nfc(candidate.name) === wanted);
      if (!entry) return undefined;
      current = joinPath(current, entry.name);
    }
    return current;
  }

  /** Non-hidden sub-folders, names as on disk: the child nodes of a node folder. */
  childFolders(path: string): string[] {
    return this.readDirectory(path)
      .filter((entry) => entry.type === "directory" && !isSkippedFolderName(entry.name))
      .map((entry) => entry.name);
  }

  /** Whether a folder has a sub-folder that counts as a child node (`childFolders`, without listing them). */
  hasChildFolders(path: string): boolean {
    return this.readDirectory(path).some(
      (entry) => entry.type === "directory" && !isSkippedFolderName(entry.name),
    );
  }

  hasFile(folder: string, name: string): boolean {
    return this.findFile(folder, name) !== undefined;
  }

  /** The path of a file in a folder whose name equals `name` after NFC normalisation, as spelt on disk. */
  findFile(folder: string, name: string): string | undefined {
    // The first of two spellings with one NFC form wins, as in the folder's listing order.
    const found = this.entriesByNfcName(folder)
      .get(nfc(name))
      ?.find((entry) => entry.type === "file");
    return found && joinPath(folder, found.name);
  }

  /** The path of a file or folder in a folder whose name equals `name` after NFC normalisation, as spelt on disk. */
  findEntry(folder: string, name: string): string | undefined {
    const found = this.entriesByNfcName(folder).get(nfc(name))?.[0];
    return found && joinPath(folder, found.name);
  }

  private entriesByNfcName(folder: string): Map<string, DirectoryEntry[]> {
    let names = this.fileNameCache.get(folder);
    if (!names) {
      names = new Map();
      for (const entry of this.readDirectory(folder)) {
        const key = nfc(entry.name);
        const same = names.get(key);
        if (same) same.push(entry);
        else names.set(key, [entry]);
      }
      this.fileNameCache.set(folder, names);
    }
    return names;
  }

  // ---- contents ---------------------------------------------------------------------------------

  /**
   * The text of a checked file: the open document if there is one, else the file on disk,
   * refused past `maxSize` bytes before it is read.
   */
  readText(path: string, maxSize: number, cache = true, handOver = false): SourceText {
    const open = this.openDocuments.get(path);
    if (open) {
      // An editor holds text, not bytes: its UTF-16 length stands in for the size, so a huge open file is refused too.
      if (open.text.length > maxSize) return { ok: false, problem: "too-large", size: open.text.length };
      const nul = open.text.indexOf("\0");
      if (nul !== -1)
        return { ok: false, problem: "binary", position: new LineIndex(open.text).positionAt(nul) };
      return { ok: true, text: open.text, version: open.version };
    }
    const cached = this.textCache.get(path);
    if (cached) {
      // Read late for a one-shot check (or a file not to keep): handed over once, not held.
      if (!this.retainContents || !cache) this.textCache.delete(path);
      return cached;
    }
    const read = this.fs.readFileUpTo
      ? this.fs.readFileUpTo(path, maxSize)
      : this.statThenRead(path, maxSize);
    const answer = this.answerNowOrLater(path, "text", read, (late) => {
      this.noteBom(path, late);
      this.textCache.set(path, this.sourceText(late, maxSize));
    });
    if (answer.pending) return { ok: false, problem: "missing" };
    this.noteBom(path, answer.value);
    const result = this.sourceText(answer.value, maxSize);
    // A missing file is not remembered: nothing is held for a deleted path (the file event comes anyway).
    // `handOver`: a look-ahead read whose text the file's own check takes next, so it is read once.
    if (((cache && this.retainContents) || handOver) && !(!result.ok && result.problem === "missing"))
      this.textCache.set(path, result);
    return result;
  }

  /**
   * Whether the file started with a UTF-8 byte order mark when last read from disk. The text drops it (as
   * editors do), but the map builder, a Python program, keeps it: it hides a first `###` heading, and its
   * JSON reader refuses the file.
   */
  startsWithBom(path: string): boolean {
    // An open document's text has no BOM: the file on disk says whether it is saved with one.
    if (!this.bomKnown.has(path)) {
      const bytes = this.readDiskBytes(path);
      if (bytes !== undefined) this.noteBom(path, bytes);
    }
    return this.bomFiles.has(path);
  }

  private noteBom(path: string, bytes: BoundedRead): void {
    this.bomKnown.add(path);
    if (bytes && bytes instanceof Uint8Array && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      this.bomFiles.add(path);
    else this.bomFiles.delete(path);
  }

  /**
   * Raw bytes of a file that is not a checked document (a schema, a meta.json being looked up), up to
   * 16 MiB (no read is unbounded), or why there are none.
   */
  readBytes(path: string): BoundedRead {
    const open = this.openDocuments.get(path);
    if (open) return new TextEncoder().encode(open.text);
    return this.readDiskBytes(path);
  }

  private readDiskBytes(path: string): BoundedRead {
    const late = this.lateBytes.get(path);
    if (late !== undefined) {
      this.lateBytes.delete(path);
      return late ?? undefined;
    }
    const read = this.fs.readFileUpTo ? this.fs.readFileUpTo(path, nonDocumentLimit) : this.fs.readFile(path);
    const answer = this.answerNowOrLater(path, "bytes", read, (bytes) =>
      this.lateBytes.set(path, bytes ?? null),
    );
    return answer.pending ? undefined : answer.value;
  }

  // ---- reads that complete later ----------------------------------------------------------------

  /** Whether some read asked for since the last `settleReads` has not been answered yet. */
  hasPendingReads(): boolean {
    return this.pendingReads.size > 0;
  }

  /**
   * Waits for every read in flight, keeps the answers, and tells the caches built on the tree, which may
   * have taken "not known yet" for "missing": the caller then validates again, with the answers.
   */
  async settleReads(): Promise<void> {
    while (this.pendingReads.size > 0) {
      const reads = [...this.pendingReads.values()];
      const paths = new Set([...this.pendingReads.keys()].map((key) => key.slice(key.indexOf(":") + 1)));
      await Promise.all(reads);
      this.notify({ structural: paths, rules: true });
    }
  }

  /** A host's answer now, or (for a promise) nothing now and `keep` called with the answer when it comes. */
  private answerNowOrLater<T>(
    path: string,
    what: string,
    answer: Awaitable<T>,
    keep: (late: T) => void,
  ): { pending: true } | { pending: false; value: T } {
    if (!isPending(answer)) return { pending: false, value: answer };
    const key = `${what}:${path}`;
    this.lateReads++;
    if (!this.pendingReads.has(key)) {
      const settled = Promise.resolve(answer).then(keep, () => keep(undefined as T));
      this.pendingReads.set(
        key,
        settled.then(() => void this.pendingReads.delete(key)),
      );
    }
    return { pending: true };
  }

  /** The parse of a Markdown document, shared by every feature until the text changes. */
  /**
   * A page's parse for a look-up from another page (its anchors); undefined when it cannot be read. A
   * one-shot check takes the parse it kept, without reading the file again: nothing is open, and a file
   * changed (by `--fix`) drops it.
   */
  parsedPage(path: string, maxSize: number): ParsedMarkdown | undefined {
    const kept = this.retainContents || this.openDocuments.get(path) ? undefined : this.parseCache.get(path);
    if (kept) {
      this.parseCache.delete(path);
      this.parseCache.set(path, kept);
      return kept;
    }
    const source = this.readText(path, maxSize);
    return source.ok ? this.parsedMarkdown(path, source.text, source.version, true) : undefined;
  }

  /**
   * `keep`: a one-shot check keeps this parse among the latest few, for a page read again and again (a
   * link target whose anchors each link looks up: astro-docs' 420 pages were parsed 1,335 times). Other
   * parses are not kept by a one-shot check: holding every one costs it in garbage collection.
   */
  parsedMarkdown(path: string, text: string, version: number, keep = false): ParsedMarkdown {
    const cached = this.parseCache.get(path);
    if (cached && cached.lines.text === text) {
      if (!this.retainContents) this.parseCache.delete(path);
      this.parseCache.set(path, cached);
      return cached;
    }
    const parsed = parseMarkdown(path, version, text);
    if (this.retainContents || keep) this.parseCache.set(path, parsed);
    if (!this.retainContents && this.parseCache.size > recentParsesKept)
      this.parseCache.delete(this.parseCache.keys().next().value!);
    return parsed;
  }

  private sourceText(bytes: BoundedRead, maxSize: number): SourceText {
    if (!bytes) return { ok: false, problem: "missing" };
    if ("tooLarge" in bytes) return { ok: false, problem: "too-large", size: bytes.tooLarge };
    if ("unreadable" in bytes) return { ok: false, problem: "unreadable", reason: bytes.unreadable };
    if ("outsideWorkspace" in bytes) return { ok: false, problem: "outside-workspace" };
    if (bytes.length > maxSize) return { ok: false, problem: "too-large", size: bytes.length };
    const decoded = decodeText(bytes);
    if (!decoded.ok) return { ok: false, problem: decoded.reason, position: decoded.position };
    return { ok: true, text: decoded.text, version: ++this.diskVersion };
  }

  /** `readFileUpTo` for a file system without it: a huge file is refused by its size before it is read. */
  private statThenRead(path: string, maxSize: number): Awaitable<BoundedRead> {
    const stat = this.stat(path);
    if (!stat || stat.type !== "file") return undefined;
    if (stat.outsideWorkspace) return { outsideWorkspace: true };
    if (stat.size > maxSize) return { tooLarge: stat.size };
    return this.fs.readFile(path);
  }
}

/**
 * Whether a path is one of `paths` or lies below one of them. A file event names one or two paths: a prefix
 * test each (every cached path is tested after each event: a walk up its ancestors cost 40 ms on 5,800
 * files). A burst of many (a checkout) walks the path's ancestors instead, one lookup per level.
 */
export function isAtOrBelowAny(path: string, paths: ReadonlySet<string>): boolean {
  if (paths.size <= prefixTestLimit) {
    for (const candidate of paths) if (isInside(path, candidate)) return true;
    return false;
  }
  for (let current = path; ; current = dirname(current)) {
    if (paths.has(current)) return true;
    if (dirname(current) === current) return false;
  }
}
