import { commands, env, FileType, Uri, type ViewColumn, workspace } from "vscode";

/** The URL schemes a preview link may open outside the editor. */
const externalSchemes = new Set(["http", "https", "mailto"]);

/**
 * Opens a file a preview link points at (`data-kb-open`), in the source editor's column. A node's folder
 * opens its `Name/Name.md`. Only `file:` URIs inside a workspace folder: the webview shows a page's
 * content, which is not trusted to name anything else (`file:///etc/passwd`).
 */
export async function openLinkedFile(link: string, column: ViewColumn): Promise<void> {
  let uri: Uri;
  try {
    uri = Uri.parse(link, true);
  } catch {
    return;
  }
  if (uri.scheme !== "file" || workspace.getWorkspaceFolder(uri) === undefined) return;
  const target = await nodeFileOf(uri.with({ fragment: "", query: "" }));
  if (target) await commands.executeCommand("vscode.open", target, { viewColumn: column });
}

/** The file itself, a folder's node file (`Name/Name.md`), or undefined when there is nothing to open. */
async function nodeFileOf(uri: Uri): Promise<Uri | undefined> {
  try {
    const stat = await workspace.fs.stat(uri);
    if ((stat.type & FileType.Directory) === 0) return uri;
    const name = uri.path.split("/").filter(Boolean).pop();
    if (name === undefined) return undefined;
    const nodeFile = Uri.joinPath(uri, `${name}.md`);
    await workspace.fs.stat(nodeFile);
    return nodeFile;
  } catch {
    return undefined; // Gone since the preview was rendered.
  }
}

/** Opens an external link (`data-kb-external`) in the browser: http, https and mailto only. */
export async function openExternalLink(url: string): Promise<void> {
  let uri: Uri;
  try {
    uri = Uri.parse(url, true);
  } catch {
    return;
  }
  if (externalSchemes.has(uri.scheme)) await env.openExternal(uri);
}
