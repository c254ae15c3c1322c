import {
  CodeActionKind,
  type Connection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
  type WorkspaceFolder,
  type WorkspaceFoldersChangeEvent,
} from "vscode-languageserver";
import { version } from "../../../package.json";
import { type FileChange, type FileEvent, uriToPath } from "../core";
import { sessionStatsMethod, waitForIdleMethod, workspaceTrustedMethod } from "../shared/protocol";
import { executableCommands, registerCommands } from "./commands";
import { registerFeatures } from "./features";
import type { MessagePriority } from "./messagePriority";
import { registerPreview } from "./preview";
import { ServiceHost } from "./serviceHost";

const changeKinds: Record<FileChangeType, FileChange> = {
  [FileChangeType.Created]: "created",
  [FileChangeType.Changed]: "changed",
  [FileChangeType.Deleted]: "deleted",
};

/**
 * Wires the language service to an LSP connection: each message becomes an event of the service's
 * session or a query, and the work loop publishes what the session returns. `priority`, when the
 * connection reports the messages it handles, lets requests overtake the scan.
 */
export function startServer(connection: Connection, priority?: MessagePriority): void {
  const host = new ServiceHost(connection);
  priority?.onMessage(() => host.loop.yieldToMessages());

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    host.initialize(params);
    return { capabilities, serverInfo: { name: "kb-author", version } };
  });
  connection.onInitialized(() => void afterInitialized());
  async function afterInitialized(): Promise<void> {
    if (host.hearsFolderChanges) connection.workspace.onDidChangeWorkspaceFolders(foldersChanged);
    await host.pullSettings();
    // The files the core needs to hear about, watched by the client for the server.
    if (host.registersWatchers)
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: host.service.watchedFiles(),
      });
    host.apply((service) => service.startScan());
  }
  connection.onDidChangeConfiguration(() => void host.pullSettings());
  // Trust is only ever granted while running (revoking it reloads the window): apply the configuration.
  connection.onNotification(workspaceTrustedMethod, () => host.apply((service) => service.setTrusted(true)));

  connection.onDidOpenTextDocument(({ textDocument: { uri, text, version } }) =>
    host.onPath(uri, (path) => host.service.openDocument(path, text, version)),
  );
  connection.onDidChangeTextDocument(({ textDocument: { uri, version }, contentChanges }) =>
    host.onPath(uri, (path) => host.service.changeDocument(path, version, contentChanges)),
  );
  connection.onDidCloseTextDocument(({ textDocument: { uri } }) =>
    host.onPath(uri, (path) => host.service.closeDocument(path)),
  );
  // A burst (a branch checkout: thousands of events in one message) is handed to the service at once.
  connection.onDidChangeWatchedFiles(({ changes }) =>
    host.apply((service) => service.filesChanged(changes.flatMap(fileEvent))),
  );
  const foldersChanged = ({ added, removed }: WorkspaceFoldersChangeEvent): void => {
    const paths = (folders: WorkspaceFolder[]) => folders.flatMap(({ uri }) => uriToPath(uri) ?? []);
    host.apply((service) => service.foldersChanged(paths(added), paths(removed)));
  };

  registerFeatures(connection, () => host.service);
  registerCommands(connection, () => host.service);
  registerPreview(connection, host);
  connection.onRequest(waitForIdleMethod, () => host.loop.whenIdle());
  connection.onRequest(sessionStatsMethod, () => ({
    ...host.service.getIndexStats(),
    validations: host.service.validationCount(),
  }));
  connection.listen();
}

const capabilities: InitializeResult["capabilities"] = {
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
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};

function fileEvent({ uri, type }: { uri: string; type: FileChangeType }): FileEvent[] {
  const path = uriToPath(uri);
  return path === undefined ? [] : [{ path, change: changeKinds[type] }];
}
