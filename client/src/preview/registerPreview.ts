import {
  type Event,
  commands,
  type Disposable,
  type TextDocument,
  Uri,
  ViewColumn,
  type WebviewPanel,
  window,
} from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import type { PreviewState } from "../../webview/messages";
import { webviewOptions } from "../webviewShell";
import { PreviewPanel, previewTitle } from "./previewPanel";

const previewViewType = "kbAuthor.preview";

const previewCommands = {
  showPreview: "kbAuthor.showPreview",
  showPreviewToSide: "kbAuthor.showPreviewToSide",
} as const;

/** The documents the preview shows: Markdown and MDX files on disk. */
function isPreviewable(document: TextDocument): boolean {
  return (
    document.uri.scheme === "file" &&
    (document.languageId === "markdown" || document.uri.path.endsWith(".mdx"))
  );
}

/**
 * The preview commands (Open Preview, Open Preview to the Side), the single preview panel that follows the
 * active knowledge-base editor (and stays on the last one while another kind of editor or view is active),
 * and the serializer that restores the panel after a window reload.
 */
export function registerPreview(
  client: LanguageClient,
  extensionUri: Uri,
  viewsChanged: Event<void>,
): Disposable[] {
  let current: PreviewPanel | undefined;

  const attach = (panel: WebviewPanel, source: Uri): PreviewPanel => {
    current?.dispose();
    const preview: PreviewPanel = new PreviewPanel(panel, client, extensionUri, source, () => {
      if (current === preview) current = undefined;
    });
    current = preview;
    return preview;
  };

  const show = (target: unknown, column: ViewColumn, preserveFocus: boolean): void => {
    const source = target instanceof Uri ? target : window.activeTextEditor?.document.uri;
    if (source === undefined) {
      void window.showInformationMessage("kb-author: open a Markdown file to preview it.");
      return;
    }
    if (current) {
      current.follow(source);
      current.panel.reveal(column, preserveFocus);
      return;
    }
    const panel = window.createWebviewPanel(
      previewViewType,
      previewTitle(source),
      { viewColumn: column, preserveFocus },
      webviewOptions(extensionUri),
    );
    attach(panel, source);
  };

  return [
    commands.registerCommand(previewCommands.showPreview, (target?: unknown) =>
      show(target, window.activeTextEditor?.viewColumn ?? ViewColumn.Active, false),
    ),
    commands.registerCommand(previewCommands.showPreviewToSide, (target?: unknown) =>
      show(target, ViewColumn.Beside, true),
    ),
    window.onDidChangeActiveTextEditor((editor) => {
      if (editor && isPreviewable(editor.document)) current?.follow(editor.document.uri);
    }),
    window.registerWebviewPanelSerializer(previewViewType, {
      deserializeWebviewPanel: (panel: WebviewPanel, state: unknown) => {
        const uri = (state as PreviewState | undefined)?.uri;
        if (typeof uri !== "string") {
          panel.dispose();
          return Promise.resolve();
        }
        panel.webview.options = webviewOptions(extensionUri);
        attach(panel, Uri.parse(uri));
        return Promise.resolve();
      },
    }),
    // A child folder created, a child's Mini Description saved elsewhere, problems found: the page changes.
    viewsChanged(() => current?.refresh()),
    { dispose: () => current?.dispose() },
  ];
}
