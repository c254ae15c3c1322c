import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  Hover,
  Location,
  Position,
  Range,
  TextEdit,
  WorkspaceSymbol,
} from "vscode-languageserver-types";
import { builtinSchemas } from "./builtinSchemas";
import { type MarkdownContext, markdownContext } from "./model/markdownContext";
import { provideCodeActions } from "./features/codeActions";
import { type FixAllResult, fixAllText } from "./features/codeActions/fixAll";
import { provideCompletions } from "./features/completion";
import { provideDefinition } from "./features/definition";
import { provideDocumentLinks } from "./features/documentLinks";
import { provideDocumentSymbols } from "./features/documentSymbols";
import type { CoreServices } from "./model/services";
import { formatDocument } from "./features/formatting";
import { provideHover } from "./features/hover";
import { provideReferences } from "./features/references";
import { prepareRename, provideRename, type RenamePlace } from "./features/rename";
import { prepareReferenceRename, referenceLocations, renameReference } from "./features/referenceFeatures";
import { checkNewName, newChildNode, newTopicEntry } from "./features/commands";
import type { EditOutcome } from "./features/workspaceEdits";
import type { NameCheck } from "../shared/nodeNames";
import { provideWorkspaceSymbols } from "./features/workspaceSymbols";
import { mapChildren, mapTree } from "./render/mapTree";
import { markdownJobsOf, renderPage } from "./render/renderPage";
import type {
  MapTree,
  MapTreeItem,
  MarkdownJob,
  RenderOptions,
  RenderTarget,
  RenderedPage,
} from "./render/renderTypes";
import { ConfigStore } from "./config/configStore";
import { type FileReport, isCheckedPath } from "./features/diagnostics/validateFile";
import type { FileSystem } from "./fileSystem";
import { isMarkdownPath } from "./paths";
import { decodeText } from "./document/decode";
import { SchemaStore } from "./schemas/schemaStore";
import { BuilderView } from "./map/builderView";
import { ReferenceIndex } from "./model/referenceIndex";
import { MapLocator } from "./workspace/maps";
import { NodeIndex } from "./workspace/nodeIndex";
import { Workspace } from "./workspace/workspace";
import { walkCheckedFiles } from "./session/checkedFiles";
import { OpenDocuments } from "./session/openDocuments";
import {
  type SessionSettings,
  type SessionStatus,
  ValidationSession,
  type WorkResult,
} from "./session/session";
import type { FileEvent } from "./session/treeChanges";
import { type WatchedFiles, watchedFiles } from "./session/watchedFiles";
import type { TextDocumentContentChangeEvent } from "vscode-languageserver-textdocument";

export type { FileReport } from "./features/diagnostics/validateFile";
export type { FileChange, FileEvent } from "./session/treeChanges";
export type { Publication } from "./session/validationState";
export {
  defaultSessionSettings,
  type SessionSettings,
  type SessionStatus,
  type WorkResult,
} from "./session/session";
export type { WatchedFiles } from "./session/watchedFiles";
export type { FixAllResult } from "./features/codeActions/fixAll";
export type * from "./render/renderTypes";

export interface LanguageServiceOptions {
  fileSystem: FileSystem;
  /** Absolute folders the user opened: the scan covers them, and no schema is read outside them. */
  workspaceRoots: string[];
  /** A configuration file that applies to every file, instead of the nearest one (`--config`). */
  configPath?: string;
  /** Keep files' texts and parses once read (the default); false for a check that reads each file once. */
  retainContents?: boolean;
  /**
   * Whether the workspace is trusted (the default). The language server passes VS Code's workspace
   * trust: untrusted, configuration files and schema files are ignored (built-in rules and schemas
   * only). The CLI is always trusted: it runs where the user chose to run it.
   */
  trusted?: boolean;
  /** Milliseconds from some origin, for edits held back by a debounce (default: the wall clock). */
  clock?: () => number;
}

/** How many entries the service's caches and indexes hold: what is held for deleted files must be released. */
export interface IndexStats extends ReturnType<Workspace["cacheSizes"]> {
  /** Files found by the scan or validated, that exist as far as the service knows. */
  knownFiles: number;
  /** Files with diagnostics, and files with internal links (for revalidation when a target changes). */
  diagnostics: number;
  linkSources: number;
  /** Folders whose place in the maps is cached, and nodes indexed. */
  mapFolders: number;
  nodes: number;
  nodesByFolder: number;
}

/**
 * The kb-author language service: pure (all I/O comes through the FileSystem passed in), shared by
 * the language server and the CLI, and tested in memory. Events change what it knows (and queue
 * validation); `runWork` validates and says what to publish; every other method is a query and
 * changes nothing the client can see.
 */
export interface LanguageService {
  // ---- events: documents, files, folders, settings ------------------------------------------------
  openDocument(path: string, text: string, version: number): void;
  /** Changes to an open document as the editor sends them (ranges or whole texts). */
  changeDocument(path: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): void;
  closeDocument(path: string): void;
  /**
   * Records changes on disk (a burst, such as a branch checkout, at once) and returns the files whose
   * diagnostics may change because of them (the parent node's Order, files linking there, everything
   * under a changed configuration); they are queued for validation.
   */
  filesChanged(changes: readonly FileEvent[]): string[];
  /** Workspace folders added (scanned) and removed (their files' diagnostics withdrawn). */
  foldersChanged(added: readonly string[], removed: readonly string[]): void;
  /** Editor settings: validation on or off, the debounce of edits. */
  configure(settings: SessionSettings): void;
  /**
   * Applies (true) or ignores (false) the workspace's configuration and schema files, as when the user
   * grants workspace trust; returns the files whose diagnostics may change (every known file).
   */
  setTrusted(trusted: boolean): string[];
  /** Starts the background scan of the workspace folders. */
  startScan(): void;
  /** The client waits for a file's result (a preview): it goes ahead of the background. */
  prioritize(path: string): void;

  // ---- work -----------------------------------------------------------------------------------------
  /** Validates queued files until `shouldStop` says so; what to publish, and whether views should refresh. */
  runWork(shouldStop: () => boolean): Promise<WorkResult>;
  hasWork(): boolean;
  /** Whether edits or file events wait (background work may step aside for the client's messages; these may not). */
  hasUrgentWork(): boolean;
  /** The scan has started and nothing waits. */
  isIdle(): boolean;
  /** Whether a file waits to be validated. */
  isPending(path: string): boolean;
  /** Milliseconds until an edit held back by the debounce is due. */
  nextDueIn(): number | undefined;
  /** Validates one file now and records the result (the CLI, tests); undefined when it does not exist. */
  validate(path: string): FileReport | undefined;

  // ---- queries ----------------------------------------------------------------------------------
  /** Every file kb-author checks under the roots (or one folder or file), skipping hidden folders and node_modules. */
  listCheckedFiles(folder?: string): string[];
  /** The diagnostics the client is shown for a file. */
  diagnosticsOf(path: string): readonly Diagnostic[];
  /** The scan's progress and the workspace's error and warning counts. */
  status(): SessionStatus;
  /** The globs of the files and folders whose changes the service needs to hear about. */
  watchedFiles(): WatchedFiles;
  /** Counts of what the caches and indexes hold (tests and benchmarks). */
  getIndexStats(): IndexStats;
  /** Validations run since the service started (a keystroke should cost one). */
  validationCount(): number;
  /** Every path a cache holds an entry for, with the cache's name (tests check deleted files are released). */
  cachedPaths(): Iterable<[cache: string, path: string]>;

  // Editor features, on Markdown documents (open or on disk); empty results for other files.
  getCompletions(path: string, position: Position): CompletionList;
  getHover(path: string, position: Position): Hover | undefined;
  getDefinition(path: string, position: Position): Location[];
  getDocumentLinks(path: string): DocumentLink[];
  /** References to the node or page under the cursor; its own file first when `includeDeclaration` (the default). */
  getReferences(path: string, position: Position, includeDeclaration?: boolean): Location[];
  getDocumentSymbols(path: string): DocumentSymbol[];
  getWorkspaceSymbols(query: string): WorkspaceSymbol[];
  /** Quick fixes for the diagnostics given; `only` filters by action kind (`source.fixAll` is made only when asked for). */
  getCodeActions(path: string, range: Range, diagnostics: Diagnostic[], only?: string[]): CodeAction[];
  /**
   * Every safe fix applied to a Markdown file's text, in memory (`check --fix`); undefined for other files.
   * `bytes`: the file's content as the caller read it, fixed instead of the file as the service reads it,
   * so that the caller knows which content the fixes were computed from (undefined when it is not text
   * kb-author checks: too large, binary, not UTF-8).
   */
  fixAll(path: string, bytes?: Uint8Array): FixAllResult | undefined;
  prepareRename(path: string, position: Position): RenamePlace | undefined;
  /** Renames the node under the cursor (one edit), or says why not; undefined when the cursor is on no node. */
  rename(path: string, position: Position, newName: string): EditOutcome | undefined;
  /** New Child Node: the edit creating `Name/Name.md` under a node (its file or folder) and listing it. */
  newChildNode(parent: string, name: string): EditOutcome;
  /** New Topic Entry: the edit creating `<slug>.md` in a folder with scaffolded frontmatter. */
  newTopicEntry(folder: string, title: string): EditOutcome;
  /** Checks a name typed for New Child Node (`node`) or New Topic Entry (`topic`). */
  checkNewName(kind: "node" | "topic", target: string, name: string): NameCheck;
  format(path: string): TextEdit[];

  // Preview panel, map view and static site.
  /** A Markdown file rendered as a page (sanitized HTML) with the problems last published for it; undefined for other files. */
  renderPage(path: string, target: RenderTarget, options?: RenderOptions): RenderedPage | undefined;
  /**
   * The runs of Markdown `renderPage` would render for this page, as jobs another thread can render
   * (`renderMarkdownJob`); their results go back to `renderPage` as `RenderOptions.rendered`.
   */
  markdownJobsOf(path: string, target: RenderTarget): MarkdownJob[];
  /** The map view's starting tree, expanded down to `focus` (a node's file or folder, or a file inside it). */
  getMapTree(focus?: string): MapTree;
  /** A node's children (by folder) in their Order, then the unlisted ones. */
  getMapChildren(folder: string): MapTreeItem[];
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const documents = new OpenDocuments();
  const workspace = new Workspace(
    options.fileSystem,
    options.workspaceRoots,
    documents,
    options.retainContents,
  );
  const maps = new MapLocator(workspace);
  const schemas = new SchemaStore(workspace, builtinSchemas);
  const configs = new ConfigStore(workspace, schemas, options.configPath);
  const trusted = options.trusted ?? true;
  schemas.setTrusted(trusted);
  configs.setTrusted(trusted);
  const nodes = new NodeIndex(workspace, maps);
  const builder = new BuilderView(workspace, maps, configs);
  const references = new ReferenceIndex(workspace, () => documents.generation);
  const services: CoreServices = {
    workspace,
    maps,
    builder,
    schemas,
    configs,
    nodes,
    references,
    diagnosticsOf: (path) => session.diagnosticsOf(path),
    listMarkdownFiles: () => listCheckedFiles().filter(isMarkdownPath),
  };
  const session = new ValidationSession(workspace, services, documents, options.clock ?? (() => Date.now()));

  function listCheckedFiles(folder?: string): string[] {
    const isChecked = (path: string) => isCheckedPath(path, services);
    return (folder ? [folder] : workspace.roots).flatMap((root) => [
      ...walkCheckedFiles(workspace, root, isChecked),
    ]);
  }

  /** The context of a Markdown document for an editor feature, or undefined when it has none. */
  function contextOf(path: string): MarkdownContext | undefined {
    const config = configs.configFor(path);
    const source = workspace.readText(path, config.maxFileSize);
    if (!source.ok || !isMarkdownPath(path)) return undefined;
    return markdownContext(path, source.text, source.version, services);
  }

  function fixAllOfBytes(path: string, bytes: Uint8Array): FixAllResult | undefined {
    if (!isMarkdownPath(path) || bytes.length > configs.configFor(path).maxFileSize) return undefined;
    const decoded = decodeText(bytes);
    if (!decoded.ok || !markdownContext(path, decoded.text, 0, services)) return undefined;
    return fixAllText(path, decoded.text, services);
  }

  function withContext<T>(path: string, empty: T, feature: (context: MarkdownContext) => T): T {
    const context = contextOf(path);
    return context ? feature(context) : empty;
  }

  return {
    openDocument: (path, text, version) => session.openDocument(path, text, version),
    changeDocument: (path, version, changes) => session.changeDocument(path, version, changes),
    closeDocument: (path) => session.closeDocument(path),
    filesChanged: (changes) => session.filesChanged(changes),
    foldersChanged: (added, removed) => session.foldersChanged(added, removed),
    configure: (settings) => session.configure(settings),
    setTrusted: (trusted) => session.setTrusted(trusted),
    startScan: () => session.startScan(),
    prioritize: (path) => session.prioritize(path),
    runWork: (shouldStop) => session.runWork(shouldStop),
    hasWork: () => session.hasWork(),
    hasUrgentWork: () => session.hasUrgentWork(),
    isIdle: () => session.isIdle(),
    isPending: (path) => session.isPending(path),
    nextDueIn: () => session.nextDueIn(),
    validate: (path) => session.validate(path),
    listCheckedFiles,
    diagnosticsOf: (path) => session.diagnosticsOf(path),
    status: () => session.status(),
    watchedFiles,
    getIndexStats: () => ({
      ...workspace.cacheSizes(),
      ...session.stateSizes(),
      mapFolders: maps.size,
      nodes: nodes.size.nodes,
      nodesByFolder: nodes.size.byFolder,
    }),
    cachedPaths: () => workspace.cachedPaths(),
    validationCount: () => session.validationCount(),
    getCompletions: (path, position) =>
      withContext(path, { isIncomplete: false, items: [] }, (context) =>
        provideCompletions(context, position, services),
      ),
    getHover: (path, position) =>
      withContext(path, undefined, (context) => provideHover(context, position, services)),
    getDefinition: (path, position) =>
      withContext(path, [], (context) => provideDefinition(context, position, services)),
    getDocumentLinks: (path) => withContext(path, [], (context) => provideDocumentLinks(context, services)),
    getReferences: (path, position, includeDeclaration = true) =>
      withContext(
        path,
        [],
        (context) =>
          referenceLocations(context, position, includeDeclaration) ??
          provideReferences(context, position, services, includeDeclaration),
      ),
    getDocumentSymbols: (path) => withContext(path, [], (context) => provideDocumentSymbols(context)),
    getWorkspaceSymbols: (query) => provideWorkspaceSymbols(query, services),
    getCodeActions: (path, range, diagnostics, only) =>
      withContext(path, [], (context) => provideCodeActions(context, range, diagnostics, services, only)),
    fixAll: (path, bytes) =>
      bytes === undefined
        ? withContext(path, undefined, (context) => fixAllText(path, context.parsed.lines.text, services))
        : fixAllOfBytes(path, bytes),
    prepareRename: (path, position) =>
      withContext(
        path,
        undefined,
        (context) => prepareReferenceRename(context, position) ?? prepareRename(context, position, services),
      ),
    rename: (path, position, newName) =>
      withContext(
        path,
        undefined,
        (context) =>
          renameReference(context, position, newName) ?? provideRename(context, position, newName, services),
      ),
    newChildNode: (parent, name) => newChildNode(parent, name, services),
    newTopicEntry: (folder, title) => newTopicEntry(folder, title, services),
    checkNewName: (kind, target, name) => checkNewName(kind, target, name, services),
    format: (path) => withContext(path, [], (context) => formatDocument(context)),
    renderPage: (path, target, options) => renderPage(path, target, services, options),
    markdownJobsOf: (path, target) => markdownJobsOf(path, target, services),
    getMapTree: (focus) => mapTree(focus, services),
    getMapChildren: (folder) => mapChildren(folder, services),
  };
}
