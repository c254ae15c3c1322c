import { constants } from "node:os";

/** Runs `action`, but gives up after `ms` and only warns: cleanup must never hang or fail the run. */
export async function withTimeout(
  action: () => Promise<unknown>,
  ms: number,
  what: string,
  warn: (message: string) => void,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      action(),
      new Promise(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)),
      ),
    ]);
  } catch (error) {
    warn(`warning: ${what} failed: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * On Ctrl-C (SIGINT), SIGTERM or SIGHUP: runs `cleanup` (code-server, the browser, temporary folders)
 * and exits with 128 + the signal's number; a second signal exits at once. `stopping` tells the run
 * that it was interrupted.
 */
export function stopOnSignals(
  cleanup: () => Promise<void>,
  announce: (message: string) => void,
): { stopping: boolean } {
  const state = { stopping: false };
  const onSignal = (signal: NodeJS.Signals): void => {
    const code = 128 + (constants.signals[signal] ?? 2);
    if (state.stopping) process.exit(code); // A second Ctrl-C: do not wait for the cleanup.
    state.stopping = true;
    announce(`${signal}: stopping code-server and the browser`);
    void cleanup().finally(() => process.exit(code));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("SIGHUP", onSignal);
  return state;
}
