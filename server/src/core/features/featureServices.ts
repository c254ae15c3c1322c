import type { Diagnostic } from "vscode-languageserver-types";
import { URI } from "vscode-uri";
import type { CoreServices } from "../documentContext";
import type { NodeIndex } from "../workspace/nodeIndex";

/** What the editor features may consult beyond the checks' services. */
export interface FeatureServices extends CoreServices {
  nodes: NodeIndex;
  /** The diagnostics of a file from its last validation (empty when it had none or was never validated). */
  diagnosticsOf(path: string): readonly Diagnostic[];
  /** Every Markdown file under the workspace roots (hidden folders and node_modules skipped), for workspace scans. */
  listMarkdownFiles(): string[];
}

/** The `file:` URI of a core path, for the Locations and edits the features return. */
export function uriOf(path: string): string {
  return URI.from({ scheme: "file", path }).toString();
}
