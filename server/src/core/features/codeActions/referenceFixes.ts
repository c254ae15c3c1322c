import type { Diagnostic } from "vscode-languageserver-types";
import { dataString, editableLines, type Fix, type FixContext, fixFromText } from "./fixTypes";

/** reference/unresolved with a near miss: the id replaced by the defined id it nearly matches. */
export function replaceReferenceId(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const suggestion = dataString(diagnostic, "suggestion");
  const { start, end } = diagnostic.range;
  if (suggestion === undefined || start.line !== end.line) return [];
  const lines = editableLines(fix);
  const text = lines.lines[start.line];
  lines.replace(start.line, text.slice(0, start.character) + suggestion + text.slice(end.character));
  return fixFromText(`Change the id to \`${suggestion}\``, lines, true);
}
