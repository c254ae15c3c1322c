import type { TextEdit } from "vscode-languageserver-types";
import type { MarkdownContext } from "../model/markdownContext";
import { formatLines } from "./formatting/formatLines";
import { lineEdits } from "./formatting/lineEdits";

/**
 * Formats a map node or a topic entry by the map's own conventions (see formatLines), with LF line
 * breaks and exactly one final line break. The edits are minimal (the changed characters of each
 * changed line, each run of deleted or inserted lines), so the editor keeps the cursor and one undo
 * step reverts them; formatting a formatted document gives no edits.
 * A file of no kind gets no edits, and neither does a file ending in a lone `\r` (its last line
 * break is not one the positions of this server can address). Neither does a file past a content
 * limit (file/too-complex): it is not read, so it is not rewritten either.
 */
export function formatDocument(context: MarkdownContext): TextEdit[] {
  const { lines } = context.parsed;
  if (lines.text.endsWith("\r") || context.parsed.tooComplex) return [];
  const formatted = formatLines(context);
  return formatted ? lineEdits(lines, formatted) : [];
}
