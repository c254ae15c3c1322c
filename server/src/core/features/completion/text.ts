import type { CompletionList, Position, Range } from "vscode-languageserver-types";
import type { MarkdownContext } from "../../model/markdownContext";

/** Where completion was asked: the line's text and what lies before and after the cursor. */
export interface CursorLine {
  position: Position;
  text: string;
  before: string;
  after: string;
}

export function cursorLine(context: MarkdownContext, position: Position): CursorLine {
  const text = context.parsed.lines.lines[position.line] ?? "";
  const character = Math.min(position.character, text.length);
  return {
    position: { line: position.line, character },
    text,
    before: text.slice(0, character),
    after: text.slice(character),
  };
}

export function rangeOnLine(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

export function completionList(items: CompletionList["items"], isIncomplete = false): CompletionList {
  return { isIncomplete, items };
}

/** Text inserted literally by a snippet: `$`, `}` and `\` escaped. */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, "\\$&");
}

/** A snippet placeholder `${n:text}` (or a bare tab stop `${n}` without text). */
export function placeholder(tabStop: number, text = ""): string {
  return text === "" ? `\${${tabStop}}` : `\${${tabStop}:${escapeSnippet(text)}}`;
}

/** A snippet choice `${n|a,b|}`; inside a choice only `,`, `|` and `\` are escaped. */
export function choice(tabStop: number, options: readonly string[]): string {
  if (options.length === 1) return placeholder(tabStop, options[0]);
  return `\${${tabStop}|${options.map((option) => option.replace(/[,|\\]/g, "\\$&")).join(",")}|}`;
}

/** A sortText that orders by group first, then by position within the group. */
export function sortKey(group: number, index: number): string {
  return `${group}${String(index).padStart(5, "0")}`;
}
