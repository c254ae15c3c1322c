import type { Hover, Position } from "vscode-languageserver-types";
import type { MarkdownContext } from "../documentContext";
import type { FeatureServices } from "./featureServices";

/** Hover cards on Order entries and node links, frontmatter keys and section headings. */
export function provideHover(
  _context: MarkdownContext,
  _position: Position,
  _services: FeatureServices,
): Hover | undefined {
  return undefined;
}
