/**
 * When to restart the language server after it dies, and when to tell the user. Pure (no `vscode`), so
 * that test/unit can drive it with a fake clock; serverRestarts.ts turns its decisions into the
 * vscode-languageclient error handler.
 */

/** What to do after the server's connection closed without the client stopping it. */
type CloseDecision =
  /** Restart; `tell` is true only for the first restart of the session (one message, not one per crash). */
  | { action: "restart"; tell: boolean }
  /** Too many crashes in a short time: a restart loop helps nobody, so stop and say so. */
  | { action: "giveUp"; crashes: number; windowMs: number };

/** Defaults: a little more patient than vscode-languageclient's own 4 restarts in 3 minutes. */
const defaultMaxRestarts = 5;
const defaultWindowMs = 3 * 60 * 1000;
/**
 * Connection errors (a message that could not be read or written) in a row that make the connection
 * suspect. The count resets whenever a message goes through.
 */
const defaultMaxConsecutiveErrors = 10;

export class RestartPolicy {
  /** When the recent restarts happened (clock times, oldest first, none older than the window). */
  private restarts: number[] = [];
  private told = false;
  /** How many times the connection closed: a check of a suspect connection compares it. */
  private closes = 0;
  private checkPending = false;

  constructor(
    private readonly now: () => number = Date.now,
    readonly maxRestarts = defaultMaxRestarts,
    readonly windowMs = defaultWindowMs,
    readonly maxConsecutiveErrors = defaultMaxConsecutiveErrors,
  ) {}

  /** The server's connection closed although nobody stopped the client: the process died. */
  onClosed(): CloseDecision {
    this.closes++;
    const now = this.now();
    this.restarts = this.restarts.filter((time) => now - time < this.windowMs);
    if (this.restarts.length >= this.maxRestarts) {
      // Forget them: should the user start the server again, it gets the full allowance.
      this.restarts = [];
      return { action: "giveUp", crashes: this.maxRestarts + 1, windowMs: this.windowMs };
    }
    this.restarts.push(now);
    const tell = !this.told;
    this.told = true;
    return { action: "restart", tell };
  }

  /**
   * A message could not be read or written; `count` is how many times in a row (undefined when the
   * library does not know). The server is never shut down here: a server that died makes every write
   * fail (EPIPE) for a moment before its close is seen, and the close restarts it, whereas shutting down
   * would stop the client for good. Only a connection that keeps failing without closing is suspect:
   * then this returns a token for `stillBroken`, which the caller asks after a grace period (once per
   * suspicion; undefined otherwise).
   */
  onError(count: number | undefined): number | undefined {
    if (count === undefined || count < this.maxConsecutiveErrors || this.checkPending) return undefined;
    this.checkPending = true;
    return this.closes;
  }

  /**
   * The grace period after `onError` gave `token` is over. True if the connection has not closed since:
   * it is broken while the server process lives on, and the caller restarts the server, which counts
   * as a crash (`onClosed`).
   */
  stillBroken(token: number): boolean {
    this.checkPending = false;
    return this.closes === token;
  }
}
