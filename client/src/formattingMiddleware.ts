import { EndOfLine, TextEdit } from "vscode";
import type { Middleware } from "vscode-languageclient/node";

/**
 * The server formats to LF, but VS Code turns the `\n` of inserted text into the document's own line
 * ending, so its line-break edits alone leave a CRLF document as it was. When the server formats a
 * CRLF document, the line ending itself is switched too.
 */
export const formattingMiddleware: Middleware = {
  async provideDocumentFormattingEdits(document, options, token, next) {
    const edits = await next(document, options, token);
    if (!edits || edits.length === 0 || document.eol !== EndOfLine.CRLF) return edits;
    return [...edits, TextEdit.setEndOfLine(EndOfLine.LF)];
  },
};
