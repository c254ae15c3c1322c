import type { Position, Range, WorkspaceEdit } from "vscode-languageserver-types";
import type { MarkdownContext } from "../documentContext";
import type { FeatureServices } from "./featureServices";

/** The range of a renameable node name under the cursor (an Order entry, a link to a node, the first heading). */
export function prepareRename(
  _context: MarkdownContext,
  _position: Position,
  _services: FeatureServices,
): Range | undefined {
  return undefined;
}

/** Renames a node: its folder and file, the parent's Order entry and every link to it, as one edit. */
export function provideRename(
  _context: MarkdownContext,
  _position: Position,
  _newName: string,
  _services: FeatureServices,
): WorkspaceEdit | undefined {
  return undefined;
}
