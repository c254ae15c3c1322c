import type { DiagnosticCode } from "./diagnosticCodes";

const codesPage = "https://github.com/kb-author/kb-author/blob/main/docs/codes.md";

/** The explanation of a code in docs/codes.md (GitHub's heading anchor drops the `/`). */
export function codeDocumentationUrl(code: DiagnosticCode): string {
  return `${codesPage}#${code.replace("/", "")}`;
}
