import * as fs from "node:fs";
import * as path from "node:path";

/** A file as read to be fixed: the bytes the fix is computed from, and the file they were read from. */
export interface FileSnapshot {
  bytes: Buffer;
  stats: fs.BigIntStats;
}

/** A file read to see what its fixes would be, that must not be written, and why. */
export interface RefusedFile {
  bytes: Buffer;
  refused: string;
}

/**
 * Reads a file to fix it, or says why it must be left alone: a symbolic link (its target may lie outside
 * the checked paths), a file with other hard links (a replace would part it from them, a write would
 * change them), a read-only file (no write bit: root could write it, but its owner said not to), a file
 * the user may not write. Undefined for what is no regular file (a FIFO would block the read).
 */
export function readForFix(nativePath: string): FileSnapshot | RefusedFile | undefined {
  const linkStats = fs.lstatSync(nativePath);
  if (linkStats.isSymbolicLink()) {
    if (!fs.statSync(nativePath).isFile()) return undefined;
    const refused = "it is a symbolic link (its target may lie outside the checked paths)";
    return { bytes: fs.readFileSync(nativePath), refused };
  }
  if (!linkStats.isFile()) return undefined;
  const fd = fs.openSync(nativePath, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    const stats = fs.fstatSync(fd, { bigint: true });
    if (!stats.isFile()) return undefined;
    const bytes = fs.readFileSync(fd);
    const refused = whyNotWritable(nativePath, stats);
    return refused ? { bytes, refused } : { bytes, stats };
  } finally {
    fs.closeSync(fd);
  }
}

function whyNotWritable(nativePath: string, stats: fs.BigIntStats): string | undefined {
  if (stats.nlink > 1n) return `it has ${stats.nlink - 1n} other hard link${stats.nlink > 2n ? "s" : ""}`;
  if ((stats.mode & 0o222n) === 0n) return `it is read-only (mode ${(stats.mode & 0o777n).toString(8)})`;
  try {
    fs.accessSync(nativePath, fs.constants.W_OK);
  } catch {
    return "you may not write it";
  }
  return undefined;
}

/** A file replaced, whose old content is still watched for a late write (see settleReplaced). */
export interface ReplacedFile {
  nativePath: string;
  snapshot: FileSnapshot;
  /** The old file, open: a writer that opened it before the rename may still write to it. */
  oldFd: number;
  /** A second name of the old file (undefined where hard links are not supported). */
  backup: string | undefined;
}

let tempCounter = 0;

/**
 * Replaces a file with new content if it still holds the snapshot's bytes, atomically: the content is
 * written to a temporary file in the same folder (with the file's mode, owner and group), compared
 * with the file once more, and renamed over it. Undefined when the file changed since the snapshot
 * (nothing is written). The old file stays open, and linked under a second name, until settleReplaced.
 */
export function replaceIfUnchanged(
  nativePath: string,
  snapshot: FileSnapshot,
  content: Buffer,
): ReplacedFile | undefined {
  const folder = path.dirname(nativePath);
  const hidden = `.${path.basename(nativePath)}.kb-author-${process.pid}-${++tempCounter}`;
  const temp = path.join(folder, `${hidden}.tmp`);
  const tempFd = fs.openSync(temp, "wx", 0o600);
  let replaced: ReplacedFile | undefined;
  let oldFd: number | undefined;
  let backup: string | undefined;
  try {
    writeAll(tempFd, content);
    keepOwnerAndMode(tempFd, snapshot.stats);
    fs.fsyncSync(tempFd);
    oldFd = fs.openSync(nativePath, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    backup = linkIfPossible(nativePath, path.join(folder, `${hidden}.old`));
    const kept = backup ? fs.lstatSync(backup, { bigint: true }) : undefined;
    const oldStats = fs.fstatSync(oldFd, { bigint: true });
    if (!sameFile(oldStats, snapshot.stats) || (kept && !sameFile(kept, oldStats))) return undefined;
    if (!holds(oldFd, snapshot.bytes)) return undefined;
    fs.renameSync(temp, nativePath);
    replaced = { nativePath, snapshot, oldFd, backup };
    return replaced;
  } finally {
    fs.closeSync(tempFd);
    if (!replaced) {
      fs.rmSync(temp, { force: true });
      if (oldFd !== undefined) fs.closeSync(oldFd);
      if (backup) fs.rmSync(backup, { force: true });
    }
  }
}

/** What became of a write that reached the old file after the comparison (none, mostly). */
export type LateWrite =
  | { kind: "none" }
  /** Bytes appended to the old file: appended again to the file in its place. */
  | { kind: "appended-again" }
  /** Another change: the old file, with it, is kept under its second name. */
  | { kind: "kept"; keptAs: string }
  /** Another change, where the old file has no second name: it is lost. */
  | { kind: "lost" };

/**
 * Looks at the old file of a replace once more, as late as the caller can (after the other files): a
 * writer that opened the file before the rename writes to the old file, however soon after. An append
 * is appended again to the new file (appends do not overwrite one another); another change keeps the
 * old file under its second name. A write after this look is lost: the window that remains.
 */
export function settleReplaced(replaced: ReplacedFile): LateWrite {
  const { oldFd, backup, snapshot } = replaced;
  let keep = false;
  try {
    const now = readAll(oldFd);
    if (now.equals(snapshot.bytes)) return { kind: "none" };
    if (now.length > snapshot.bytes.length && now.subarray(0, snapshot.bytes.length).equals(snapshot.bytes)) {
      fs.appendFileSync(replaced.nativePath, now.subarray(snapshot.bytes.length));
      return { kind: "appended-again" };
    }
    keep = backup !== undefined;
    return backup ? { kind: "kept", keptAs: backup } : { kind: "lost" };
  } finally {
    fs.closeSync(oldFd);
    if (backup && !keep) fs.rmSync(backup, { force: true });
  }
}

function writeAll(fd: number, content: Buffer): void {
  for (let offset = 0; offset < content.length; )
    offset += fs.writeSync(fd, content, offset, content.length - offset);
}

/**
 * The new file gets the old one's owner and group (possible as root, or for a group the user is in),
 * then its permission bits (after the change of owner, which clears set-user-ID bits).
 */
function keepOwnerAndMode(fd: number, stats: fs.BigIntStats): void {
  const own = fs.fstatSync(fd, { bigint: true });
  if (own.uid !== stats.uid || own.gid !== stats.gid) {
    try {
      fs.fchownSync(fd, Number(stats.uid), Number(stats.gid));
    } catch (error) {
      throw new Error("its owner or group could not be kept (the file belongs to another user)", {
        cause: error,
      });
    }
  }
  fs.fchmodSync(fd, Number(stats.mode & 0o7777n));
}

/** A second name for the old file while it is watched; undefined where hard links are not supported. */
function linkIfPossible(existing: string, newPath: string): string | undefined {
  try {
    fs.linkSync(existing, newPath);
    return newPath;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP" || code === "EMLINK")
      return undefined;
    throw error;
  }
}

function sameFile(a: fs.BigIntStats, b: fs.BigIntStats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** Whether an open file holds exactly these bytes now. */
function holds(fd: number, bytes: Buffer): boolean {
  return fs.fstatSync(fd).size === bytes.length && readAll(fd).equals(bytes);
}

/** An open file's whole content, read from its start. */
function readAll(fd: number): Buffer {
  const chunks: Buffer[] = [];
  for (let position = 0; ; ) {
    const chunk = Buffer.alloc(64 * 1024);
    const count = fs.readSync(fd, chunk, 0, chunk.length, position);
    if (count === 0) return Buffer.concat(chunks);
    chunks.push(chunk.subarray(0, count));
    position += count;
  }
}
