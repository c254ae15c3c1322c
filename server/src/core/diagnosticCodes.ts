/**
 * The stable diagnostic codes, each with its one default severity. Users configure severities by code and
 * tests match on codes, so a code is never renamed once released. The default follows the consequence:
 * `error` when the published result will be wrong (or the build fails), `warning` when it is published
 * but probably not as meant. docs/codes.md says what goes wrong for each.
 */
export const defaultSeverities = {
  "frontmatter/missing": "error",
  "frontmatter/syntax": "error",
  "frontmatter/schema": "error",
  "schema/pattern-not-applied": "warning",
  "frontmatter/required": "error",
  "frontmatter/unknown-property": "error",
  "frontmatter/misspelt-property": "warning",
  "frontmatter/invalid-value": "error",
  "section/missing": "warning",
  "section/order": "warning",
  "section/unknown": "warning",
  "section/duplicate": "warning",
  "section/level": "warning",
  "section/empty": "warning",
  "section/hidden": "warning",
  "list/empty": "error",
  "list/blank-line": "error",
  "order/unlisted-child": "warning",
  "order/unknown-entry": "error",
  "order/lost-child": "error",
  "order/skipped-entry": "warning",
  "order/duplicate-entry": "warning",
  "order/numbering": "warning",
  "order/format": "error",
  "questions/dropped-line": "warning",
  "breakdown/unknown-paper": "error",
  "breakdown/invalid-paper": "error",
  "breakdown/paper-schema": "warning",
  "node/file-name": "error",
  "node/ignored-file": "warning",
  "node/hidden-folder": "warning",
  "node/name": "warning",
  "link/unresolved": "error",
  "link/other-node": "error",
  "link/missing-scheme": "error",
  "link/format": "warning",
  "link/anchor": "warning",
  "footnote/undefined": "error",
  "footnote/unused": "warning",
  "footnote/duplicate": "error",
  "mdx/syntax": "error",
  "mdx/unknown-component": "warning",
  "reference/unresolved": "error",
  "reference/duplicate-id": "error",
  "data/syntax": "error",
  "data/schema": "error",
  "papers/invalid": "warning",
  "meta/invalid": "warning",
  "meta/root-dir": "error",
  "json/syntax": "error",
  "config/invalid": "error",
  "file/too-large": "error",
  "file/too-complex": "error",
  "file/encoding": "error",
  "file/unreadable": "error",
  "file/outside-workspace": "warning",
} as const satisfies Record<string, SeverityName>;

export type DiagnosticCode = keyof typeof defaultSeverities;

export const diagnosticCodes = Object.keys(defaultSeverities) as DiagnosticCode[];

/** Severity names as written in the configuration file; `off` silences a code. */
export type SeverityName = "error" | "warning" | "info" | "hint";
export type SeveritySetting = SeverityName | "off";

export function isDiagnosticCode(value: string): value is DiagnosticCode {
  return Object.hasOwn(defaultSeverities, value);
}
