import type { DisplayedReport, Summary } from "./formatReports";
import { severityNames } from "./formatReports";

/** The documented `--format json` shape (version 1); files without diagnostics are left out. */
export function formatJson(reports: DisplayedReport[], summary: Summary): string {
  const files = reports
    .filter((report) => report.diagnostics.length > 0)
    .map((report) => ({
      path: report.displayPath,
      kind: report.kind,
      diagnostics: report.diagnostics.map((diagnostic) => ({
        code: diagnostic.code,
        severity: severityNames[diagnostic.severity ?? 1],
        message: diagnostic.message,
        range: diagnostic.range,
      })),
    }));
  return JSON.stringify({ version: 1, files, summary }, null, 2) + "\n";
}
