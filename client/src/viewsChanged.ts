import type { Disposable } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { viewsChangedMethod } from "../../server/src/shared/protocol";

/**
 * Calls `listener` when the server says that what the views show has changed (a file's problem counts,
 * files created, deleted or saved, the rules) and that it has finished the work this caused: the preview's
 * cards and the map's badges are then asked for again, once per burst, with nothing left to guess.
 */
export function onViewsChanged(client: LanguageClient, listener: () => void): Disposable {
  return client.onNotification(viewsChangedMethod, listener);
}
