import * as path from "node:path";
import { formattingMiddleware } from "./formattingMiddleware";
import { serverRestartHandler } from "./serverRestarts";
import type { InitializationOptions } from "../../server/src/shared/protocol";
import { workspace, type ExtensionContext } from "vscode";
import {
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";

/**
 * The client id. vscode-languageclient reads `<id>.trace.server` from the settings (and re-reads it on
 * every configuration change), so the id must equal the settings prefix for `kbAuthor.trace.server` to work.
 */
const clientId = "kbAuthor";
/** Shown as the output channel name and in client messages. */
const clientName = "kb-author";
/** The settings section that belongs to the extension (see `contributes.configuration`). */
const configurationSection = "kbAuthor";

/** Port the server's inspector listens on when the extension runs in debug mode. */
const debugPort = 6019;

/** The files the server is told about: Markdown maps and topics, the data files, the config file. */
const documentSelector: DocumentSelector = [
  { scheme: "file", language: "markdown" },
  { scheme: "file", pattern: "**/*.mdx" },
  { scheme: "file", pattern: "**/{papers,meta}.json" },
  { scheme: "file", pattern: "**/{kb-author,.kb-author}.jsonc" },
];

/**
 * Creates (but does not start) the language client for the bundled server `dist/server.js`.
 * Disposables created here are registered on `context.subscriptions`.
 */
export function createLanguageClient(context: ExtensionContext): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join("dist", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ["--nolazy", `--inspect=${debugPort}`] },
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector,
    // The server registers the file watchers it needs (their globs come from its core): creating or
    // deleting a folder changes the Order of the parent map node, a renamed topic can break links.
    synchronize: {
      // Push `workspace/didChangeConfiguration` when a kbAuthor.* setting changes; the server may
      // also pull settings with `workspace/configuration`.
      configurationSection,
    },
    // In Restricted Mode the server ignores the workspace's configuration and schema files (workspaceTrust.ts).
    // A function: a restarted server gets the trust as it is then, not as it was at activation.
    initializationOptions: (): InitializationOptions => ({ trusted: workspace.isTrusted }),
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: formattingMiddleware,
    // Bounded restarts of a crashed server, told once in our own words (serverRestarts.ts).
    errorHandler: serverRestartHandler(() => client),
  };

  const client = new LanguageClient(clientId, clientName, serverOptions, clientOptions);
  return client;
}
