import { performance } from "node:perf_hooks";
import type { LanguageService, WorkResult } from "../core";

/**
 * Runs the session's work in short slices between which the event loop runs, so that typing, requests
 * and file events are never stuck behind a workspace scan. The session decides what comes next; this
 * loop decides only when, and how long a slice may take. The budget is small because vscode-jsonrpc
 * needs several turns of the event loop to read, handle and answer one message, and each turn also runs
 * a slice; measured on the shared corpus (bench/lsp-responsiveness.mjs), a hover during the scan took
 * about 16 ms at p50 with 4 ms slices, 4 ms with 1 ms slices, and the scan took no longer.
 */
export class WorkLoop {
  private scheduled = false;
  private running = false;
  private wakeUp: NodeJS.Timeout | undefined;
  /** Turns of the event loop left in which background work steps aside for the client's messages. */
  private heldTurns = 0;
  private waiters: { ready: () => boolean; resolve: () => void }[] = [];
  /** Host work that will queue validation when it ends (settings being pulled from the client). */
  private outstanding = 0;

  constructor(
    private readonly service: () => LanguageService,
    private readonly deliver: (result: WorkResult) => void,
    private readonly sliceBudgetMs = 1,
  ) {}

  /** Something was queued: run a slice at the next turn (or when a held-back edit is due). */
  kick(): void {
    if (this.scheduled || this.running) return;
    clearTimeout(this.wakeUp);
    if (this.service().hasWork() || this.service().nextDueIn() === 0) {
      this.scheduled = true;
      // setImmediate, not a timer: the slice runs right after the messages already read are handled.
      setImmediate(() => void this.runSlice());
      return;
    }
    const dueIn = this.service().nextDueIn();
    if (dueIn !== undefined) this.wakeUp = setTimeout(() => this.kick(), dueIn);
    this.settleWaiters();
  }

  /**
   * A client message is being handled: background work skips the next few turns of the event loop, so
   * that the answer (and the writes queued before it, one per turn) go out without a slice in between.
   * Urgent files still run: they are what the client is waiting for.
   */
  yieldToMessages(turns = 3): void {
    this.heldTurns = Math.max(this.heldTurns, turns);
  }

  /** Resolves once nothing waits (the first scan included, and work the host is still preparing). */
  whenIdle(): Promise<void> {
    return this.when(() => this.outstanding === 0 && this.service().isIdle());
  }

  /** Counts `preparing` as work until it ends (a settings pull: its answer queues validation). */
  async prepare<T>(preparing: Promise<T>): Promise<T> {
    this.outstanding++;
    try {
      return await preparing;
    } finally {
      this.outstanding--;
      this.kick();
    }
  }

  /** Resolves once a file's current text has been validated (the preview shows its problems). */
  whenValidated(path: string): Promise<void> {
    this.service().prioritize(path);
    return this.when(() => !this.service().isPending(path));
  }

  private when(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ ready, resolve });
      this.kick();
    });
  }

  private async runSlice(): Promise<void> {
    this.scheduled = false;
    if (this.heldTurns > 0 && !this.service().hasUrgentWork()) {
      this.heldTurns--;
      this.kick();
      return;
    }
    this.running = true;
    try {
      const deadline = performance.now() + this.sliceBudgetMs;
      this.deliver(await this.service().runWork(() => performance.now() >= deadline));
    } finally {
      this.running = false;
    }
    this.settleWaiters();
    this.kick();
  }

  private settleWaiters(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      if (waiter.ready()) waiter.resolve();
      else this.waiters.push(waiter);
    }
  }
}
