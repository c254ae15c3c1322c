import type { Range } from "vscode-languageserver-types";
import type { DiagnosticCode } from "./diagnosticCodes";

/** A finding of a check, before the file's configuration turns it into a diagnostic (or silences it). */
export interface Problem {
  code: DiagnosticCode;
  range: Range;
  message: string;
  /** Facts a quick fix needs (a suggested name, the expected number), carried to the client. */
  data?: Record<string, unknown>;
}

export const startOfFile: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
