import type { Connection, WorkDoneProgressServerReporter } from "vscode-languageserver";
import type { LanguageService } from "../core";
import { type IndexStatusParams, indexStatusMethod } from "../shared/protocol";

/**
 * Tells the client how checking goes: a progress bar while the workspace is scanned, and the status-bar
 * counts, sent at most every 100 ms while files are revalidated (typing included) and every 250 ms
 * during a scan, so that thousands of validations are not thousands of messages.
 */
export class StatusReporter {
  private progress: Promise<WorkDoneProgressServerReporter> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastSent = "";

  constructor(
    private readonly connection: Connection,
    private readonly service: () => LanguageService,
  ) {}

  /** The session's state may have changed: report it soon. */
  update(): void {
    const status = this.service().status();
    if (status.indexing && !this.progress) {
      this.progress = this.connection.window.createWorkDoneProgress().then((progress) => {
        progress.begin("kb-author: checking the knowledge base", 0, "finding files", false);
        return progress;
      });
      this.send();
    }
    // The scan's end is told at once: a client waiting for the server to be idle sees the progress end first.
    if (!status.indexing && this.progress) return this.send();
    if (this.timer) return;
    this.timer = setTimeout(() => this.send(), status.indexing ? 250 : 100);
  }

  private send(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const status = this.service().status();
    const progress = this.progress;
    if (progress && status.indexing) {
      const percent = Math.floor((100 * status.filesIndexed) / Math.max(1, status.filesTotal));
      void progress.then((bar) => bar.report(percent, `${status.filesIndexed}/${status.filesTotal} files`));
    } else if (progress) {
      this.progress = undefined;
      void progress.then((bar) => bar.done());
    }
    const params: IndexStatusParams = { ...status };
    const key = JSON.stringify(params);
    if (key !== this.lastSent) void this.connection.sendNotification(indexStatusMethod, params);
    this.lastSent = key;
    if (status.indexing) this.update();
  }
}
