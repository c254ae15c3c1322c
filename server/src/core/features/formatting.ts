import type { TextEdit } from "vscode-languageserver-types";
import type { MarkdownContext } from "../documentContext";

/** Formats a document by the map's own conventions. */
export function formatDocument(_context: MarkdownContext): TextEdit[] {
  return [];
}
