/**
 * Files waiting to be validated, worked off in small slices between which the event loop runs, so
 * that typing, requests and file events are never stuck behind a workspace scan. Open documents
 * jump the queue.
 */
export class ValidationQueue {
  private readonly urgent = new Set<string>();
  private readonly background = new Set<string>();
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly validate: (path: string) => void,
    private readonly sliceSize = 50,
  ) {}

  add(paths: Iterable<string>, urgent = false): void {
    for (const path of paths) {
      if (urgent) {
        this.background.delete(path);
        this.urgent.add(path);
      } else if (!this.urgent.has(path)) this.background.add(path);
    }
    this.schedule();
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
    setImmediate(() => this.runSlice());
  }

  private runSlice(): void {
    this.scheduled = false;
    for (let done = 0; done < this.sliceSize && this.pending > 0; done++) {
      const source = this.urgent.size > 0 ? this.urgent : this.background;
      const path = source.values().next().value as string;
      source.delete(path);
      this.validate(path);
    }
    if (this.pending > 0) this.schedule();
    else {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
