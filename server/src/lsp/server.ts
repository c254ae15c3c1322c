import {
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { version } from "../../../package.json";
import { createLanguageService, type FileChange, type LanguageService } from "../core/languageService";
import { NodeFileSystem } from "../node/nodeFileSystem";
import { IndexStatusNotification, WaitForIdleRequest } from "../shared/protocol";
import { pathToUri, uriToPath } from "./paths";
import { defaultSettings, type EditorSettings, fetchSettings } from "./settings";
import { ValidationQueue } from "./validationQueue";

const changeKinds: Record<FileChangeType, FileChange> = {
  [FileChangeType.Created]: "created",
  [FileChangeType.Changed]: "changed",
  [FileChangeType.Deleted]: "deleted",
};

/** Wires the pure language service to an LSP connection: documents, file events, diagnostics, progress. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const published = new Map<string, { errors: number; warnings: number }>();
  const debounceTimers = new Map<string, NodeJS.Timeout>();
  let service: LanguageService = createLanguageService({ fileSystem: new NodeFileSystem(), workspaceRoots: [] });
  let settings: EditorSettings = defaultSettings;
  let configurationPull = false;
  let registerWatcher = false;
  let indexing = { active: false, done: 0, total: 0 };
  let markIndexed: () => void = () => undefined;
  const indexed = new Promise<void>((resolve) => (markIndexed = resolve));

  const queue = new ValidationQueue((path) => {
    validateAndPublish(path);
    if (indexing.active) indexing.done++;
  });

  function validateAndPublish(path: string): void {
    let diagnostics: Diagnostic[] = [];
    try {
      diagnostics = settings.enable ? (service.validate(path)?.diagnostics ?? []) : [];
    } catch (error) {
      connection.console.error(`kb-author: validating ${path} failed: ${(error as Error).stack ?? String(error)}`);
      return;
    }
    if (diagnostics.length === 0 && !published.has(path)) return;
    const document = documents.get(pathToUri(path));
    void connection.sendDiagnostics({ uri: document?.uri ?? pathToUri(path), version: document?.version, diagnostics });
    if (diagnostics.length === 0) published.delete(path);
    else {
      published.set(path, {
        errors: diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length,
        warnings: diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length,
      });
    }
  }

  function sendStatus(): void {
    let errors = 0;
    let warnings = 0;
    for (const counts of published.values()) {
      errors += counts.errors;
      warnings += counts.warnings;
    }
    void connection.sendNotification(IndexStatusNotification.method, {
      indexing: indexing.active,
      filesIndexed: indexing.done,
      filesTotal: indexing.total,
      errors,
      warnings,
    } satisfies IndexStatusNotification.Params);
  }

  async function indexWorkspace(): Promise<void> {
    const progress = await connection.window.createWorkDoneProgress();
    const files = service.listCheckedFiles();
    indexing = { active: true, done: 0, total: files.length };
    progress.begin("kb-author: checking the knowledge base", 0, `${files.length} files`, false);
    sendStatus();
    queue.add(files);
    const timer = setInterval(() => {
      progress.report(Math.floor((100 * indexing.done) / Math.max(1, indexing.total)), `${indexing.done}/${indexing.total} files`);
      sendStatus();
    }, 250);
    await queue.whenIdle();
    clearInterval(timer);
    indexing.active = false;
    progress.done();
    sendStatus();
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const roots = folders.map(uriToPath).filter((path): path is string => path !== undefined);
    service = createLanguageService({ fileSystem: new NodeFileSystem(), workspaceRoots: roots });
    configurationPull = params.capabilities.workspace?.configuration === true;
    const clientWatchesFiles = (params.initializationOptions as { clientWatchesFiles?: boolean } | undefined)?.clientWatchesFiles;
    registerWatcher = !clientWatchesFiles && params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
      serverInfo: { name: "kb-author", version },
    };
  });

  connection.onInitialized(async () => {
    settings = await fetchSettings(connection, configurationPull);
    if (registerWatcher) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*" }] });
    }
    try {
      await indexWorkspace();
    } finally {
      markIndexed();
    }
  });

  connection.onDidChangeConfiguration(async () => {
    settings = await fetchSettings(connection, configurationPull);
    queue.add(new Set([...published.keys(), ...service.listCheckedFiles()]));
  });

  documents.onDidOpen(({ document }) => {
    const path = uriToPath(document.uri);
    if (!path) return;
    service.setOpenDocument(path, document.getText(), document.version);
    queue.add([path], true);
  });

  documents.onDidChangeContent(({ document }) => {
    const path = uriToPath(document.uri);
    if (!path) return;
    service.setOpenDocument(path, document.getText(), document.version);
    clearTimeout(debounceTimers.get(path));
    debounceTimers.set(
      path,
      setTimeout(() => {
        debounceTimers.delete(path);
        queue.add([path], true);
      }, settings.debounceMs),
    );
  });

  documents.onDidClose(({ document }) => {
    const path = uriToPath(document.uri);
    if (!path) return;
    clearTimeout(debounceTimers.get(path));
    service.closeDocument(path);
    queue.add([path], true);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const affected = new Set<string>();
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (!path) continue;
      const kind = changeKinds[change.type];
      if (kind === "deleted") {
        for (const publishedPath of published.keys()) {
          if (publishedPath === path || publishedPath.startsWith(path + "/")) affected.add(publishedPath);
        }
      }
      for (const file of service.fileChanged(path, kind)) affected.add(file);
    }
    queue.add(affected, true);
    void queue.whenIdle().then(sendStatus);
  });

  connection.onRequest(WaitForIdleRequest.method, async () => {
    await indexed;
    await queue.whenIdle();
  });

  documents.listen(connection);
  connection.listen();
}
