import type { Element } from "hast";
import { h } from "hastscript";
import { type Diagnostic, DiagnosticSeverity } from "vscode-languageserver-types";

/** Past this many, the banner says how many more there are: a page is not a problem list. */
const maxShown = 100;

const severityClass: Record<number, string> = {
  [DiagnosticSeverity.Error]: "kb-error",
  [DiagnosticSeverity.Warning]: "kb-warning",
};

/** The file's problems at the top of the page, each with a link that reveals its line in the editor. */
export function problemsBanner(diagnostics: readonly Diagnostic[]): Element | undefined {
  if (diagnostics.length === 0) return undefined;
  const shown = [...diagnostics]
    .sort((a, b) => (a.severity ?? 1) - (b.severity ?? 1) || a.range.start.line - b.range.start.line)
    .slice(0, maxShown);
  const more = diagnostics.length - shown.length;
  return h("div.kb-problems", { role: "alert" }, [
    h("ul", shown.map(problemItem)),
    ...(more > 0 ? [h("p", `and ${more} more`)] : []),
  ]);
}

function problemItem(diagnostic: Diagnostic): Element {
  const line = diagnostic.range.start.line;
  const severity = severityClass[diagnostic.severity ?? DiagnosticSeverity.Error] ?? "kb-info";
  return h(`li.kb-problem.${severity}`, [
    h("a.kb-line-link", { dataKbLine: line, role: "link", tabIndex: 0 }, `Line ${line + 1}`),
    " ",
    ...(diagnostic.code === undefined ? [] : [h("code", String(diagnostic.code)), " "]),
    h("span", diagnostic.message),
  ]);
}
