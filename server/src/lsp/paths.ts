import { URI } from "vscode-uri";
import { toCorePath, toNativePath } from "../node/nodeFileSystem";

/** Core path of a `file:` URI, or undefined for other schemes (untitled, git, ...), which are not checked. */
export function uriToPath(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === "file" ? toCorePath(parsed.fsPath) : undefined;
}

export function pathToUri(path: string): string {
  return URI.file(toNativePath(path)).toString();
}
