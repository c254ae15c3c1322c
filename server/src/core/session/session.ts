import { anchorSources } from "../document/anchors";
import { isInside, isMarkdownPath } from "../paths";
import type { TextDocumentContentChangeEvent } from "vscode-languageserver-textdocument";
import type { CoreServices } from "../model/services";
import { type FileReport, isCheckedPath, validateFile } from "../features/diagnostics/validateFile";
import type { Workspace } from "../workspace/workspace";
import type { OpenDocuments } from "./openDocuments";
import { Scan } from "./scan";
import { applyFileEvents, type FileEvent } from "./treeChanges";
import { type Publication, ValidationState } from "./validationState";
import { WorkQueue } from "./workQueue";

/** What a slice of work produced: diagnostics to send, and whether the views should refresh. */
export interface WorkResult {
  publications: Publication[];
  /** Files whose validation threw (a bug: the core never throws on bad input); they keep their last result. */
  failures: { path: string; error: unknown }[];
  /**
   * Something the views show (a file's error or warning count, a file on disk, the workspace folders)
   * changed, and the work it caused is done: the preview's cards and the map's badges can be asked for again.
   */
  viewsChanged: boolean;
}

export interface SessionStatus {
  /** The first scan of the workspace (or of a folder added to it) is under way. */
  indexing: boolean;
  filesIndexed: number;
  filesTotal: number;
  errors: number;
  warnings: number;
}

/** Editor settings the session applies (the rules themselves live in kb-author.jsonc). */
export interface SessionSettings {
  /** Validation on (the default) or off: off, every file shows nothing. */
  enabled: boolean;
  /** Milliseconds an edited document waits after its last change before it is validated (0: at once). */
  debounceMs: number;
}

/** Validation on, edits validated at once: what a client that sends no settings gets. */
export const defaultSessionSettings: SessionSettings = { enabled: true, debounceMs: 0 };

/** Rounds of "validate, then wait for the reads it asked for" before a result is taken as it is. */
const maxReadRounds = 64;

/**
 * The validation session: the one owner of what validation knows and of the order of its work. It takes
 * events (documents opened, changed and closed; files created, changed and deleted; workspace folders
 * added and removed; settings; trust) and, in slices its host runs when it likes, returns what to
 * publish. Nothing here knows about time slices, timers or the protocol: the host passes a clock and
 * says when a slice must stop.
 */
export class ValidationSession {
  private readonly queue = new WorkQueue();
  private readonly state = new ValidationState();
  /** Files whose diagnostics must be withdrawn without validating them (their folder left the workspace). */
  private readonly withdrawn = new Set<string>();
  private settings: SessionSettings = defaultSessionSettings;
  private readonly scan: Scan;
  private viewsDirty = false;
  private validations = 0;
  /** Per open page, what its anchors were made from when last validated (headings, element ids). */
  private readonly anchorSourcesByPath = new Map<string, string>();
  /** Files whose validation met a map census under way: validated again, first, once it is done. */
  private afterCensus: { path: string; urgent: boolean }[] = [];

  constructor(
    private readonly workspace: Workspace,
    private readonly services: CoreServices,
    private readonly documents: OpenDocuments,
    private readonly clock: () => number,
  ) {
    this.scan = new Scan(workspace, maxReadRounds, (path) => isCheckedPath(path, services));
  }

  // ---- events ---------------------------------------------------------------------------------------

  openDocument(path: string, text: string, version: number): void {
    this.documents.open(path, text, version);
    this.queue.add([path], true);
  }

  /** An editor's changes to an open document (ranges or whole texts); a stale version is ignored. */
  changeDocument(path: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    if (!this.documents.change(path, version, changes)) return;
    // Validating an edited document takes about a millisecond: by default it goes ahead of any
    // background work at once, and versions that arrive before its turn are validated once.
    if (this.settings.debounceMs > 0) this.queue.defer(path, this.clock() + this.settings.debounceMs);
    else this.queue.add([path], true);
  }

  closeDocument(path: string): void {
    this.documents.close(path);
    this.queue.add([path], true);
  }

  /** File events (a burst at once); returns the files queued because of them. */
  filesChanged(events: readonly FileEvent[]): string[] {
    const isChecked = (path: string) => isCheckedPath(path, this.services);
    const affected = applyFileEvents(events, this.workspace, this.state, isChecked);
    // A data file that defines ids (created, changed, deleted): the pages that may use them.
    for (const { path } of events) {
      const config = this.services.configs.configFor(path);
      if (config.baseDir !== undefined && this.services.references.isDataFile(config, path))
        for (const page of this.knownPagesUnder(config.baseDir)) affected.add(page);
    }
    // A file created, deleted or saved elsewhere: a card or a branch of the map may show it.
    if (events.length > 0) this.viewsDirty = true;
    this.queue.add(affected, true);
    return [...affected];
  }

  /** Workspace folders added (scanned like the first ones) and removed (their files show nothing). */
  foldersChanged(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed);
    this.workspace.setRoots([...this.workspace.roots.filter((root) => !gone.has(root)), ...added]);
    for (const path of this.state.publishedUnder(gone)) this.withdrawn.add(path);
    this.state.forgetDeleted(gone);
    if (added.length > 0 && this.scan.started) this.scan.add(added);
    this.viewsDirty = true;
  }

  configure(settings: SessionSettings): void {
    const enabledChanged = settings.enabled !== this.settings.enabled;
    this.settings = settings;
    if (enabledChanged) this.revalidateAll();
  }

  /** Applies (true) or ignores (false) the workspace's configuration and schema files; returns every known file. */
  setTrusted(trusted: boolean): string[] {
    this.services.schemas.setTrusted(trusted);
    this.services.configs.setTrusted(trusted);
    return this.revalidateAll();
  }

  /** Starts the scan of the workspace folders: every checked file is validated in the background. */
  startScan(): void {
    if (this.scan.started) return;
    this.scan.started = true;
    this.scan.add(this.workspace.roots);
  }

  /** The client waits for a file's result (a preview): if it waits in the background, it goes first. */
  prioritize(path: string): void {
    if (this.queue.has(path)) this.queue.promote(path);
  }

  // ---- work -----------------------------------------------------------------------------------------

  /**
   * Validates queued files until `shouldStop` says so (at least one step), urgent files first; a slice
   * that validated urgent files ends once they are done, so that their results go out before background
   * work resumes. Reads the host answers later are waited for: no result that depended on them is published.
   */
  async runWork(shouldStop: () => boolean): Promise<WorkResult> {
    const publications: Publication[] = [];
    const failures: WorkResult["failures"] = [];
    for (const path of this.withdrawn) this.publishInto(publications, this.state.clear(path, undefined));
    this.withdrawn.clear();
    this.queue.release(this.clock());
    do {
      const next = this.nextFile();
      if (next === undefined && this.builder.hasPendingCensus()) {
        this.builder.continueCensus(shouldStop);
        continue;
      }
      if (next === undefined) {
        const found = await this.scan.step(shouldStop);
        if (found === undefined) break;
        for (const file of found) this.state.knownFiles.add(file);
        this.queue.add(found, false);
        continue;
      }
      try {
        const result = await this.validateForPublication(next.path);
        if (result) this.publishInto(publications, result);
        else this.afterCensus.push(next);
      } catch (error) {
        failures.push({ path: next.path, error });
      }
      this.requeueChangedMaps();
      this.requeueChangedReferences();
      if (next.urgent && !this.hasUrgentWork()) break;
    } while (!shouldStop());
    if (this.scan.active && !this.scan.walking && this.queue.ready === 0) this.scan.active = false;
    const viewsChanged = this.viewsDirty && !this.hasWork();
    if (viewsChanged) this.viewsDirty = false;
    return { publications, failures, viewsChanged };
  }

  /**
   * The next file to validate: urgent files even while a map's census is under way (only those whose
   * checks need it wait for it), then the files that waited for the census once it is done, then the rest.
   */
  private nextFile(): { path: string; urgent: boolean } | undefined {
    if (this.builder.hasPendingCensus()) return this.queue.hasUrgent() ? this.queue.take() : undefined;
    return this.afterCensus.shift() ?? this.queue.take();
  }

  /** Whether a slice of work is ready to run now. */
  hasWork(): boolean {
    return (
      this.queue.ready > 0 ||
      this.scan.walking ||
      this.withdrawn.size > 0 ||
      this.afterCensus.length > 0 ||
      this.builder.hasPendingCensus()
    );
  }

  /** Whether urgent files (edits, file events) wait: background work steps aside for messages, they do not. */
  hasUrgentWork(): boolean {
    return this.queue.hasUrgent() || this.withdrawn.size > 0 || this.afterCensus.some((file) => file.urgent);
  }

  /** Whether the scan has started and nothing waits (not even a held-back edit). */
  isIdle(): boolean {
    return this.scan.started && !this.hasWork() && this.queue.held === 0;
  }

  /** Whether a file waits to be validated (its diagnostics are not yet those of its current text). */
  isPending(path: string): boolean {
    return this.queue.has(path) || this.afterCensus.some((file) => file.path === path);
  }

  /** Milliseconds until a held-back edit is due; undefined when none is held. */
  nextDueIn(): number | undefined {
    const due = this.queue.nextDue();
    return due === undefined ? undefined : Math.max(0, due - this.clock());
  }

  /**
   * Validates one file now and records its result (the CLI, tests); undefined when it does not exist. A
   * host that answers reads later gets its results from `runWork`, which waits for them.
   */
  validate(path: string): FileReport | undefined {
    const report = this.check(path);
    this.record(path, report, this.documents.version(path));
    return report;
  }

  // ---- what the session knows ----------------------------------------------------------------------

  diagnosticsOf(path: string): ReturnType<ValidationState["diagnosticsOf"]> {
    return this.state.diagnosticsOf(path);
  }

  status(): SessionStatus {
    return {
      indexing: this.scan.active,
      filesIndexed: this.scan.done,
      filesTotal: this.scan.total,
      ...this.state.totals(),
    };
  }

  /** What the state holds (tests and benchmarks check that deleted files are released). */
  stateSizes(): ValidationState["sizes"] {
    return this.state.sizes;
  }

  /** How many validations ran (a keystroke should cost one). */
  validationCount(): number {
    return this.validations;
  }

  // ---- inside ---------------------------------------------------------------------------------------

  /** `deferCensus`: a map census the check starts is left to the session's slices (the check's result is then partial). */
  private check(path: string, deferCensus = false): FileReport | undefined {
    this.validations++;
    this.builder.deferCensus = deferCensus;
    this.builder.handedOutPartialUsage = false;
    try {
      return validateFile(path, this.services);
    } finally {
      this.builder.deferCensus = false;
    }
  }

  /** A file's result to publish; undefined when it met a map census under way (its counts were partial). */
  private async validateForPublication(
    path: string,
  ): Promise<ReturnType<ValidationState["record"]> | undefined> {
    const openVersion = this.documents.version(path);
    if (!this.settings.enabled) return this.countedDone(this.state.clear(path, openVersion));
    const report = await this.settled(path, this.check(path, true));
    if (this.builder.handedOutPartialUsage) return undefined;
    const result = this.countedDone(this.record(path, report, openVersion));
    if (!report) this.anchorSourcesByPath.delete(path);
    else if (openVersion !== undefined || this.anchorSourcesByPath.has(path))
      this.followAnchors(path, openVersion !== undefined);
    return result;
  }

  /**
   * An open page edited (or closed unsaved) so that its headings or element ids changed: the pages whose
   * links name its anchors are validated again, in the background (saves arrive as file events).
   */
  private followAnchors(path: string, open: boolean): void {
    if (!isMarkdownPath(path)) return;
    const source = this.workspace.readText(path, this.services.configs.configFor(path).maxFileSize);
    const sources = source.ok
      ? anchorSources(this.workspace.parsedMarkdown(path, source.text, source.version))
      : "";
    const before = this.anchorSourcesByPath.get(path);
    if (open) this.anchorSourcesByPath.set(path, sources);
    else this.anchorSourcesByPath.delete(path);
    if (before === undefined || before === sources) return;
    const linking = this.state.sourcesLinkingTo((target) => target === path).filter((file) => file !== path);
    this.queue.add(linking, false);
  }

  private countedDone<T>(result: T): T {
    if (this.scan.active) this.scan.done++;
    return result;
  }

  private get builder(): CoreServices["builder"] {
    return this.services.builder;
  }

  /** A file's report once the reads its checks asked for have been answered (at once with a synchronous host). */
  private async settled(path: string, first: FileReport | undefined): Promise<FileReport | undefined> {
    let report = first;
    for (let round = 0; this.workspace.hasPendingReads() && round < maxReadRounds; round++) {
      await this.workspace.settleReads();
      report = this.check(path, true);
    }
    return report;
  }

  private record(
    path: string,
    report: FileReport | undefined,
    openVersion: number | undefined,
  ): ReturnType<ValidationState["record"]> {
    // A file found missing: nothing stays cached about it or its folders that are gone too.
    if (report === undefined) this.workspace.forgetMissing(path);
    return this.state.record(path, report?.diagnostics ?? [], report?.linkTargets, openVersion);
  }

  private publishInto(publications: Publication[], result: ReturnType<ValidationState["record"]>): void {
    if (result.publication) publications.push(result.publication);
    if (result.countsChanged) this.viewsDirty = true;
  }

  /** A map whose conventions changed (most nodes now have a section, or no longer): its files again, in the background. */
  private requeueChangedMaps(): void {
    if (this.builder.hasPendingCensus()) return;
    const roots = this.builder.takeChangedConventions();
    // While reads are answered later the counts are partial: the scan's own validations follow.
    if (roots.length === 0 || this.scan.active || this.workspace.hasPendingReads()) return;
    const known = [...this.state.knownFiles].filter((file) => roots.some((root) => isInside(file, root)));
    this.queue.add(new Set(known), false);
  }

  /** A registry whose ids changed (a page's id edited, a data file read anew): the pages of its tree, in the background. */
  private requeueChangedReferences(): void {
    for (const tree of this.services.references.takeChangedTrees())
      this.queue.add(this.knownPagesUnder(tree), false);
  }

  private knownPagesUnder(folder: string): string[] {
    return [...this.state.knownFiles].filter((file) => isMarkdownPath(file) && isInside(file, folder));
  }

  private revalidateAll(): string[] {
    const known = [...this.state.knownFiles];
    this.queue.add(new Set([...this.state.publishedPaths(), ...known]), false);
    return known;
  }
}
