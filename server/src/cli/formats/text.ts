import type { DisplayedReport, Summary } from "./formatReports";
import { severityNames } from "./formatReports";

/** `path:line:col severity message [code]`, 1-based, one line per diagnostic, then a summary line. */
export function formatText(reports: DisplayedReport[], summary: Summary): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const diagnostic of report.diagnostics) {
      const { line, character } = diagnostic.range.start;
      const severity = severityNames[diagnostic.severity ?? 1];
      lines.push(
        `${report.displayPath}:${line + 1}:${character + 1} ${severity} ${diagnostic.message} [${String(diagnostic.code)}]`,
      );
    }
  }
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  lines.push(
    `${plural(summary.files, "file")} checked: ${plural(summary.errors, "error")}, ${plural(summary.warnings, "warning")}.`,
  );
  return lines.join("\n") + "\n";
}
