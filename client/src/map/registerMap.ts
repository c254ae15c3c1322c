import {
  type Event,
  commands,
  type Disposable,
  type Uri,
  ViewColumn,
  type WebviewPanel,
  window,
} from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { webviewOptions } from "../webviewShell";
import { MapPanel } from "./mapPanel";

const mapViewType = "kbAuthor.map";
const showMapCommand = "kbAuthor.showMap";

/** The Show Map command (one map panel, opened beside the editor) and its restoring after a window reload. */
export function registerMap(
  client: LanguageClient,
  extensionUri: Uri,
  viewsChanged: Event<void>,
): Disposable[] {
  let current: MapPanel | undefined;

  const attach = (panel: WebviewPanel): void => {
    current?.dispose();
    const map: MapPanel = new MapPanel(panel, client, extensionUri, () => {
      if (current === map) current = undefined;
    });
    current = map;
  };

  return [
    commands.registerCommand(showMapCommand, () => {
      if (current) {
        current.reveal(current.panel.viewColumn ?? ViewColumn.Beside);
        return;
      }
      attach(
        window.createWebviewPanel(
          mapViewType,
          "Knowledge Base Map",
          ViewColumn.Beside,
          webviewOptions(extensionUri),
        ),
      );
    }),
    window.registerWebviewPanelSerializer(mapViewType, {
      deserializeWebviewPanel: (panel: WebviewPanel) => {
        panel.webview.options = webviewOptions(extensionUri);
        attach(panel);
        return Promise.resolve();
      },
    }),
    viewsChanged(() => current?.refresh()),
    { dispose: () => current?.dispose() },
  ];
}
