/**
 * Custom messages between the kb-author client and server, declared once for both sides
 * (the vscode-eslint pattern). Only plain method names and payload types: no runtime dependency.
 */
export namespace WaitForIdleRequest {
  /** Resolves once every pending validation (the workspace scan included) has been published. */
  export const method = "kbAuthor/waitForIdle";
}

export namespace IndexStatusNotification {
  /** Sent when indexing starts and ends, and after each validation slice, for a status-bar item. */
  export const method = "kbAuthor/indexStatus";
  export interface Params {
    indexing: boolean;
    filesIndexed: number;
    filesTotal: number;
    errors: number;
    warnings: number;
  }
}
