import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from "node-sarif-builder";
import { version } from "../../../../package.json";
import { diagnosticCodes } from "../../core/diagnosticCodes";
import { codeDocumentationUrl } from "../../core/diagnosticDocs";
import type { DisplayedReport, Summary } from "./formatReports";
import { severityNames } from "./formatReports";

const sarifLevel = { error: "error", warning: "warning", info: "note", hint: "note" } as const;

/** SARIF 2.1.0 for code-scanning services: one run, a rule per diagnostic code, 1-based regions. */
export function formatSarif(reports: DisplayedReport[], _summary: Summary): string {
  const run = new SarifRunBuilder().initSimple({
    toolDriverName: "kb-author",
    toolDriverVersion: version,
    url: "https://github.com/kb-author/kb-author",
  });
  for (const code of diagnosticCodes) {
    run.addRule(
      new SarifRuleBuilder().initSimple({
        ruleId: code,
        shortDescriptionText: code,
        helpUri: codeDocumentationUrl(code),
      }),
    );
  }
  for (const report of reports) {
    for (const diagnostic of report.diagnostics) {
      const { start, end } = diagnostic.range;
      const result = new SarifResultBuilder().initSimple({
        level: sarifLevel[severityNames[diagnostic.severity ?? 1]],
        messageText: diagnostic.message,
        ruleId: String(diagnostic.code),
        fileUri: toUriReference(report.displayPath),
        startLine: start.line + 1,
        startColumn: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
      });
      run.addResult(result);
    }
  }
  const builder = new SarifBuilder();
  builder.addRun(run);
  return builder.buildSarifJsonString({ indent: true }) + "\n";
}

/** A `/`-separated relative path as a URI reference (RFC 3986): spaces, `#`, `%` and non-ASCII escaped. */
function toUriReference(displayPath: string): string {
  return displayPath.split("/").map(encodeURIComponent).join("/");
}
