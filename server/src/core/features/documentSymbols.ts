import { type DocumentSymbol, SymbolKind } from "vscode-languageserver-types";
import type { MarkdownContext } from "../model/markdownContext";
import { readOrderEntries } from "../document/orderEntries";
import { findSections } from "../document/sections";

/** The outline: every section of the kind's rules (or every heading), with an Order's children under it. */
export function provideDocumentSymbols(context: MarkdownContext): DocumentSymbol[] {
  const { parsed, settings } = context;
  if (!settings) return [];
  return findSections(parsed, settings.sections).map((section) => {
    const end = Math.max(section.heading.line, section.endLine - 1);
    const range = {
      start: section.heading.range.start,
      end: { line: end, character: parsed.lines.lines[end]?.length ?? 0 },
    };
    const children =
      section.rule?.heading === "Order" && context.kind === "map-node"
        ? readOrderEntries(parsed, section).map((entry) => ({
            name: entry.name,
            kind: SymbolKind.Module,
            range: entry.range,
            selectionRange: entry.nameRange,
          }))
        : [];
    return {
      name: section.heading.text || "(empty heading)",
      kind: section.rule ? SymbolKind.Namespace : SymbolKind.String,
      range,
      selectionRange: section.heading.textRange,
      children,
    };
  });
}
