import type { Diagnostic, TextEdit } from "vscode-languageserver-types";
import type { CoreServices } from "../../model/services";
import type { MarkdownContext } from "../../model/markdownContext";
import type { FoundSection } from "../../document/sections";
import { TextLines } from "./textLines";

/** One way to fix a diagnostic: edits of the document itself, never of another file. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one obvious fix: "Fix all" and `check --fix` apply it. */
  preferred: boolean;
  /** The diagnostics it resolves, when more than the one it was asked for ("add all children"). */
  diagnostics?: Diagnostic[];
}

/** What every fix may consult: the document, its sections, and all its current diagnostics. */
export interface FixContext {
  context: MarkdownContext;
  services: CoreServices;
  sections: FoundSection[];
  /** Every diagnostic of the document's current text (fresh, with their `data`). */
  diagnostics: Diagnostic[];
}

export type FixProvider = (diagnostic: Diagnostic, fix: FixContext) => Fix[];

/** The document's lines, to be edited into the fixed text. */
export function editableLines(fix: FixContext): TextLines {
  return new TextLines(fix.context.parsed.lines);
}

/**
 * A fix from the lines it edited; none when it edited none. Its edits are diffed when first read:
 * "Fix all" asks every diagnostic for its fixes and reads those of the preferred ones only (fuzz: 200
 * entry removals, each renumbering the entries below it, took 0.1 s to diff). Edits that turn out
 * empty (lines written back as they were) are left out by the code actions and by "Fix all".
 */
export function fixFromText(
  title: string,
  lines: TextLines,
  preferred: boolean,
  diagnostics?: Diagnostic[],
): Fix[] {
  if (!lines.changed) return [];
  let edits: TextEdit[] | undefined;
  return [
    {
      title,
      get edits() {
        return (edits ??= lines.edits());
      },
      preferred,
      ...(diagnostics ? { diagnostics } : {}),
    },
  ];
}

export function dataString(diagnostic: Diagnostic, key: string): string | undefined {
  const data = diagnostic.data as Record<string, unknown> | undefined;
  const value = data?.[key];
  return typeof value === "string" ? value : undefined;
}

export function dataNumber(diagnostic: Diagnostic, key: string): number | undefined {
  const data = diagnostic.data as Record<string, unknown> | undefined;
  const value = data?.[key];
  return typeof value === "number" ? value : undefined;
}
