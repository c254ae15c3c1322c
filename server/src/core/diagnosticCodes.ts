/**
 * The stable diagnostic codes. Users configure severities by code and tests match on codes,
 * so a code is never renamed once released.
 */
export const diagnosticCodes = [
  "frontmatter/missing",
  "frontmatter/syntax",
  "frontmatter/schema",
  "frontmatter/required",
  "frontmatter/unknown-property",
  "frontmatter/invalid-value",
  "section/missing",
  "section/order",
  "section/unknown",
  "section/duplicate",
  "section/level",
  "section/empty",
  "order/unlisted-child",
  "order/unknown-entry",
  "order/duplicate-entry",
  "order/numbering",
  "order/format",
  "node/file-name",
  "node/name",
  "link/unresolved",
  "link/format",
  "papers/invalid",
  "meta/invalid",
  "json/syntax",
  "config/invalid",
  "file/too-large",
  "file/too-complex",
  "file/encoding",
  "file/unreadable",
] as const;

export type DiagnosticCode = (typeof diagnosticCodes)[number];

/** Severity names as written in the configuration file; `off` silences a code. */
export type SeverityName = "error" | "warning" | "info" | "hint";
export type SeveritySetting = SeverityName | "off";

export function isDiagnosticCode(value: string): value is DiagnosticCode {
  return (diagnosticCodes as readonly string[]).includes(value);
}
