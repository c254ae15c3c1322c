/**
 * A minimal LSP client for protocol tests: starts the bundled language server (`dist/server.js`) over
 * stdio, initializes it with one workspace folder and records every `textDocument/publishDiagnostics`.
 * Tests await events (a publication matching a predicate, `kbAuthor/waitForIdle`), never fixed sleeps;
 * the timeouts here only turn a broken run into a readable failure.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import {
  ConfigurationRequest,
  createProtocolConnection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  type FileEvent,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  LogMessageNotification,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
  WorkDoneProgressCreateRequest,
  WorkDoneProgress,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from "vscode-languageserver-protocol/node";

/** Runs from out/test/support/, so the repository root is three folders up. */
export const repoRoot = path.resolve(__dirname, "../../..");
export const serverPath = path.join(repoRoot, "dist", "server.js");
export const cliPath = path.join(repoRoot, "dist", "cli.js");

/** Long enough that only a broken (hung or crashed) server reaches it, even on a slow CI machine. */
export const defaultTimeoutMs = 15_000;

/**
 * kb-author's custom request (server/src/shared/protocol.ts): resolves once the initial scan and every
 * pending validation have been published. Spelled out here, not imported: the wire name is the contract.
 */
export const waitForIdleMethod = "kbAuthor/waitForIdle";

export interface LspClientOptions {
  /** Absolute path of the folder sent as the only workspace folder. */
  workspaceFolder: string;
  /**
   * Settings answered to `workspace/configuration`, as a nested object
   * (`{ kbAuthor: { validate: { debounceMs: 50 } } }`). When given, the client declares the
   * `workspace.configuration` capability; when absent it does not, and the server uses its defaults.
   */
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
}

type WorkDoneValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

interface DiagnosticsWaiter {
  uri: string;
  predicate: (diagnostics: Diagnostic[], params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export function fileUri(fsPath: string): string {
  return pathToFileURL(fsPath).href;
}

export class LspClient {
  /** Every publication per URI, oldest first. */
  readonly publications = new Map<string, PublishDiagnosticsParams[]>();
  /** `window/logMessage` notifications (the server logs validation exceptions there). */
  readonly logMessages: LogMessageParams[] = [];
  /** Work-done progress values received, per token, in order. */
  readonly progress = new Map<string | number, WorkDoneValue[]>();
  /** The sections the server asked for with `workspace/configuration`. */
  readonly configurationSections: string[] = [];
  initializeResult: InitializeResult | undefined;

  private settings: Record<string, unknown> = {};

  private readonly waiters = new Set<DiagnosticsWaiter>();
  private readonly versions = new Map<string, number>();
  private stderr = "";
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exitPromise: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly workspaceFolder: string,
  ) {
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => (this.stderr += chunk));
    this.exitPromise = new Promise((resolve) => {
      child.on("exit", (code, signal) => {
        this.exited = { code, signal };
        this.failWaiters(
          new Error(`the language server exited (code ${code}, signal ${signal})${this.stderrTail()}`),
        );
        resolve(this.exited);
      });
    });

    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.publications.get(params.uri) ?? [];
      list.push(params);
      this.publications.set(params.uri, list);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.predicate(params.diagnostics, params)) {
          this.settle(waiter);
          waiter.resolve(params);
        }
      }
    });
    connection.onNotification(LogMessageNotification.type, (params) => this.logMessages.push(params));
    connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      const values: WorkDoneValue[] = [];
      this.progress.set(token, values);
      connection.onProgress(WorkDoneProgress.type, token, (value) => values.push(value));
      return null;
    });
    connection.onRequest(RegistrationRequest.type, () => null);
    connection.onRequest(ConfigurationRequest.type, ({ items }) =>
      items.map((item) => {
        this.configurationSections.push(item.section ?? "");
        return (item.section ? lookup(this.settings, item.section) : this.settings) ?? null;
      }),
    );
  }

  /** Spawns `node dist/server.js --stdio`, sends `initialize` and `initialized`. */
  static async start(options: LspClientOptions): Promise<LspClient> {
    const child = spawn(process.execPath, [serverPath, "--stdio"], {
      cwd: options.workspaceFolder,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const client = new LspClient(child, connection, options.workspaceFolder);
    client.settings = options.settings ?? {};
    connection.listen();
    const folderUri = fileUri(options.workspaceFolder);
    client.initializeResult = await client.withTimeout(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: folderUri,
        workspaceFolders: [{ uri: folderUri, name: path.basename(options.workspaceFolder) }],
        initializationOptions: options.initializationOptions,
        capabilities: {
          workspace: {
            configuration: options.settings !== undefined,
            workspaceFolders: true,
            didChangeWatchedFiles: { dynamicRegistration: false },
          },
          window: { workDoneProgress: true },
          textDocument: {
            synchronization: { dynamicRegistration: false },
            publishDiagnostics: { versionSupport: true, relatedInformation: true },
          },
        },
      }),
      defaultTimeoutMs,
      "initialize",
    );
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** `file:` URI of a path relative to the workspace folder (`/` separators). */
  uri(relativePath: string): string {
    return fileUri(path.join(this.workspaceFolder, ...relativePath.split("/")));
  }

  /** The latest publication for a URI, or undefined if none arrived yet. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    const list = this.publications.get(uri);
    return list?.[list.length - 1];
  }

  /** The latest non-empty diagnostics of every URI. */
  currentDiagnostics(): Map<string, Diagnostic[]> {
    const result = new Map<string, Diagnostic[]>();
    for (const uri of this.publications.keys()) {
      const diagnostics = this.latest(uri)!.diagnostics;
      if (diagnostics.length > 0) result.set(uri, diagnostics);
    }
    return result;
  }

  /**
   * Resolves with the first publication for `uri` whose diagnostics satisfy the predicate: the latest
   * one already received, else the next matching one. Rejects after `timeoutMs`, or if the server exits.
   */
  waitForDiagnostics(
    uri: string,
    predicate: (diagnostics: Diagnostic[], params: PublishDiagnosticsParams) => boolean,
    timeoutMs = defaultTimeoutMs,
  ): Promise<PublishDiagnosticsParams> {
    const latest = this.latest(uri);
    if (latest && predicate(latest.diagnostics, latest)) return Promise.resolve(latest);
    if (this.exited) return Promise.reject(new Error(`the language server has exited${this.stderrTail()}`));
    return new Promise((resolve, reject) => {
      const waiter: DiagnosticsWaiter = {
        uri,
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.settle(waiter);
          const seen = (this.publications.get(uri) ?? []).map(
            (p) => `  v${p.version ?? "-"}: ${JSON.stringify(p.diagnostics.map(summarize))}`,
          );
          reject(
            new Error(
              `no matching diagnostics for ${uri} within ${timeoutMs} ms; publications so far:\n` +
                (seen.length > 0 ? seen.join("\n") : "  (none)") +
                this.stderrTail(),
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  async open(uri: string, text: string, languageId = "markdown", version = 1): Promise<void> {
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
  }

  /** Sends a didChange (full text if a string, else the given changes); returns the new version. */
  async change(uri: string, changes: string | TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: typeof changes === "string" ? [{ text: changes }] : changes,
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Changes the settings answered to `workspace/configuration` and tells the server (`didChangeConfiguration`). */
  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async watchedFilesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** `kbAuthor/waitForIdle`: resolves once the initial scan and every pending validation are published. */
  async waitForIdle(timeoutMs = defaultTimeoutMs): Promise<void> {
    await this.withTimeout(
      this.connection.sendRequest<void>(waitForIdleMethod),
      timeoutMs,
      waitForIdleMethod,
    );
  }

  /** The server's stderr so far (for failure messages). */
  get serverStderr(): string {
    return this.stderr;
  }

  /**
   * `shutdown` then `exit`, and waits for the process to end; kills it if it does not end in time.
   * Returns how it ended (`code` 0 for a clean exit after shutdown).
   */
  async shutdown(timeoutMs = 5_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exited) {
      try {
        await this.withTimeout(this.connection.sendRequest(ShutdownRequest.type), timeoutMs, "shutdown");
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // Fall through to the kill below.
      }
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        this.exitPromise,
        new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs))),
      ]);
      clearTimeout(timer);
      if (!outcome) {
        this.child.kill("SIGKILL");
        await this.exitPromise;
      }
    }
    this.connection.dispose();
    this.failWaiters(new Error("the client was shut down"));
    return this.exited!;
  }

  private withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what} did not answer within ${timeoutMs} ms${this.stderrTail()}`)),
        timeoutMs,
      );
    });
    const exit = this.exitPromise.then((how): never => {
      throw new Error(`the language server exited (code ${how.code}) during ${what}${this.stderrTail()}`);
    });
    return Promise.race([promise, timeout, exit]).finally(() => clearTimeout(timer));
  }

  private settle(waiter: DiagnosticsWaiter): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
  }

  private failWaiters(error: Error): void {
    for (const waiter of [...this.waiters]) {
      this.settle(waiter);
      waiter.reject(error);
    }
  }

  private stderrTail(): string {
    const tail = this.stderr.trim().slice(-2000);
    return tail ? `\nserver stderr:\n${tail}` : "";
  }
}

function lookup(settings: Record<string, unknown>, section: string): unknown {
  let value: unknown = settings;
  for (const key of section.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function summarize(d: Diagnostic): string {
  const { start, end } = d.range;
  return `${String(d.code)}@${start.line}:${start.character}-${end.line}:${end.character}`;
}
