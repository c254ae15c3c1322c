import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver-types";
import { matchesGlobs } from "../../config/globs";
import type { ResolvedConfig } from "../../config/configTypes";
import { defaultSeverities, type SeverityName, type SeveritySetting } from "../../diagnosticCodes";
import { codeDocumentationUrl } from "../../diagnosticDocs";
import type { Problem } from "../../problem";

const lspSeverity: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const diagnosticSource = "kb-author";

/**
 * Turns a file's problems into LSP diagnostics with the severity its configuration gives each code:
 * the last matching override, else the configuration's `severity`, else the check's default.
 */
export function toDiagnostics(problems: Problem[], config: ResolvedConfig, path: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const problem of problems) {
    const setting = configuredSeverity(config, path, problem.code) ?? defaultSeverities[problem.code];
    if (setting === "off") continue;
    const diagnostic: Diagnostic = {
      range: problem.range,
      severity: lspSeverity[setting],
      code: problem.code,
      codeDescription: { href: codeDocumentationUrl(problem.code) },
      source: diagnosticSource,
      message: problem.message,
    };
    if (problem.data) diagnostic.data = problem.data;
    diagnostics.push(diagnostic);
  }
  return diagnostics.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

function configuredSeverity(
  config: ResolvedConfig,
  path: string,
  code: Problem["code"],
): SeveritySetting | undefined {
  for (let i = config.overrides.length - 1; i >= 0; i--) {
    const override = config.overrides[i];
    const setting = override.severity[code];
    if (setting && config.baseDir && matchesGlobs(override.files, config.baseDir, path)) return setting;
  }
  return config.severity[code];
}
