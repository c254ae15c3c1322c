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

export type ReplaceOutcome =
  | "replaced"
  /** The file changed after the snapshot (before the replace, or while it happened): it is as it was. */
  | "changed"
  /** A write reached the file during the replace and the file could not be given back: it may be lost. */
  | "write-lost";

let tempCounter = 0;

/**
 * Replaces a file with new content if it still holds the snapshot's bytes, atomically: the content is
 * written to a temporary file in the same folder (with the file's mode, owner and group), compared
 * with the file once more, and renamed over it. A hard link to the old file is kept during the rename,
 * so that a write which reaches the old file between the comparison and the rename is seen afterwards
 * and the old file, with that write, is put back.
 */
export function replaceIfUnchanged(
  nativePath: string,
  snapshot: FileSnapshot,
  content: Buffer,
): ReplaceOutcome {
  const folder = path.dirname(nativePath);
  const hidden = `.${path.basename(nativePath)}.kb-author-${process.pid}-${++tempCounter}`;
  const temp = path.join(folder, `${hidden}.tmp`);
  const backup = path.join(folder, `${hidden}.old`);
  const tempFd = fs.openSync(temp, "wx", 0o600);
  let renamed = false;
  let keptOld = false;
  try {
    writeAll(tempFd, content);
    keepOwnerAndMode(tempFd, snapshot.stats);
    fs.fsyncSync(tempFd);
    const oldFd = fs.openSync(nativePath, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
      keptOld = linkIfPossible(nativePath, backup);
      const kept = keptOld ? fs.lstatSync(backup, { bigint: true }) : undefined;
      const oldStats = fs.fstatSync(oldFd, { bigint: true });
      if (!sameFile(oldStats, snapshot.stats) || (kept && !sameFile(kept, oldStats))) return "changed";
      if (!holds(oldFd, snapshot.bytes)) return "changed";
      fs.renameSync(temp, nativePath);
      renamed = true;
      if (holds(oldFd, snapshot.bytes)) return "replaced";
      // A write reached the old file after the comparison: give it back, with that write.
      if (!keptOld) return "write-lost";
      // Whatever happens now, the old file's second name is not removed: it may be its only one.
      keptOld = false;
      try {
        fs.renameSync(backup, nativePath);
      } catch (error) {
        throw new Error(
          `a write reached it during the replace; the file with that write is kept as ${backup}`,
          {
            cause: error,
          },
        );
      }
      // The new file is gone: a write that reached it in between is lost with it.
      return fs.fstatSync(tempFd).size === content.length ? "changed" : "write-lost";
    } finally {
      fs.closeSync(oldFd);
    }
  } finally {
    fs.closeSync(tempFd);
    if (keptOld) fs.rmSync(backup, { force: true });
    if (!renamed) fs.rmSync(temp, { force: true });
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

/** A second name for the old file, for the time of the rename; false where hard links are not supported. */
function linkIfPossible(existing: string, newPath: string): boolean {
  try {
    fs.linkSync(existing, newPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP" || code === "EMLINK") return false;
    throw error;
  }
}

function sameFile(a: fs.BigIntStats, b: fs.BigIntStats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** Whether an open file holds exactly these bytes now. */
function holds(fd: number, bytes: Buffer): boolean {
  const size = fs.fstatSync(fd).size;
  if (size !== bytes.length) return false;
  const current = Buffer.alloc(size);
  let read = 0;
  while (read < size) {
    const count = fs.readSync(fd, current, read, size - read, read);
    if (count === 0) return false;
    read += count;
  }
  return current.equals(bytes);
}
