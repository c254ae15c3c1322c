import { randomBytes } from "node:crypto";
import { Uri, type Webview, type WebviewOptions, window, workspace } from "vscode";

/**
 * The options of the kb-author webviews: scripts on (ours only, by nonce), no command links, and local
 * resources only from the extension's stylesheets, scripts and KaTeX files (dist/katex: its stylesheet
 * and fonts, copied from the katex package at bundle time) and the workspace folders (local images).
 */
export function webviewOptions(extensionUri: Uri): WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [
      Uri.joinPath(extensionUri, "media"),
      Uri.joinPath(extensionUri, "dist", "webview"),
      Uri.joinPath(extensionUri, "dist", "katex"),
      ...(workspace.workspaceFolders ?? []).map((folder) => folder.uri),
    ],
  };
}

interface ShellOptions {
  /** The page's title (for screen readers; the tab shows the panel's title). */
  title: string;
  /** media/<name>.css */
  stylesheet: string;
  /** Also load KaTeX's stylesheet (dist/katex/katex.min.css), for pages with math. */
  katex?: boolean;
  /** dist/webview/<name>.js */
  script: string;
  /** A class for the body (`kb-preview`, `kb-map`). */
  bodyClass: string;
}

/**
 * The page a webview loads once: a strict Content-Security-Policy (no inline styles or scripts, nothing
 * remote; our script by a nonce new on every load), the stylesheet, an empty `#kb-root` that the script
 * fills, and the script.
 */
export function shellHtml(webview: Webview, extensionUri: Uri, options: ShellOptions): string {
  const nonce = randomBytes(16).toString("base64");
  const source = webview.cspSource;
  const csp = [
    "default-src 'none'",
    `img-src ${source}`,
    `style-src ${source}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${source}`,
  ].join("; ");
  const styleUri = webview.asWebviewUri(Uri.joinPath(extensionUri, "media", options.stylesheet));
  const scriptUri = webview.asWebviewUri(Uri.joinPath(extensionUri, "dist", "webview", options.script));
  // KaTeX's fonts come from beside its stylesheet (font-src): nothing is fetched from the network.
  const katexLink = options.katex
    ? `\n<link rel="stylesheet" href="${webview.asWebviewUri(Uri.joinPath(extensionUri, "dist", "katex", "katex.min.css")).toString()}">`
    : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri.toString()}">${katexLink}
<title>${escapeHtml(options.title)}</title>
</head>
<body class="${options.bodyClass}">
<main id="kb-root"></main>
<script nonce="${nonce}" src="${scriptUri.toString()}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Shows why a webview's request (open a file, reveal a line) failed, e.g. a file deleted since it was shown. */
export function reportFailure(error: unknown): void {
  void window.showErrorMessage(`kb-author: ${error instanceof Error ? error.message : String(error)}`);
}
