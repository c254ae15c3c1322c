import { type Disposable, EventEmitter, type Event } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { viewsChangedMethod } from "../../server/src/shared/protocol";

/**
 * Fires when the server says that what the views show has changed (a file's problem counts, files created,
 * deleted or saved, the rules) and that it has finished the work this caused: the preview's cards and
 * the map's badges are then asked for again, once per burst, with nothing left to guess. One handler per
 * method is all a language client keeps, so every view listens here.
 */
export function viewsChangedEvent(client: LanguageClient): { event: Event<void>; disposable: Disposable } {
  const emitter = new EventEmitter<void>();
  const handler = client.onNotification(viewsChangedMethod, () => emitter.fire());
  return {
    event: emitter.event,
    disposable: { dispose: () => (handler.dispose(), emitter.dispose()) },
  };
}
