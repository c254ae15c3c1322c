import { performance } from "node:perf_hooks";
import { OrderedPaths } from "./orderedPaths";

/**
 * Files waiting to be validated, worked off in short slices between which the event loop runs, so that
 * typing, requests and file events are never stuck behind a workspace scan. A slice stops once its time
 * budget is spent (files differ a lot in cost: a papers.json takes far longer than a leaf node). The
 * budget is small because vscode-jsonrpc needs several turns of the event loop to read, handle and
 * answer one message, and each turn also runs a slice; measured on the shared corpus (bench/
 * lsp-responsiveness.mjs), a hover during the scan took about 16 ms at p50 with 4 ms slices, 4 ms with
 * 1 ms slices, and the scan took no longer. Urgent files (open documents, files touched by a file event)
 * jump the queue, and a slice that validated some ends there, so that their diagnostics are written to
 * the client before background work resumes.
 */
export class ValidationQueue {
  private readonly urgent = new OrderedPaths();
  private readonly background = new OrderedPaths();
  private scheduled = false;
  /** Turns of the event loop left in which background work steps aside for the client's messages. */
  private heldTurns = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly validate: (path: string) => void,
    private readonly sliceBudgetMs = 1,
  ) {}

  /**
   * Queues files. Nothing runs before the next turn of the event loop: a file queued again before its
   * turn (several edits handled in a row) is validated once.
   */
  add(paths: Iterable<string>, urgent = false): void {
    for (const path of paths) {
      if (urgent) {
        this.background.delete(path);
        this.urgent.add(path);
      } else if (!this.urgent.has(path)) this.background.add(path);
    }
    this.schedule();
  }

  /**
   * A client message is being handled: background work skips the next few turns of the event loop, so
   * that the answer (and the writes queued before it, one per turn) go out without a slice in between.
   * Urgent files still run: they are what the client is waiting for.
   */
  yieldToMessages(turns = 3): void {
    this.heldTurns = Math.max(this.heldTurns, turns);
  }

  get pending(): number {
    return this.urgent.size + this.background.size;
  }

  /** Resolves once the queue is empty. */
  whenIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.pending === 0) return;
    this.scheduled = true;
    // setImmediate, not a timer: the slice runs right after the messages already read are handled.
    setImmediate(() => this.runSlice());
  }

  private runSlice(): void {
    this.scheduled = false;
    if (this.urgent.size === 0 && this.heldTurns > 0) {
      this.heldTurns--;
      this.schedule();
      return;
    }
    const deadline = performance.now() + this.sliceBudgetMs;
    // At least one file per slice, however slow, so that the queue always moves.
    const source = this.urgent.size > 0 ? this.urgent : this.background;
    do {
      this.validate(source.takeOldest()!);
    } while (source.size > 0 && performance.now() < deadline);
    if (this.pending > 0) this.schedule();
    else {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
