import type { CodeAction, Diagnostic, Range } from "vscode-languageserver-types";
import type { MarkdownContext } from "../documentContext";
import type { FeatureServices } from "./featureServices";

/** Quick fixes for the diagnostics in a range, and "Fix all in this file". */
export function provideCodeActions(
  _context: MarkdownContext,
  _range: Range,
  _diagnostics: Diagnostic[],
  _services: FeatureServices,
): CodeAction[] {
  return [];
}
