import * as path from "node:path";
import { DiagnosticSeverity } from "vscode-languageserver-types";
import type { FileReport } from "../../core/languageService";
import { toNativePath } from "../../node/nodeFileSystem";
import type { OutputFormat } from "../args";
import { formatJson } from "./json";
import { formatSarif } from "./sarif";
import { formatText } from "./text";

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
}

/** A report with its path relative to the working folder, `/`-separated, as every format prints it. */
export interface DisplayedReport extends FileReport {
  displayPath: string;
}

export function formatReports(
  format: OutputFormat,
  reports: FileReport[],
  cwd: string,
): { text: string; errors: number } {
  const summary = summarize(reports);
  // Every format prints only the files with diagnostics: only those get a path to show and a place in
  // the order (for 100k clean files, making and sorting their paths was a tenth of the check).
  const displayed = reports
    .filter((report) => report.diagnostics.length > 0)
    .map((report) => ({ ...report, displayPath: displayPath(report.path, cwd) }))
    .sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
  const formatter = { text: formatText, json: formatJson, sarif: formatSarif }[format];
  return { text: formatter(displayed, summary), errors: summary.errors };
}

function summarize(reports: FileReport[]): Summary {
  let errors = 0;
  let warnings = 0;
  for (const report of reports) {
    for (const diagnostic of report.diagnostics) {
      if (diagnostic.severity === DiagnosticSeverity.Error) errors++;
      else if (diagnostic.severity === DiagnosticSeverity.Warning) warnings++;
    }
  }
  return { files: reports.length, errors, warnings };
}

function displayPath(corePath: string, cwd: string): string {
  return path.relative(cwd, toNativePath(corePath)).split(path.sep).join("/");
}

export const severityNames: Record<DiagnosticSeverity, "error" | "warning" | "info" | "hint"> = {
  [DiagnosticSeverity.Error]: "error",
  [DiagnosticSeverity.Warning]: "warning",
  [DiagnosticSeverity.Information]: "info",
  [DiagnosticSeverity.Hint]: "hint",
};
