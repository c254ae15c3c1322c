import { type Connection, type Diagnostic, DiagnosticSeverity } from "vscode-languageserver";
import { isAtOrBelowAny } from "../core/workspace/workspace";
import type { IndexStatusParams } from "../shared/protocol";

/**
 * Sends diagnostics and remembers which files have some, so that a file whose problems are gone (or
 * that was deleted) is cleared, and so that the workspace's error and warning counts are known. A file
 * that is clean and stays clean is not sent again, unless it is open: each validated version of an
 * open document is published, so that the client (and the benchmarks) know that version was checked.
 */
export class DiagnosticsPublisher {
  private readonly counts = new Map<string, { errors: number; warnings: number }>();

  constructor(private readonly connection: Connection) {}

  publish(path: string, uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    if (diagnostics.length === 0 && !this.counts.has(path) && version === undefined) return;
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
    if (diagnostics.length === 0) {
      this.counts.delete(path);
      return;
    }
    const count = (severity: DiagnosticSeverity) => diagnostics.filter((d) => d.severity === severity).length;
    this.counts.set(path, {
      errors: count(DiagnosticSeverity.Error),
      warnings: count(DiagnosticSeverity.Warning),
    });
  }

  /** Files that currently show diagnostics: at one of `paths` or below it. */
  publishedUnder(paths: ReadonlySet<string>): string[] {
    if (paths.size === 0) return [];
    return [...this.counts.keys()].filter((published) => isAtOrBelowAny(published, paths));
  }

  publishedPaths(): string[] {
    return [...this.counts.keys()];
  }

  totals(): Pick<IndexStatusParams, "errors" | "warnings"> {
    let errors = 0;
    let warnings = 0;
    for (const counts of this.counts.values()) {
      errors += counts.errors;
      warnings += counts.warnings;
    }
    return { errors, warnings };
  }
}
