import type { Diagnostic } from "vscode-languageserver-types";
import {
  createLanguageService,
  type FileChange,
  type FileSystem,
  type LanguageService,
} from "../../server/src/core";

/**
 * Drives the real validation session as the language server does, without the protocol: events go to the
 * session between slices of its work, each slice stops after `filesPerSlice` steps, and what the session
 * returns is "published" as a client would keep it. The order of the work is the session's own; file
 * events queued with `sendEvent` arrive at the start of the next slice, as a watcher's message would.
 */
export class SessionDriver {
  readonly service: LanguageService;
  /** Diagnostics as a client would see them: files with none are absent. */
  readonly published = new Map<string, Diagnostic[]>();
  private readonly events: { path: string; change: FileChange }[] = [];

  constructor(fileSystem: FileSystem, roots: string[]) {
    this.service = createLanguageService({ fileSystem, workspaceRoots: roots });
  }

  /** An event of the client's file watcher: handed to the session before its next slice. */
  sendEvent(path: string, change: FileChange): void {
    this.events.push({ path, change });
  }

  open(path: string, text: string, version = 1): void {
    this.service.openDocument(path, text, version);
  }

  close(path: string): void {
    this.service.closeDocument(path);
  }

  /** The initial scan, a few steps per slice with events in between, until nothing waits. */
  async scan(filesPerSlice = 3): Promise<void> {
    this.service.startScan();
    await this.settle(filesPerSlice);
  }

  /** Runs slices until no event or work is pending. */
  async settle(filesPerSlice = 50): Promise<void> {
    while (this.events.length > 0 || this.service.hasWork()) {
      if (this.events.length > 0) this.service.filesChanged(this.events.splice(0));
      let steps = 0;
      const { publications } = await this.service.runWork(() => ++steps >= filesPerSlice);
      for (const { path, diagnostics } of publications) {
        if (diagnostics.length > 0) this.published.set(path, diagnostics);
        else this.published.delete(path);
      }
    }
  }
}
