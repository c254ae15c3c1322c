import type { DocumentLink } from "vscode-languageserver-types";
import type { MarkdownContext } from "../documentContext";
import type { FeatureServices } from "./featureServices";

/** Clickable Order entries and internal links. */
export function provideDocumentLinks(_context: MarkdownContext, _services: FeatureServices): DocumentLink[] {
  return [];
}
