import { OrderedPaths } from "./orderedPaths";

/**
 * Files waiting to be validated, in the order the session works them off: urgent files (open
 * documents, files touched by a file event) before the background (the scan, a settings change), each
 * in the order queued; a file queued again before its turn is validated once. Edits may be held back
 * until a moment (a debounce the user asked for), then become urgent.
 */
export class WorkQueue {
  private readonly urgent = new OrderedPaths();
  private readonly background = new OrderedPaths();
  private readonly deferred = new Map<string, number>();

  add(paths: Iterable<string>, urgent: boolean): void {
    for (const path of paths) {
      if (urgent) {
        this.background.delete(path);
        this.deferred.delete(path);
        this.urgent.add(path);
      } else if (!this.urgent.has(path) && !this.deferred.has(path)) this.background.add(path);
    }
  }

  /** Moves a file waiting in the background ahead, with the urgent ones (a held-back edit keeps its moment). */
  promote(path: string): void {
    if (this.background.has(path)) this.add([path], true);
  }

  /** Holds a file back until `dueAt` (a later edit moves the moment). */
  defer(path: string, dueAt: number): void {
    this.urgent.delete(path);
    this.background.delete(path);
    this.deferred.set(path, dueAt);
  }

  /** Makes the held-back files whose moment has come urgent. */
  release(now: number): void {
    for (const [path, dueAt] of this.deferred) {
      if (dueAt > now) continue;
      this.deferred.delete(path);
      this.urgent.add(path);
    }
  }

  /** The earliest moment a held-back file is due; undefined when none is held. */
  nextDue(): number | undefined {
    let next: number | undefined;
    for (const dueAt of this.deferred.values()) if (next === undefined || dueAt < next) next = dueAt;
    return next;
  }

  /** The next file to validate, urgent ones first; undefined when only held-back files (or none) remain. */
  take(): { path: string; urgent: boolean } | undefined {
    const urgent = this.urgent.takeOldest();
    if (urgent !== undefined) return { path: urgent, urgent: true };
    const background = this.background.takeOldest();
    return background === undefined ? undefined : { path: background, urgent: false };
  }

  hasUrgent(): boolean {
    return this.urgent.size > 0;
  }

  /** Whether a file waits (to be validated now, later, or once its moment comes). */
  has(path: string): boolean {
    return this.urgent.has(path) || this.background.has(path) || this.deferred.has(path);
  }

  /** Files ready to validate now. */
  get ready(): number {
    return this.urgent.size + this.background.size;
  }

  get held(): number {
    return this.deferred.size;
  }
}
