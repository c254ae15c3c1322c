import type { Location, Position } from "vscode-languageserver-types";
import type { MarkdownContext } from "../documentContext";
import type { FeatureServices } from "./featureServices";

/** Go to definition on an Order entry or a link: the node's (or file's) location. */
export function provideDefinition(
  _context: MarkdownContext,
  _position: Position,
  _services: FeatureServices,
): Location[] {
  return [];
}
