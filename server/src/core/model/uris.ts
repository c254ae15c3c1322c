import { URI } from "vscode-uri";

/** The `file:` URI of a core path, for the Locations and edits the features return
 * and the links the preview renders. */
export function uriOf(path: string): string {
  return URI.from({ scheme: "file", path }).toString();
}
