import {
  type Disposable,
  Position,
  Range,
  type TextDocument,
  type TextEditor,
  TextEditorRevealType,
  type Uri,
  ViewColumn,
  type WebviewPanel,
  window,
  workspace,
} from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import {
  type RenderPreviewParams,
  type RenderPreviewResult,
  renderPreviewMethod,
} from "../../../server/src/shared/protocol";
import {
  isPreviewViewMessage,
  type PreviewHostMessage,
  type PreviewViewMessage,
} from "../../webview/messages";
import { reportFailure, shellHtml } from "../webviewShell";
import { openExternalLink, openLinkedFile } from "./previewLinks";

/**
 * One preview panel showing one knowledge-base document at a time (the source), which it follows as the
 * active editor changes. The page is set once; each rendering is posted to the webview, which replaces the
 * article's content only and so keeps its scroll position. Scrolling is synced both ways by source line.
 */
export class PreviewPanel {
  private source: Uri;
  private ready = false;
  private renderTimer: NodeJS.Timeout | undefined;
  /** A rendering is in flight; `renderAgain`: the document changed meanwhile, render once more after it. */
  private rendering = false;
  private renderAgain = false;
  /** Requests are numbered: an answer older than the one shown is dropped. */
  private requested = 0;
  private shown = 0;
  /** Scroll the webview to the editor's top line with the next rendering (a new source, a reloaded page). */
  private scrollWithNextRender = true;
  /** The line the editor was scrolled to from the preview: its visible-range event is not echoed back. */
  private revealedFromPreview: number | undefined;
  private readonly disposables: Disposable[] = [];

  constructor(
    readonly panel: WebviewPanel,
    private readonly client: LanguageClient,
    extensionUri: Uri,
    source: Uri,
    onDispose: () => void,
  ) {
    this.source = source;
    panel.webview.html = shellHtml(panel.webview, extensionUri, {
      title: "kb-author preview",
      stylesheet: "preview.css",
      katex: true,
      script: "preview.js",
      bodyClass: "kb-preview",
    });
    this.updateTitle();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isPreviewViewMessage(message)) this.onMessage(message).catch(reportFailure);
      }),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.visible) this.scheduleRender();
      }),
      workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
        if (contentChanges.length > 0 && this.isSource(document)) this.scheduleRender();
      }),
      window.onDidChangeTextEditorVisibleRanges(({ textEditor, visibleRanges }) =>
        this.editorScrolled(textEditor, visibleRanges[0]?.start.line),
      ),
    );
    panel.onDidDispose(() => {
      clearTimeout(this.renderTimer);
      for (const disposable of this.disposables) disposable.dispose();
      onDispose();
    });
  }

  get sourceUri(): Uri {
    return this.source;
  }

  /** Shows another document (the active editor changed); scrolls to where its editor is. */
  follow(uri: Uri): void {
    if (uri.toString() === this.source.toString()) return;
    this.source = uri;
    this.updateTitle();
    this.scrollWithNextRender = true;
    this.scheduleRender();
  }

  /** Renders again (files changed on disk), keeping the scroll position. */
  refresh(): void {
    this.scheduleRender();
  }

  private isSource(document: TextDocument): boolean {
    return document.uri.toString() === this.source.toString();
  }

  private updateTitle(): void {
    this.panel.title = previewTitle(this.source);
  }

  /** The editor showing the source: the active one, else a visible one. */
  private sourceEditor(): TextEditor | undefined {
    const active = window.activeTextEditor;
    if (active && this.isSource(active.document)) return active;
    return window.visibleTextEditors.find((editor) => this.isSource(editor.document));
  }

  /** Renders on the next turn of the event loop: the changes of one tick make one rendering. */
  private scheduleRender(): void {
    clearTimeout(this.renderTimer);
    this.renderTimer = setTimeout(() => void this.render(), 0);
  }

  /**
   * Renders now, or once more right after the rendering in flight: typing gets the next rendering as soon
   * as the server is free (no fixed delay), and a burst of keystrokes never queues more than one request.
   */
  private async render(): Promise<void> {
    if (this.rendering) {
      this.renderAgain = true;
      return;
    }
    this.rendering = true;
    try {
      await this.renderOnce();
    } finally {
      this.rendering = false;
      if (this.renderAgain) {
        this.renderAgain = false;
        void this.render();
      }
    }
  }

  private async renderOnce(): Promise<void> {
    // The page's script asks for the article once it runs; a hidden panel is rendered when it is shown.
    if (!this.ready || !this.panel.visible) return;
    const uri = this.source;
    const request = ++this.requested;
    const params: RenderPreviewParams = {
      uri: uri.toString(),
      resourceRoots: (workspace.workspaceFolders ?? []).map((folder) => ({
        uri: folder.uri.toString(),
        webviewUri: this.panel.webview.asWebviewUri(folder.uri).toString(),
      })),
    };
    let result: RenderPreviewResult;
    try {
      // The client sends the editor's pending changes before this request, on the same connection.
      result = await this.client.sendRequest<RenderPreviewResult>(renderPreviewMethod, params);
    } catch {
      return; // The server is not running (it reports that itself); the preview keeps what it shows.
    }
    if (request < this.shown || uri !== this.source) return;
    this.shown = request;
    const html = result?.html ?? unavailablePage(uri);
    const line = this.scrollWithNextRender ? this.sourceEditor()?.visibleRanges[0]?.start.line : undefined;
    this.scrollWithNextRender = false;
    this.post({ type: "render", uri: uri.toString(), html, line: line ?? (result ? undefined : 0) });
  }

  private post(message: PreviewHostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private editorScrolled(editor: TextEditor, topLine: number | undefined): void {
    if (topLine === undefined || !this.isSource(editor.document) || !this.panel.visible) return;
    if (this.revealedFromPreview !== undefined) {
      const echo = Math.abs(topLine - this.revealedFromPreview) <= 1;
      this.revealedFromPreview = undefined;
      if (echo) return;
    }
    this.post({ type: "scrollTo", line: topLine });
  }

  private async onMessage(message: PreviewViewMessage): Promise<void> {
    switch (message.type) {
      case "ready":
        this.ready = true;
        this.scrollWithNextRender = true;
        return this.render();
      case "scrolled":
        return this.scrollEditor(Math.floor(message.line));
      case "revealLine":
        return this.revealLine(message.line);
      case "open":
        return openLinkedFile(message.uri, this.sourceEditor()?.viewColumn ?? ViewColumn.One);
      case "openExternal":
        return openExternalLink(message.url);
    }
  }

  /** The preview was scrolled by the user: put the line at its top at the top of the editor. */
  private scrollEditor(line: number): void {
    const editor = this.sourceEditor();
    if (!editor || editor.visibleRanges[0]?.start.line === line) return;
    this.revealedFromPreview = line;
    editor.revealRange(new Range(line, 0, line, 0), TextEditorRevealType.AtTop);
  }

  private async revealLine(line: number): Promise<void> {
    const column = this.sourceEditor()?.viewColumn ?? ViewColumn.One;
    const document = await workspace.openTextDocument(this.source);
    const position = document.validatePosition(new Position(line, 0));
    await window.showTextDocument(document, {
      viewColumn: column,
      selection: new Range(position, position),
    });
  }

  dispose(): void {
    this.panel.dispose();
  }
}

/** The panel's title: `Preview <file name>`, as Markdown's own preview is titled. */
export function previewTitle(source: Uri): string {
  return `Preview ${source.path.split("/").pop() ?? ""}`;
}

/** What the preview shows for a document the server cannot render (not a Markdown file on disk). */
function unavailablePage(uri: Uri): string {
  const name = (uri.path.split("/").pop() ?? "").replace(/[&<>"']/g, "");
  return `<article class="kb-page" data-kind="markdown"><p class="kb-empty">kb-author cannot preview ${name}.</p></article>`;
}
