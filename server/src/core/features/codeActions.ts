import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit,
} from "vscode-languageserver-types";
import type { MarkdownContext } from "../model/markdownContext";
import { type FixAllResult, fixAllText, hasLoneCarriageReturn } from "./codeActions/fixAll";
import { fixContextOf, fixesFor } from "./codeActions/fixes";
import type { Fix } from "./codeActions/fixTypes";
import { suppressionFixes } from "./codeActions/suppressionFixes";
import { editsBetween } from "./codeActions/textDiff";
import { diagnosticSource } from "./diagnostics/severity";
import { validateMarkdownText } from "./diagnostics/validateFile";
import { type CoreServices } from "../model/services";
import { pathToUri } from "../model/uris";

const fixAllTitle = "Fix all kb-author problems in this file";

/**
 * Quick fixes for the diagnostics in a range, and "Fix all in this file". Each fix is computed on the
 * document's current text, for the diagnostic as the document has it now: a diagnostic the client
 * sends that the text no longer has (an edit since the last validation) gets no fix until it is
 * reported again, so a fix never applies to text that has moved. `only` is the client's filter of
 * action kinds; "Fix all" as a `source.fixAll` action is computed only when the client asks for it.
 */
export function provideCodeActions(
  context: MarkdownContext,
  _range: Range,
  diagnostics: Diagnostic[],
  services: CoreServices,
  only?: readonly string[],
): CodeAction[] {
  const wants = (kind: string) =>
    !only || only.some((requested) => kind === requested || kind.startsWith(requested + "."));
  const wantsQuickFixes = wants(CodeActionKind.QuickFix);
  const wantsFixAll = only !== undefined && wants(CodeActionKind.SourceFixAll);
  const ours = diagnostics.filter((diagnostic) => diagnostic.source === diagnosticSource);
  if ((!wantsQuickFixes || ours.length === 0) && !wantsFixAll) return [];

  const { path } = context;
  const text = context.parsed.lines.text;
  const uri = pathToUri(path);
  const current = validateMarkdownText(path, text, context.parsed.version, services).diagnostics;
  const fix = fixContextOf(context, services, current);
  const actions: CodeAction[] = [];
  const toAction = (
    candidate: Fix,
    attached: Diagnostic[],
    kind: string = CodeActionKind.QuickFix,
  ): CodeAction => ({
    title: candidate.title,
    kind,
    diagnostics: attached,
    ...(candidate.preferred ? { isPreferred: true } : {}),
    edit: { changes: { [uri]: candidate.edits } },
  });

  let fixable = 0;
  // A lone CR ends a line for the editor, not for the fixes' lines: a fix would place its lines wrong
  // and end them with LF. Only "Fix all" handles such a text (see fixAllText).
  if (wantsQuickFixes && !hasLoneCarriageReturn(text)) {
    for (const requested of ours) {
      const diagnostic = current.find((candidate) => sameDiagnostic(candidate, requested));
      if (!diagnostic) continue;
      const fixes = fixesFor(diagnostic, fix).filter((candidate) => candidate.edits.length > 0);
      if (fixes.some((candidate) => candidate.preferred)) fixable++;
      for (const candidate of fixes) actions.push(toAction(candidate, [requested]));
      for (const candidate of suppressionFixes(diagnostic, fix))
        actions.push(toAction(candidate, [requested]));
    }
  }
  if (fixable > 0 || wantsFixAll) {
    const result = fixAllOf(context, current, services);
    const edits: TextEdit[] = editsBetween(text, result.text);
    if (edits.length > 0) {
      const all: Fix = { title: fixAllTitle, edits, preferred: false };
      // As a quick fix only when it does more than the fixes of the diagnostics at hand.
      if (fixable > 0 && result.fixed.length > 1) actions.push(toAction(all, []));
      if (wantsFixAll)
        actions.push(
          toAction({ ...all, title: "Fix all kb-author problems" }, [], CodeActionKind.SourceFixAll),
        );
    }
  }
  return actions;
}

/**
 * The last "Fix all" computed per language service, by document version, text and diagnostics: the editor asks for code
 * actions at every move of the cursor over a diagnostic, and "Fix all" validates the text once per
 * round and computes every fix each round (fuzz: a file with hundreds of bad Order entries spent 0.3 s
 * per request). The same version with the same diagnostics (which carry what the fixes read of the
 * workspace) gets the same fixes.
 */
const lastFixAll = new WeakMap<CoreServices, { key: string; result: FixAllResult }>();

function fixAllOf(context: MarkdownContext, current: Diagnostic[], services: CoreServices): FixAllResult {
  const { path, version, lines } = context.parsed;
  const key = `${path}\n${version}\n${fingerprint(current)}\n${lines.text}`;
  // One entry per language service (its workspace): two services never share a result.
  const last = lastFixAll.get(services);
  if (last?.key === key) return last.result;
  const result = fixAllText(path, lines.text, services, current);
  lastFixAll.set(services, { key, result });
  return result;
}

/**
 * What the fixes read of the diagnostics, as a string: cheaper than `JSON.stringify` of the whole list
 * (a file with thousands of diagnostics spent 20 ms per request on it).
 */
function fingerprint(diagnostics: Diagnostic[]): string {
  const one = ({ code, range: { start, end }, message, data }: Diagnostic): string =>
    `${code} ${start.line}:${start.character}-${end.line}:${end.character} ${message}` +
    // The fixes read `data` (a suggestion, a child's name): small, so stringifying it is cheap.
    (data === undefined ? "" : ` ${JSON.stringify(data)}`);
  return diagnostics.map(one).join("\n");
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.code === b.code &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character &&
    a.message === b.message
  );
}
