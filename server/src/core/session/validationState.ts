import { type Diagnostic, DiagnosticSeverity } from "vscode-languageserver-types";
import { isAtOrBelowAny } from "../workspace/workspace";

/** Diagnostics to send for one file: `version` is the open document's version they were computed for. */
export interface Publication {
  path: string;
  version: number | undefined;
  diagnostics: Diagnostic[];
}

interface Published {
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

/**
 * What validation has found, file by file, as the client is shown it: the one record of diagnostics
 * (hovers, the map's badges, the preview's banner and the status bar all read it), the files known to
 * exist, and each file's internal link targets (a change there revalidates the file).
 */
export class ValidationState {
  readonly knownFiles = new Set<string>();
  private readonly linkTargetsBySource = new Map<string, readonly string[]>();
  private readonly published = new Map<string, Published>();

  /**
   * Records a file's result and says what to publish: nothing when it was clean and stays clean, unless
   * it is open (each validated version of an open document is published, so that the client knows that
   * version was checked). `linkTargets` undefined: the file does not exist (any more).
   */
  record(
    path: string,
    diagnostics: Diagnostic[],
    linkTargets: readonly string[] | undefined,
    openVersion: number | undefined,
  ): { publication: Publication | undefined; countsChanged: boolean } {
    if (linkTargets === undefined) {
      this.knownFiles.delete(path);
      this.linkTargetsBySource.delete(path);
    } else {
      this.knownFiles.add(path);
      if (linkTargets.length > 0) this.linkTargetsBySource.set(path, linkTargets);
      else this.linkTargetsBySource.delete(path);
    }
    const before = this.published.get(path);
    if (diagnostics.length === 0 && before === undefined && openVersion === undefined)
      return { publication: undefined, countsChanged: false };
    const after = diagnostics.length === 0 ? undefined : counted(diagnostics);
    if (after) this.published.set(path, after);
    else this.published.delete(path);
    const countsChanged = before?.errors !== after?.errors || before?.warnings !== after?.warnings;
    return { publication: { path, version: openVersion, diagnostics }, countsChanged };
  }

  /**
   * Records that a file shows nothing, without judging whether it exists (validation is switched off,
   * or its workspace folder was removed); says what to publish, as `record` does.
   */
  clear(
    path: string,
    openVersion: number | undefined,
  ): { publication: Publication | undefined; countsChanged: boolean } {
    const before = this.published.get(path);
    if (before === undefined && openVersion === undefined)
      return { publication: undefined, countsChanged: false };
    this.published.delete(path);
    return {
      publication: { path, version: openVersion, diagnostics: [] },
      countsChanged: before !== undefined,
    };
  }

  diagnosticsOf(path: string): readonly Diagnostic[] {
    return this.published.get(path)?.diagnostics ?? [];
  }

  /** Files that show diagnostics now. */
  publishedPaths(): IterableIterator<string> {
    return this.published.keys();
  }

  /** Files that show diagnostics at one of `paths` or below it (a folder deleted). */
  publishedUnder(paths: ReadonlySet<string>): string[] {
    if (paths.size === 0) return [];
    return [...this.published.keys()].filter((path) => isAtOrBelowAny(path, paths));
  }

  /** Files whose internal links reach a path `reaches` accepts. */
  sourcesLinkingTo(reaches: (target: string) => boolean): string[] {
    const sources: string[] = [];
    for (const [source, targets] of this.linkTargetsBySource) if (targets.some(reaches)) sources.push(source);
    return sources;
  }

  /** Forgets files known at or below deleted paths (their diagnostics stay until they are published empty). */
  forgetDeleted(paths: ReadonlySet<string>): void {
    for (const held of [this.knownFiles, this.linkTargetsBySource]) {
      for (const file of held.keys()) if (isAtOrBelowAny(file, paths)) held.delete(file);
    }
  }

  totals(): { errors: number; warnings: number } {
    let errors = 0;
    let warnings = 0;
    for (const counts of this.published.values()) {
      errors += counts.errors;
      warnings += counts.warnings;
    }
    return { errors, warnings };
  }

  get sizes(): { knownFiles: number; diagnostics: number; linkSources: number } {
    return {
      knownFiles: this.knownFiles.size,
      diagnostics: this.published.size,
      linkSources: this.linkTargetsBySource.size,
    };
  }
}

function counted(diagnostics: Diagnostic[]): Published {
  let errors = 0;
  let warnings = 0;
  for (const { severity } of diagnostics) {
    if (severity === DiagnosticSeverity.Error) errors++;
    else if (severity === DiagnosticSeverity.Warning) warnings++;
  }
  return { diagnostics, errors, warnings };
}
