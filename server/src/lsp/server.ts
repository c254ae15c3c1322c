import {
  CodeActionKind,
  type Connection,
  type Diagnostic,
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
import {
  type IndexStatusParams,
  indexStatusMethod,
  type InitializationOptions,
  waitForIdleMethod,
  workspaceTrustedMethod,
} from "../shared/protocol";
import { executableCommands, registerCommands } from "./commands";
import { Debouncer } from "./debouncer";
import { registerFeatures } from "./features";
import { DiagnosticsPublisher } from "./diagnosticsPublisher";
import type { MessagePriority } from "./messagePriority";
import { registerPreview } from "./preview";
import { pathToUri, uriToPath } from "./paths";
import { defaultSettings, type EditorSettings, fetchSettings } from "./settings";
import { walkInSlices } from "./sliceWalk";
import { ValidationQueue } from "./validationQueue";

const changeKinds: Record<FileChangeType, FileChange> = {
  [FileChangeType.Created]: "created",
  [FileChangeType.Changed]: "changed",
  [FileChangeType.Deleted]: "deleted",
};

/**
 * Wires the pure language service to an LSP connection: documents, file events, diagnostics, progress.
 * `priority`, when the connection reports the messages it handles, lets requests overtake the scan.
 */
export function startServer(connection: Connection, priority?: MessagePriority): void {
  const documents = new TextDocuments(TextDocument);
  const publisher = new DiagnosticsPublisher(connection);
  const debouncer = new Debouncer();
  const statusDebouncer = new Debouncer();
  /** The version of each open document the service holds: a content event for that version changes nothing. */
  const openVersions = new Map<string, number>();
  let service: LanguageService = createLanguageService({
    fileSystem: new NodeFileSystem(),
    workspaceRoots: [],
  });
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
  priority?.onMessage(() => queue.yieldToMessages());

  function validateAndPublish(path: string): void {
    let diagnostics: Diagnostic[];
    try {
      diagnostics = settings.enable ? (service.validate(path)?.diagnostics ?? []) : [];
    } catch (error) {
      // The core never throws on bad input; should it, one file loses its diagnostics, not the server.
      connection.console.error(
        `kb-author: validating ${path} failed: ${(error as Error).stack ?? String(error)}`,
      );
      return;
    }
    const document = documents.get(pathToUri(path));
    publisher.publish(path, document?.uri ?? pathToUri(path), document?.version, diagnostics);
    // The status bar's counts follow every revalidation (typing included), at most every 100 ms.
    if (!indexing.active) statusDebouncer.schedule("status", 100, sendStatus);
  }

  function sendStatus(): void {
    void connection.sendNotification(indexStatusMethod, {
      indexing: indexing.active,
      filesIndexed: indexing.done,
      filesTotal: indexing.total,
      ...publisher.totals(),
    } satisfies IndexStatusParams);
  }

  async function indexWorkspace(): Promise<void> {
    const progress = await connection.window.createWorkDoneProgress();
    indexing = { active: true, done: 0, total: 0 };
    progress.begin("kb-author: checking the knowledge base", 0, "finding files", false);
    sendStatus();
    const timer = setInterval(() => {
      const percent = Math.floor((100 * indexing.done) / Math.max(1, indexing.total));
      progress.report(percent, `${indexing.done}/${indexing.total} files`);
      sendStatus();
    }, 250);
    // Files are validated as the walk finds them; the walk itself goes in slices, between requests.
    await walkInSlices(service.walkCheckedFiles(), (files) => {
      indexing.total += files.length;
      queue.add(files);
    });
    await queue.whenIdle();
    clearInterval(timer);
    indexing.active = false;
    progress.done();
    sendStatus();
  }

  async function afterInitialized(): Promise<void> {
    settings = await fetchSettings(connection, configurationPull);
    if (registerWatcher) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/*" }],
      });
    }
    try {
      await indexWorkspace();
    } finally {
      markIndexed();
    }
  }

  async function settingsChanged(): Promise<void> {
    settings = await fetchSettings(connection, configurationPull);
    queue.add(new Set([...publisher.publishedPaths(), ...service.listCheckedFiles()]));
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folders =
      params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const roots = folders.map(uriToPath).filter((path): path is string => path !== undefined);
    const options = params.initializationOptions as InitializationOptions | undefined;
    service = createLanguageService({
      fileSystem: new NodeFileSystem(),
      workspaceRoots: roots,
      trusted: options?.trusted !== false,
    });
    configurationPull = params.capabilities.workspace?.configuration === true;
    const canRegister = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    registerWatcher = !options?.clientWatchesFiles && canRegister;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: ["#", "[", "(", "/", ":", " "] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentLinkProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        renameProvider: { prepareProvider: true },
        documentFormattingProvider: true,
        executeCommandProvider: { commands: executableCommands },
      },
      serverInfo: { name: "kb-author", version },
    };
  });
  connection.onInitialized(() => void afterInitialized());
  connection.onDidChangeConfiguration(() => void settingsChanged());
  // Trust is only ever granted while running (revoking it reloads the window): apply the configuration.
  connection.onNotification(workspaceTrustedMethod, () => {
    queue.add(new Set([...publisher.publishedPaths(), ...service.setTrusted(true)]));
  });

  documents.onDidOpen(({ document }) => {
    const path = uriToPath(document.uri);
    if (!path) return;
    openVersions.set(path, document.version);
    service.setOpenDocument(path, document.getText(), document.version);
    queue.add([path], true);
  });

  // TextDocuments also reports the opening as a content change: the version check skips it.
  documents.onDidChangeContent(({ document }) => {
    const path = uriToPath(document.uri);
    if (!path || openVersions.get(path) === document.version) return;
    openVersions.set(path, document.version);
    service.setOpenDocument(path, document.getText(), document.version);
    // Validating an edited document takes about a millisecond: by default (0) it is queued at once,
    // ahead of any background work, and versions that arrive before its turn are validated once.
    // A delay remains available for clients that would rather see fewer intermediate publications.
    if (settings.debounceMs > 0) debouncer.schedule(path, settings.debounceMs, () => queue.add([path], true));
    else queue.add([path], true);
  });

  documents.onDidClose(({ document }) => {
    const path = uriToPath(document.uri);
    if (!path) return;
    openVersions.delete(path);
    debouncer.cancel(path);
    service.closeDocument(path);
    queue.add([path], true);
  });

  // A burst (a branch checkout: thousands of events in one message) is handed to the service at once.
  connection.onDidChangeWatchedFiles(({ changes }) => {
    const fileChanges: { path: string; change: FileChange }[] = [];
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (path) fileChanges.push({ path, change: changeKinds[change.type] });
    }
    const deleted = new Set(fileChanges.filter(({ change }) => change === "deleted").map(({ path }) => path));
    const affected = new Set(publisher.publishedUnder(deleted));
    for (const file of service.filesChanged(fileChanges)) affected.add(file);
    queue.add(affected, true);
  });

  registerFeatures(connection, () => service);
  registerCommands(connection, () => service);
  registerPreview(connection, () => service);

  connection.onRequest(waitForIdleMethod, async () => {
    await indexed;
    await debouncer.whenSettled();
    await queue.whenIdle();
  });

  documents.listen(connection);
  connection.listen();
}
