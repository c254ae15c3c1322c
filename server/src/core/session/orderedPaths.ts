/**
 * An insertion-ordered set of paths whose oldest entry is taken in constant time. A plain Set drained
 * with `values().next()` then `delete` is quadratic in V8: every new iterator walks over the holes the
 * deleted entries leave until the table is rebuilt (draining 100k paths took 1.1 s, 200k 4.0 s). One
 * live iterator is kept instead: it skips entries deleted ahead of it and sees entries added after it.
 */
export class OrderedPaths {
  private readonly paths = new Set<string>();
  private cursor: Iterator<string> = this.paths.values();

  get size(): number {
    return this.paths.size;
  }

  has(path: string): boolean {
    return this.paths.has(path);
  }

  add(path: string): void {
    this.paths.add(path);
  }

  delete(path: string): void {
    this.paths.delete(path);
  }

  /** Removes and returns the oldest path; undefined when there is none. */
  takeOldest(): string | undefined {
    let next = this.cursor.next();
    // A finished iterator stays finished even when paths are added later: start a new one.
    if (next.done) {
      this.cursor = this.paths.values();
      next = this.cursor.next();
    }
    if (next.done) return undefined;
    this.paths.delete(next.value);
    return next.value;
  }
}
