import type { Element } from "hast";
import { h } from "hastscript";
import { type Diagnostic, DiagnosticSeverity } from "vscode-languageserver-types";
import type { RenderTarget } from "./renderTypes";

/** Past this many, the banner says how many more there are: a page is not a problem list. */
const maxShown = 100;

const severityClass: Record<number, string> = {
  [DiagnosticSeverity.Error]: "kb-error",
  [DiagnosticSeverity.Warning]: "kb-warning",
};

/**
 * The file's problems at the top of the page, each with its line: in the editor a link that reveals the
 * line, on the static site plain text (there is no editor to reveal it in).
 */
export function problemsBanner(
  diagnostics: readonly Diagnostic[],
  target: RenderTarget["kind"],
): Element | undefined {
  if (diagnostics.length === 0) return undefined;
  const shown = [...diagnostics]
    .sort((a, b) => (a.severity ?? 1) - (b.severity ?? 1) || a.range.start.line - b.range.start.line)
    .slice(0, maxShown);
  const more = diagnostics.length - shown.length;
  return h("div.kb-problems", { role: "alert" }, [
    h(
      "ul",
      shown.map((diagnostic) => problemItem(diagnostic, target)),
    ),
    ...(more > 0 ? [h("p", `and ${more} more`)] : []),
  ]);
}

function problemItem(diagnostic: Diagnostic, target: RenderTarget["kind"]): Element {
  const line = diagnostic.range.start.line;
  const severity = severityClass[diagnostic.severity ?? DiagnosticSeverity.Error] ?? "kb-info";
  const label = `Line ${line + 1}`;
  return h(`li.kb-problem.${severity}`, [
    target === "editor"
      ? h("a.kb-line-link", { dataKbLine: line, role: "link", tabIndex: 0 }, label)
      : h("span.kb-line-link", label),
    " ",
    ...(diagnostic.code === undefined ? [] : [h("code", String(diagnostic.code)), " "]),
    h("span", diagnostic.message),
  ]);
}
