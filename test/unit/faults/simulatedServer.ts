import type { Diagnostic } from "vscode-languageserver-types";
import {
  createLanguageService,
  type FileChange,
  type LanguageService,
} from "../../../server/src/core/languageService";
import { isAtOrBelowAny } from "../../../server/src/core/workspace/workspace";
import type { FileSystem } from "../../../server/src/core/fileSystem";

/**
 * The language server's use of the core, without the protocol: the initial scan walks the tree in
 * slices and validates what it found, file events and open documents go ahead of the scan, and the
 * last diagnostics of each file are "published". Faults injected by the file system happen between
 * any two calls; the events a file watcher would send are delivered at the next turn, as in the server.
 */
export class SimulatedServer {
  readonly service: LanguageService;
  /** Diagnostics as a client would see them: files with none are absent. */
  readonly published = new Map<string, Diagnostic[]>();
  private readonly events: [string, FileChange][] = [];
  private readonly urgent = new Set<string>();
  private readonly background = new Set<string>();

  constructor(fileSystem: FileSystem, roots: string[]) {
    this.service = createLanguageService({ fileSystem, workspaceRoots: roots });
  }

  /** An event of the client's file watcher: handled at the next turn of the server's loop. */
  sendEvent(path: string, change: FileChange): void {
    this.events.push([path, change]);
  }

  open(path: string, text: string, version = 1): void {
    this.service.setOpenDocument(path, text, version);
    this.urgent.add(path);
  }

  close(path: string): void {
    this.service.closeDocument(path);
    this.urgent.add(path);
  }

  /** The initial scan: `filesPerSlice` files found, then events, then a slice of validations, until done. */
  scan(filesPerSlice = 3): void {
    const walk = this.service.walkCheckedFiles();
    for (let done = false; !done; ) {
      for (let i = 0; i < filesPerSlice; i++) {
        const next = walk.next();
        if (next.done) {
          done = true;
          break;
        }
        this.background.add(next.value);
      }
      this.turn(filesPerSlice);
    }
    this.settle();
  }

  /** Runs turns until no event or validation is pending. */
  settle(): void {
    while (this.events.length > 0 || this.urgent.size > 0 || this.background.size > 0) this.turn(50);
  }

  /** One turn: pending events, then up to `budget` validations (urgent ones first). */
  private turn(budget: number): void {
    // The events of a turn come as one message, handed to the service at once (as the server does).
    const changes = this.events.splice(0).map(([path, change]) => ({ path, change }));
    const deleted = new Set(changes.filter(({ change }) => change === "deleted").map(({ path }) => path));
    for (const published of this.published.keys())
      if (deleted.size > 0 && isAtOrBelowAny(published, deleted)) this.urgent.add(published);
    if (changes.length > 0) for (const file of this.service.filesChanged(changes)) this.urgent.add(file);
    for (const file of this.urgent) this.background.delete(file);
    for (let i = 0; i < budget; i++) {
      const source = this.urgent.size > 0 ? this.urgent : this.background;
      const path = source.values().next();
      if (path.done) return;
      source.delete(path.value);
      this.validateAndPublish(path.value);
    }
  }

  private validateAndPublish(path: string): void {
    const diagnostics = this.service.validate(path)?.diagnostics ?? [];
    if (diagnostics.length > 0) this.published.set(path, diagnostics);
    else this.published.delete(path);
  }
}
