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
import { checkNewName, newChildNode, newTopicEntry } from "./features/commands";
import type { EditOutcome } from "./features/workspaceEdits";
import type { NameCheck } from "../shared/nodeNames";
import { provideWorkspaceSymbols } from "./features/workspaceSymbols";
import { mapChildren, mapTree } from "./render/mapTree";
import { renderPage } from "./render/renderPage";
import type { MapTree, MapTreeItem, RenderTarget, RenderedPage } from "./render/renderTypes";
import { ConfigStore } from "./config/configStore";
import {
  type FileReport,
  isCheckedFile,
  jsonKindOf,
  validateFile,
} from "./features/diagnostics/validateFile";
import type { FileSystem } from "./fileSystem";
import { ancestorsOf, basename, dirname, isMarkdownPath, joinPath } from "./paths";
import { SchemaStore } from "./schemas/schemaStore";
import { MapLocator } from "./workspace/maps";
import { NodeIndex } from "./workspace/nodeIndex";
import { isAtOrBelowAny, isSkippedFolderName, Workspace } from "./workspace/workspace";

export type { FileReport } from "./features/diagnostics/validateFile";
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
}

export type FileChange = "created" | "changed" | "deleted";

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
 * the language server and the CLI, and tested in memory.
 */
export interface LanguageService {
  readonly workspace: Workspace;
  /** Every file kb-author checks under the roots (or one folder), skipping hidden folders and node_modules. */
  listCheckedFiles(folder?: string): string[];
  /**
   * The same files one at a time, as the walk finds them: a caller can walk a big tree in slices between
   * which it answers requests (the language server's initial scan).
   */
  walkCheckedFiles(folder?: string): Iterator<string>;
  /** Diagnostics of one file; undefined when it does not exist. */
  validate(path: string): FileReport | undefined;
  setOpenDocument(path: string, text: string, version: number): void;
  closeDocument(path: string): void;
  /**
   * Records a change on disk and returns the files whose diagnostics may change because of it
   * (the parent node's Order, files linking there, everything under a changed configuration).
   */
  fileChanged(path: string, change: FileChange): string[];
  /** `fileChanged` for a burst of changes (a branch checkout), handled in one sweep; the union of the files affected. */
  filesChanged(changes: readonly { path: string; change: FileChange }[]): string[];
  /**
   * Applies (true) or ignores (false) the workspace's configuration and schema files, as when the user
   * grants workspace trust; returns the files whose diagnostics may change (every known file).
   */
  setTrusted(trusted: boolean): string[];
  /** Counts of what the caches and indexes hold (read only; tests and benchmarks). */
  getIndexStats(): IndexStats;

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
  /** Every safe fix applied to a Markdown file's text, in memory (`check --fix`); undefined for other files. */
  fixAll(path: string): FixAllResult | undefined;
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
  /** A Markdown file rendered as a page (sanitized HTML), with its problems freshly validated; undefined for other files. */
  renderPage(path: string, target: RenderTarget): RenderedPage | undefined;
  /** The map view's starting tree, expanded down to `focus` (a node's file or folder, or a file inside it). */
  getMapTree(focus?: string): MapTree;
  /** A node's children (by folder) in their Order, then the unlisted ones. */
  getMapChildren(folder: string): MapTreeItem[];
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const workspace = new Workspace(options.fileSystem, options.workspaceRoots, options.retainContents);
  const maps = new MapLocator(workspace);
  const schemas = new SchemaStore(workspace, builtinSchemas);
  const configs = new ConfigStore(workspace, schemas, options.configPath);
  const trusted = options.trusted ?? true;
  schemas.setTrusted(trusted);
  configs.setTrusted(trusted);
  const nodes = new NodeIndex(workspace, maps);
  const diagnosticsByPath = new Map<string, Diagnostic[]>();
  const services: CoreServices = {
    workspace,
    maps,
    schemas,
    configs,
    nodes,
    diagnosticsOf: (path) => diagnosticsByPath.get(path) ?? [],
    listMarkdownFiles: () => listCheckedFiles().filter(isMarkdownPath),
  };
  const linkTargetsBySource = new Map<string, string[]>();
  const knownFiles = new Set<string>();

  function listCheckedFiles(folder?: string): string[] {
    return [...walkCheckedFiles(folder)];
  }

  function* walkCheckedFiles(folder?: string): Generator<string> {
    for (const root of folder ? [folder] : options.workspaceRoots) {
      const files = workspace.isDirectory(root)
        ? checkedFilesUnder(root)
        : isCheckedFile(root) && workspace.exists(root)
          ? [root]
          : [];
      for (const file of files) {
        knownFiles.add(file);
        yield file;
      }
    }
  }

  function validate(path: string): FileReport | undefined {
    const report = validateFile(path, services);
    if (report && report.diagnostics.length > 0) diagnosticsByPath.set(path, report.diagnostics);
    else diagnosticsByPath.delete(path);
    if (report) {
      knownFiles.add(path);
      if (report.linkTargets.length > 0) linkTargetsBySource.set(path, report.linkTargets);
      else linkTargetsBySource.delete(path);
    } else {
      knownFiles.delete(path);
      linkTargetsBySource.delete(path);
      workspace.forgetMissing(path);
    }
    return report;
  }

  function fileChanged(path: string, change: FileChange): string[] {
    return filesChanged([{ path, change }]);
  }

  /**
   * Every change of a burst handled at once: each cache and index is swept once for the whole burst, and
   * each folder's node file looked up once (a checkout of 10,000 files took time in the square of that).
   */
  function filesChanged(changes: readonly { path: string; change: FileChange }[]): string[] {
    workspace.invalidateAll(changes.map(({ path, change }) => ({ path, structural: change !== "changed" })));
    const deleted = new Set(changes.filter(({ change }) => change === "deleted").map(({ path }) => path));
    if (deleted.size > 0) forgetDeleted(deleted);
    const affected = new Set<string>();
    let rulesChanged = false;
    for (const { path, change } of changes) {
      const jsonKind = jsonKindOf(path);
      if (jsonKind === "meta" || jsonKind === "config" || (path.endsWith(".json") && jsonKind !== "papers")) {
        rulesChanged = true;
        if (change === "created" && workspace.isScannedFolder(dirname(path))) knownFiles.add(path);
      } else if (isCheckedFile(path) && change !== "deleted" && workspace.isScannedFolder(dirname(path)))
        affected.add(path);
    }
    if (rulesChanged) {
      // meta.json moves map roots; a configuration or schema changes the rules: everything may change.
      maps.reset();
      schemas.invalidate();
      configs.invalidate();
      return [...new Set([...affected, ...knownFiles])];
    }
    const structural = changes.filter(({ change }) => change !== "changed").map(({ path }) => path);
    if (structural.length === 0) return [...affected];
    // The Order of the folder's node and of its parent node list and check the child folders.
    const folders = new Set(structural.flatMap((path) => [dirname(path), dirname(dirname(path))]));
    for (const folder of folders) {
      const nodeFile = workspace.findFile(folder, basename(folder) + ".md");
      if (nodeFile) affected.add(nodeFile);
    }
    // Links to a changed path, to something below it (a folder deleted), or to a folder above it.
    const changed = new Set(structural);
    const changedAndAbove = new Set(structural.flatMap((path) => [path, ...ancestorsOf(path)]));
    for (const [source, targets] of linkTargetsBySource) {
      if (targets.some((target) => changedAndAbove.has(target) || isAtOrBelowAny(target, changed)))
        affected.add(source);
    }
    for (const { path, change } of changes) {
      // A folder the scan skips (node_modules after npm install, .git) is skipped here too.
      if (change === "created" && workspace.isScannedFolder(path) && workspace.isListedFolder(path)) {
        for (const file of checkedFilesUnder(path)) affected.add(file);
      }
    }
    return [...affected];
  }

  /** Releases what is held for deleted files and folders: no validation of them will come to do it. */
  function forgetDeleted(paths: ReadonlySet<string>): void {
    for (const held of [knownFiles, diagnosticsByPath, linkTargetsBySource]) {
      for (const file of held.keys()) if (isAtOrBelowAny(file, paths)) held.delete(file);
    }
  }

  function* checkedFilesUnder(folder: string): Generator<string> {
    for (const entry of workspace.readDirectory(folder)) {
      const path = joinPath(folder, entry.name);
      if (entry.type === "directory") {
        if (!isSkippedFolderName(entry.name)) yield* checkedFilesUnder(path);
      } else if (isCheckedFile(path)) yield path;
    }
  }

  /** The context of a Markdown document for an editor feature, or undefined when it has none. */
  function contextOf(path: string): MarkdownContext | undefined {
    const config = configs.configFor(path);
    const source = workspace.readText(path, config.maxFileSize);
    if (!source.ok || !isMarkdownPath(path)) return undefined;
    return markdownContext(path, source.text, source.version, services);
  }

  function withContext<T>(path: string, empty: T, feature: (context: MarkdownContext) => T): T {
    const context = contextOf(path);
    return context ? feature(context) : empty;
  }

  return {
    workspace,
    listCheckedFiles,
    walkCheckedFiles,
    validate,
    setOpenDocument: (path, text, version) => workspace.setOpenDocument(path, text, version),
    closeDocument: (path) => workspace.closeDocument(path),
    fileChanged,
    filesChanged,
    setTrusted: (trusted) => {
      schemas.setTrusted(trusted);
      configs.setTrusted(trusted);
      return [...knownFiles];
    },
    getIndexStats: () => ({
      ...workspace.cacheSizes(),
      knownFiles: knownFiles.size,
      diagnostics: diagnosticsByPath.size,
      linkSources: linkTargetsBySource.size,
      mapFolders: maps.size,
      nodes: nodes.size.nodes,
      nodesByFolder: nodes.size.byFolder,
    }),
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
      withContext(path, [], (context) => provideReferences(context, position, services, includeDeclaration)),
    getDocumentSymbols: (path) => withContext(path, [], (context) => provideDocumentSymbols(context)),
    getWorkspaceSymbols: (query) => provideWorkspaceSymbols(query, services),
    getCodeActions: (path, range, diagnostics, only) =>
      withContext(path, [], (context) => provideCodeActions(context, range, diagnostics, services, only)),
    fixAll: (path) =>
      withContext(path, undefined, (context) => fixAllText(path, context.parsed.lines.text, services)),
    prepareRename: (path, position) =>
      withContext(path, undefined, (context) => prepareRename(context, position, services)),
    rename: (path, position, newName) =>
      withContext(path, undefined, (context) => provideRename(context, position, newName, services)),
    newChildNode: (parent, name) => newChildNode(parent, name, services),
    newTopicEntry: (folder, title) => newTopicEntry(folder, title, services),
    checkNewName: (kind, target, name) => checkNewName(kind, target, name, services),
    format: (path) => withContext(path, [], (context) => formatDocument(context)),
    renderPage: (path, target) => {
      validate(path);
      return renderPage(path, target, services);
    },
    getMapTree: (focus) => mapTree(focus, services),
    getMapChildren: (folder) => mapChildren(folder, services),
  };
}
