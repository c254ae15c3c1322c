import type { WorkspaceSymbol } from "vscode-languageserver-types";
import type { FeatureServices } from "./featureServices";

/** Every node of the workspace by name, with its path (names repeat across a map). */
export function provideWorkspaceSymbols(_query: string, _services: FeatureServices): WorkspaceSymbol[] {
  return [];
}
