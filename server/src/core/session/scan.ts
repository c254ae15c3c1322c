import type { Workspace } from "../workspace/workspace";
import { walkCheckedFiles } from "./checkedFiles";

/** A folder's walk: the files it yields, those found so far, and how often it was walked again. */
interface FolderWalk {
  folder: string;
  files: Iterator<string>;
  found: Set<string>;
  round: number;
  /** The workspace's count of late reads when the walk started: if it moved, some listing may have been empty for it. */
  lateReadsBefore: number;
}

/**
 * The background scan of the workspace folders: it walks them a step at a time and hands the files it finds
 * to the session. Started once the host is ready; active while it walks or its files wait (a folder added
 * starts it again). A walk that ended while listings were still being read walks its folder again once they
 * have come (a host that answers later), skipping the files it found before.
 */
export class Scan {
  started = false;
  active = false;
  done = 0;
  total = 0;
  private readonly walks: FolderWalk[] = [];

  constructor(
    private readonly workspace: Workspace,
    private readonly maxRounds: number,
    private readonly isChecked: (path: string) => boolean,
  ) {}

  /** Walks the folders (after those still being walked). */
  add(folders: readonly string[]): void {
    if (!this.active) Object.assign(this, { active: true, done: 0, total: 0 });
    for (const folder of folders) this.walks.push(this.walk(folder, new Set()));
  }

  get walking(): boolean {
    return this.walks.length > 0;
  }

  /** The next files found (up to 64, fewer once `shouldStop` says so); undefined when nothing is left to walk. */
  async step(shouldStop: () => boolean): Promise<string[] | undefined> {
    const walk = this.walks[0];
    if (walk === undefined) return undefined;
    const found: string[] = [];
    for (let next = walk.files.next(); ; next = walk.files.next()) {
      if (next.done) {
        this.walks.shift();
        if (this.workspace.lateReads !== walk.lateReadsBefore && walk.round < this.maxRounds) {
          await this.workspace.settleReads();
          this.walks.unshift(this.walk(walk.folder, walk.found, walk.round + 1));
        }
        break;
      }
      found.push(next.value);
      if (found.length >= 64 || shouldStop()) break;
    }
    this.total += found.length;
    return found;
  }

  private walk(folder: string, found: Set<string>, round = 0): FolderWalk {
    const files = this.newFilesUnder(folder, found);
    return { folder, files, found, round, lateReadsBefore: this.workspace.lateReads };
  }

  private *newFilesUnder(folder: string, found: Set<string>): Generator<string> {
    for (const file of walkCheckedFiles(this.workspace, folder, this.isChecked)) {
      if (found.has(file)) continue;
      found.add(file);
      yield file;
    }
  }
}
