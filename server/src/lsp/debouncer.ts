/** Runs an action once a key has been quiet for a delay; `whenSettled` waits out every pending delay. */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private settledWaiters: (() => void)[] = [];

  schedule(key: string, delayMs: number, action: () => void): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        action();
        this.cancel(key);
      }, delayMs),
    );
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (this.timers.size > 0) return;
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const resolve of waiters) resolve();
  }

  whenSettled(): Promise<void> {
    if (this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }
}
