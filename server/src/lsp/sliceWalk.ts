import { performance } from "node:perf_hooks";

/**
 * Walks an iterator in slices of about `budgetMs`, one per turn of the event loop, handing each slice's
 * items to `take`: the initial scan's directory walk (6,935 files on the shared corpus, 100k+ on big
 * maps) never holds a request or a keystroke for longer than one slice. Resolves once it is done.
 */
export function walkInSlices<T>(items: Iterator<T>, take: (slice: T[]) => void, budgetMs = 2): Promise<void> {
  return new Promise((resolve) => {
    const runSlice = (): void => {
      const slice: T[] = [];
      const deadline = performance.now() + budgetMs;
      let next = items.next();
      for (; !next.done; next = items.next()) {
        slice.push(next.value);
        if (performance.now() >= deadline) break;
      }
      if (slice.length > 0) take(slice);
      if (next.done) resolve();
      else setImmediate(runSlice);
    };
    setImmediate(runSlice);
  });
}
