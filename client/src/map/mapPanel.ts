import { type Disposable, type TextEditor, type Uri, ViewColumn, type WebviewPanel, window } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import {
  type MapChildrenParams,
  mapChildrenMethod,
  type MapTreeParams,
  type MapTreeResult,
  mapTreeMethod,
  type MapViewItem,
} from "../../../server/src/shared/protocol";
import { isMapViewMessage, type MapHostMessage, type MapViewMessage } from "../../webview/messages";
import { openLinkedFile } from "../preview/previewLinks";
import { reportFailure, shellHtml } from "../webviewShell";

/**
 * The map view: the taxonomy as a tree in a webview, starting at the node of the active editor. The server
 * answers the tree and each node's children (fetched as nodes are expanded); clicking a node opens its file
 * in the editor column last used. When another file editor becomes active, the tree reveals its node.
 */
export class MapPanel {
  /** The file whose node the tree shows (the last file editor that was active). */
  private focus: Uri | undefined;
  /** Where node files open: the column of the last active text editor. */
  private editorColumn: ViewColumn = ViewColumn.One;
  private ready = false;
  /** Something changed while the panel was hidden: refresh when it is shown. */
  private stale = false;
  private readonly disposables: Disposable[] = [];

  constructor(
    readonly panel: WebviewPanel,
    private readonly client: LanguageClient,
    extensionUri: Uri,
    onDispose: () => void,
  ) {
    this.noteEditor(window.activeTextEditor);
    panel.webview.html = shellHtml(panel.webview, extensionUri, {
      title: "kb-author map",
      stylesheet: "map.css",
      script: "map.js",
      bodyClass: "kb-map",
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isMapViewMessage(message)) this.onMessage(message).catch(reportFailure);
      }),
      window.onDidChangeActiveTextEditor((editor) => {
        if (!this.noteEditor(editor) || !panel.visible) return;
        void this.sendTree();
      }),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.refresh();
      }),
    );
    panel.onDidDispose(() => {
      for (const disposable of this.disposables) disposable.dispose();
      onDispose();
    });
  }

  /** Remembers a file editor that became active; true when it was one. */
  private noteEditor(editor: TextEditor | undefined): boolean {
    if (editor?.document.uri.scheme !== "file") return false;
    this.focus = editor.document.uri;
    if (editor.viewColumn !== undefined) this.editorColumn = editor.viewColumn;
    return true;
  }

  /** Shows the tree again, revealing the active editor's node (the command run on an open map). */
  reveal(column: ViewColumn): void {
    this.noteEditor(window.activeTextEditor);
    this.panel.reveal(column);
    void this.sendTree();
  }

  /**
   * Files or problems changed (the server says so once its work is done): the roots and the expanded
   * nodes' children, with their badges, are fetched again.
   */
  refresh(): void {
    if (!this.ready) return;
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    this.post({ type: "refresh" });
    void this.sendRoots();
  }

  private post(message: MapHostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async sendTree(): Promise<void> {
    if (!this.ready) return; // The page's script asks for the tree once it runs.
    const params: MapTreeParams = { focusUri: this.focus?.toString() };
    try {
      const tree = await this.client.sendRequest<MapTreeResult>(mapTreeMethod, params);
      this.post({ type: "tree", ...tree });
    } catch {
      // The server is not running (it reports that itself).
    }
  }

  private async sendRoots(): Promise<void> {
    try {
      const tree = await this.client.sendRequest<MapTreeResult>(mapTreeMethod, {} satisfies MapTreeParams);
      this.post({ type: "roots", roots: tree.roots });
    } catch {
      // The server is not running (it reports that itself).
    }
  }

  private async sendChildren(uri: string): Promise<void> {
    let items: MapViewItem[] = [];
    try {
      items = await this.client.sendRequest<MapViewItem[]>(mapChildrenMethod, {
        uri,
      } satisfies MapChildrenParams);
    } catch {
      // Answered with no children: the node shows as empty rather than loading forever.
    }
    this.post({ type: "children", uri, items });
  }

  private async onMessage(message: MapViewMessage): Promise<void> {
    switch (message.type) {
      case "ready":
        this.ready = true;
        return this.sendTree();
      case "expand":
        return this.sendChildren(message.uri);
      case "open":
        // As a preview link: only `file:` URIs, a node's folder opening its Name/Name.md.
        return openLinkedFile(message.uri, this.editorColumn);
    }
  }

  dispose(): void {
    this.panel.dispose();
  }
}
