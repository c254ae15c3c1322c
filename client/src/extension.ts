import type { ExtensionContext } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { registerCommands } from "./commands";
import { createLanguageClient } from "./languageClient";
import { registerMap } from "./map/registerMap";
import { registerPreview } from "./preview/registerPreview";
import { createStatusBarItem } from "./statusBar";
import { viewsChangedEvent } from "./viewsChanged";
import { registerWorkspaceTrust } from "./workspaceTrust";

let client: LanguageClient | undefined;

/**
 * Starts the kb-author language server. All validation, completion and quick-fix logic lives in the
 * server; the extension is only glue. Returns the client so that tests can `await client.start()`
 * (which resolves once the server has initialized; calling it again is harmless).
 */
export function activate(context: ExtensionContext): LanguageClient {
  client = createLanguageClient(context);
  const viewsChanged = viewsChangedEvent(client);
  context.subscriptions.push(
    viewsChanged.disposable,
    createStatusBarItem(client),
    ...registerCommands(client),
    ...registerPreview(client, context.extensionUri, viewsChanged.event),
    ...registerMap(client, context.extensionUri, viewsChanged.event),
    ...registerWorkspaceTrust(client),
  );
  // Do not block activation on the server. A failed start is already reported by the client
  // (notification + output channel); tests see the rejection through their own `client.start()`.
  client.start().catch(() => undefined);
  return client;
}

export async function deactivate(): Promise<void> {
  const current = client;
  client = undefined;
  if (current === undefined || !current.needsStop()) {
    return;
  }
  try {
    await current.stop();
  } catch {
    // Still starting or already gone: the server exits by itself when the extension host does.
  }
}
