import type { Location, Position } from "vscode-languageserver-types";
import type { MarkdownContext } from "../documentContext";
import type { FeatureServices } from "./featureServices";

/** Every Order entry and link across the workspace that names the node under the cursor. */
export function provideReferences(
  _context: MarkdownContext,
  _position: Position,
  _services: FeatureServices,
): Location[] {
  return [];
}
