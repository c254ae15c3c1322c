import type { Diagnostic } from "vscode-languageserver-types";
import { findLinks } from "../../document/links";
import { dataString, editableLines, type Fix, type FixContext, fixFromText } from "./fixTypes";

/** link/unresolved with a near miss: the link's target pointed at the existing file (its `#anchor` kept). */
export function repointLink(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const suggestion = dataString(diagnostic, "suggestion");
  if (suggestion === undefined) return [];
  const { start, end } = diagnostic.range;
  const link = findLinks(fix.context.parsed).find(
    (candidate) =>
      candidate.targetRange.start.line === start.line &&
      candidate.targetRange.start.character === start.character &&
      candidate.targetRange.end.character === end.character,
  );
  if (!link) return [];
  const bracketed = fix.context.parsed.lines.lines[start.line][start.character - 1] === "<";
  const suffix = link.target.match(/[?#].*$/)?.[0] ?? "";
  const target = (bracketed ? suggestion : encodeForLink(suggestion)) + suffix;
  const lines = editableLines(fix);
  const text = lines.lines[start.line];
  lines.replace(start.line, text.slice(0, start.character) + target + text.slice(end.character));
  return fixFromText(`Change the link to \`${target}\``, lines, true);
}

/** link/missing-scheme, link/anchor: the target replaced by the one the diagnostic suggests (`https://` added, the nearest anchor). */
export function replaceLinkTarget(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const suggestion = dataString(diagnostic, "suggestion");
  if (suggestion === undefined) return [];
  const { start, end } = diagnostic.range;
  const lines = editableLines(fix);
  const text = lines.lines[start.line];
  lines.replace(start.line, text.slice(0, start.character) + suggestion + text.slice(end.character));
  return fixFromText(`Change the link to \`${suggestion}\``, lines, true);
}

/** A path written as a link target without `<>`: spaces and parentheses percent-encoded. */
function encodeForLink(path: string): string {
  return path.replace(/[\s()<>]/g, (character) =>
    encodeURIComponent(character).replace(/\(/g, "%28").replace(/\)/g, "%29"),
  );
}
