/**
 * Custom messages between the kb-author client and server, declared once for both sides
 * (the vscode-eslint pattern). Only method names and payload types: no runtime dependency.
 */

/** Request: resolves once every pending validation (the workspace scan included) has been published. */
export const waitForIdleMethod = "kbAuthor/waitForIdle";

/** Notification: sent as indexing starts, progresses and ends, and after revalidations, for a status-bar item. */
export const indexStatusMethod = "kbAuthor/indexStatus";

export interface IndexStatusParams {
  indexing: boolean;
  filesIndexed: number;
  filesTotal: number;
  errors: number;
  warnings: number;
}
