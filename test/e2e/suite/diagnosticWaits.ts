import * as vscode from "vscode";

/** The `source` of kb-author's diagnostics. */
export const source = "kb-author";
/** How long a suite waits for the server to publish (a broken run fails, a slow machine does not). */
export const waitMs = 10_000;

/** A diagnostic's code; with `codeDescription` VS Code hands it over as `{ value, target }`. */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === "object" ? String(code.value) : String(code);
}

/** The extension's diagnostics for `uri` (other extensions' are ignored). */
export function kbDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === source);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return "(none)";
  return diagnostics
    .map(
      (d) =>
        `${codeOf(d)} line ${d.range.start.line} ${vscode.DiagnosticSeverity[d.severity]}: ${d.message.split("\n")[0]}`,
    )
    .join("; ");
}

export const hasCode =
  (code: string) =>
  (diagnostics: vscode.Diagnostic[]): boolean =>
    diagnostics.some((d) => codeOf(d) === code);

/**
 * Resolves with what `check` returns once it is not undefined, checked now and on every
 * `onDidChangeDiagnostics`; rejects after `timeoutMs` with `describe()` in the message.
 */
export function waitForChange<T>(
  check: () => T | undefined,
  describe: () => string,
  description: string,
  timeoutMs = waitMs,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      const result = check();
      if (result === undefined) return;
      cleanup();
      resolve(result);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics(attempt);
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}; ${describe()}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    attempt();
  });
}

/** Resolves with the extension's diagnostics for `uri` as soon as `accept` returns true for them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  description: string,
  timeoutMs = waitMs,
): Promise<vscode.Diagnostic[]> {
  return waitForChange(
    () => {
      const diagnostics = kbDiagnostics(uri);
      return accept(diagnostics) ? diagnostics : undefined;
    },
    () => `VS Code has: ${describeDiagnostics(kbDiagnostics(uri))}`,
    `${description} in ${vscode.workspace.asRelativePath(uri)}`,
    timeoutMs,
  );
}
