import type { ClientCapabilities, Connection, InitializeParams } from "vscode-languageserver";
import { createLanguageService, type LanguageService, pathToUri, uriToPath, type WorkResult } from "../core";
import { NodeFileSystem } from "../node/nodeFileSystem";
import { type InitializationOptions, viewsChangedMethod } from "../shared/protocol";
import { fetchSettings } from "./settings";
import { StatusReporter } from "./statusReporter";
import { WorkLoop } from "./workLoop";

/**
 * The language service of a connection and what carries its results to the client: the work loop, the
 * diagnostics it publishes, the status and the views' refresh. The service is made when the client
 * initializes (its folders, trust and capabilities come then); no other message comes before that.
 */
export class ServiceHost {
  readonly loop: WorkLoop;
  private readonly status: StatusReporter;
  private current:
    | { service: LanguageService; capabilities: ClientCapabilities; options: InitializationOptions }
    | undefined;

  constructor(private readonly connection: Connection) {
    this.status = new StatusReporter(connection, () => this.service);
    this.loop = new WorkLoop(
      () => this.service,
      (result) => this.deliver(result),
    );
  }

  get service(): LanguageService {
    if (!this.current) throw new Error("kb-author: a request came before initialize");
    return this.current.service;
  }

  initialize(params: InitializeParams): void {
    const folders =
      params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const service = createLanguageService({
      fileSystem: new NodeFileSystem(),
      workspaceRoots: folders.map(uriToPath).filter((path): path is string => path !== undefined),
      trusted: options.trusted !== false,
    });
    this.current = { service, capabilities: params.capabilities, options };
  }

  /** Whether the server registers the file watchers it needs (unless the client says it sends file events itself). */
  get registersWatchers(): boolean {
    const canRegister =
      this.current?.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return canRegister && this.current?.options.clientWatchesFiles !== true;
  }

  get hearsFolderChanges(): boolean {
    return this.current?.capabilities.workspace?.workspaceFolders === true;
  }

  /** Runs `event` on the core path of a `file:` URI (other schemes are not checked), then the work it queued. */
  onPath(uri: string, event: (path: string) => void): void {
    const path = uriToPath(uri);
    if (path === undefined) return;
    event(path);
    this.loop.kick();
  }

  /** Runs an event that queued work, then the work. */
  apply(event: (service: LanguageService) => void): void {
    event(this.service);
    this.loop.kick();
  }

  /** Pulls the editor settings (where the client offers them) and applies them. */
  async pullSettings(): Promise<void> {
    const pull = this.current?.capabilities.workspace?.configuration === true;
    await this.loop.prepare(
      fetchSettings(this.connection, pull).then((settings) => this.service.configure(settings)),
    );
  }

  private deliver(result: WorkResult): void {
    for (const { path, version, diagnostics } of result.publications)
      void this.connection.sendDiagnostics({ uri: pathToUri(path), version, diagnostics });
    for (const { path, error } of result.failures) {
      // The core never throws on bad input; should it, one file loses its diagnostics, not the server.
      this.connection.console.error(
        `kb-author: validating ${path} failed: ${(error as Error).stack ?? String(error)}`,
      );
    }
    if (result.viewsChanged) void this.connection.sendNotification(viewsChangedMethod);
    this.status.update();
  }
}
