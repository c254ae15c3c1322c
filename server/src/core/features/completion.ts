import type { CompletionList, Position } from "vscode-languageserver-types";
import type { MarkdownContext } from "../documentContext";
import type { FeatureServices } from "./featureServices";

/** Completion of frontmatter keys and values, section headings, Order entries and node links. */
export function provideCompletions(
  _context: MarkdownContext,
  _position: Position,
  _services: FeatureServices,
): CompletionList {
  return { isIncomplete: false, items: [] };
}
