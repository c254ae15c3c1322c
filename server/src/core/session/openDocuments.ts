import { TextDocument, type TextDocumentContentChangeEvent } from "vscode-languageserver-textdocument";

/**
 * The documents the editor has open, with their unsaved text and version: the only copy in the
 * process. The workspace reads them in place of the disk; the session publishes each result with the
 * version it was computed for. Incremental changes are applied here (the LSP sends ranges, not texts).
 */
export class OpenDocuments {
  private readonly documents = new Map<string, TextDocument>();
  /** Counts openings, changes and closings: what was read from open documents is current while it stays. */
  generation = 0;

  /** Opens a document, or replaces its whole text. */
  open(path: string, text: string, version: number): void {
    this.documents.set(path, TextDocument.create(path, "", version, text));
    this.generation++;
  }

  /**
   * Applies an editor's changes (ranges or whole texts) and records the new version. False when the
   * document is not open, or when the version is not newer than the one held (a stale or repeated event).
   */
  change(path: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): boolean {
    const document = this.documents.get(path);
    if (!document || version <= document.version) return false;
    this.documents.set(path, TextDocument.update(document, [...changes], version));
    this.generation++;
    return true;
  }

  close(path: string): boolean {
    this.generation++;
    return this.documents.delete(path);
  }

  isOpen(path: string): boolean {
    return this.documents.has(path);
  }

  /** The text and version of an open document; undefined when it is not open. */
  get(path: string): { text: string; version: number } | undefined {
    const document = this.documents.get(path);
    return document && { text: document.getText(), version: document.version };
  }

  version(path: string): number | undefined {
    return this.documents.get(path)?.version;
  }

  paths(): IterableIterator<string> {
    return this.documents.keys();
  }

  get size(): number {
    return this.documents.size;
  }
}
