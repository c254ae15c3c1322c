import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver-types";
import { type CoreServices } from "../../model/services";
import { markdownContext } from "../../model/markdownContext";
import { LineIndex } from "../../document/lineIndex";
import { validateMarkdownText } from "../diagnostics/validateFile";
import { fixContextOf, fixesFor } from "./fixes";
import type { Fix } from "./fixTypes";
import { applyTextEdits } from "./textDiff";

/** What "Fix all" did to a document. */
export interface FixAllResult {
  /** The text with every safe fix applied: the same text when there was nothing to fix. */
  text: string;
  /** The diagnostics the applied fixes resolved, as they were reported when each fix was applied. */
  fixed: Diagnostic[];
  /** The diagnostics of the fixed text. */
  remaining: Diagnostic[];
}

/** Rounds of fixes at most: each round applies the fixes whose edits do not touch one another. */
const maxRounds = 20;

/**
 * Applies every safe fix (the preferred fix of each diagnostic) to a Markdown text, in memory: compute
 * the fixes, apply a batch whose edits do not overlap, validate the new text, repeat. A batch that would
 * add an error the text did not have is retried fix by fix, and a fix that adds one is never applied.
 * `diagnostics`, when given, are those of `text` as validateMarkdownText gives them.
 *
 * Lines here end at `\n` only, but a lone `\r` ends a line for the builder, micromark and editors: a text
 * with CR line ends only is fixed as the same text with LF ends (one character for one) and given back
 * with CRs, so that what the fixes insert ends as its lines do; a text that mixes lone CRs with LFs is
 * left as it is (no fix could place its lines and ends right).
 */
export function fixAllText(
  path: string,
  text: string,
  services: CoreServices,
  diagnostics?: Diagnostic[],
): FixAllResult {
  if (!hasLoneCarriageReturn(text)) return fixLines(path, text, services, diagnostics);
  if (text.includes("\n")) {
    const report = diagnostics ? { diagnostics } : validateMarkdownText(path, text, 0, services);
    return { text, fixed: [], remaining: report.diagnostics };
  }
  const result = fixLines(path, text.replace(/\r/g, "\n"), services);
  return { ...result, text: result.text.replace(/\n/g, "\r") };
}

/** Whether a text has a `\r` that is no part of a `\r\n`: a line end LineIndex does not see. */
export function hasLoneCarriageReturn(text: string): boolean {
  return /\r(?!\n)/.test(text);
}

function fixLines(
  path: string,
  text: string,
  services: CoreServices,
  diagnostics?: Diagnostic[],
): FixAllResult {
  let current = text;
  // The caller may already have validated the text (the code action provider has): it need not be again.
  let report = diagnostics ? { diagnostics } : validateMarkdownText(path, current, 0, services);
  const fixed: Diagnostic[] = [];
  const rejected = new Set<string>();
  for (let round = 1; round <= maxRounds; round++) {
    const context = markdownContext(path, current, round, services);
    if (!context?.kind) break;
    const fix = fixContextOf(context, services, report.diagnostics);
    const candidates = safeFixes(report.diagnostics, (diagnostic) => fixesFor(diagnostic, fix)).filter(
      (candidate) => !rejected.has(keyOf(candidate)),
    );
    if (candidates.length === 0) break;
    let batch = nonOverlapping(current, candidates);
    let next = applyTextEdits(
      current,
      batch.flatMap((candidate) => candidate.edits),
    );
    let nextReport = validateMarkdownText(path, next, round, services);
    if (addsErrors(report.diagnostics, nextReport.diagnostics)) {
      // Some fix of the batch, or two together, would add an error: apply the first fix that adds none.
      let found = false;
      for (const candidate of batch) {
        next = applyTextEdits(current, candidate.edits);
        nextReport = validateMarkdownText(path, next, round, services);
        if (!addsErrors(report.diagnostics, nextReport.diagnostics)) {
          batch = [candidate];
          found = true;
          break;
        }
        rejected.add(keyOf(candidate));
      }
      if (!found) continue;
    }
    for (const candidate of batch) fixed.push(...(candidate.diagnostics ?? []));
    current = next;
    report = nextReport;
  }
  return { text: current, fixed, remaining: report.diagnostics };
}

/**
 * The preferred fix of each diagnostic, one per distinct edit (the fix that adds every unlisted child
 * is offered on each of them), each with the diagnostics it resolves. A diagnostic that a fix already
 * found resolves is not asked again: asking each of 5,000 unlisted children built the fix that adds
 * them all 5,000 times (over a minute).
 */
function safeFixes(diagnostics: Diagnostic[], fixesOf: (diagnostic: Diagnostic) => Fix[]): Fix[] {
  const byEdits = new Map<string, { fix: Fix; resolved: Set<Diagnostic> }>();
  const covered = new Set<Diagnostic>();
  for (const diagnostic of diagnostics) {
    if (covered.has(diagnostic)) continue;
    const fix = fixesOf(diagnostic).find((candidate) => candidate.preferred);
    if (!fix || fix.edits.length === 0) continue;
    const key = JSON.stringify(fix.edits);
    const known = byEdits.get(key) ?? { fix, resolved: new Set<Diagnostic>() };
    byEdits.set(key, known);
    for (const other of fix.diagnostics ?? [diagnostic]) {
      known.resolved.add(other);
      covered.add(other);
    }
  }
  return [...byEdits.values()].map(({ fix, resolved }) => ({ ...fix, diagnostics: [...resolved] }));
}

function keyOf(fix: Fix): string {
  return fix.title + "\n" + JSON.stringify(fix.edits);
}

/** The fixes, in document order, whose edits neither overlap nor touch those of a fix taken before. */
function nonOverlapping(text: string, fixes: Fix[]): Fix[] {
  const lines = new LineIndex(text);
  const spans = (fix: Fix) =>
    fix.edits.map((edit) => [lines.offsetAt(edit.range.start), lines.offsetAt(edit.range.end)] as const);
  const ordered = fixes
    .map((fix) => ({ fix, spans: spans(fix) }))
    .sort((a, b) => Math.min(...a.spans.map((s) => s[0])) - Math.min(...b.spans.map((s) => s[0])));
  const taken: (readonly [number, number])[] = [];
  const batch: Fix[] = [];
  for (const { fix, spans: own } of ordered) {
    const clashes = own.some(([start, end]) => taken.some(([s, e]) => start <= e && s <= end));
    if (clashes) continue;
    taken.push(...own);
    batch.push(fix);
  }
  return batch;
}

/** Whether a text has more errors of some code than the text before it. */
function addsErrors(before: Diagnostic[], after: Diagnostic[]): boolean {
  const count = (diagnostics: Diagnostic[]) => {
    const counts = new Map<string, number>();
    for (const diagnostic of diagnostics) {
      if (diagnostic.severity !== DiagnosticSeverity.Error) continue;
      const code = String(diagnostic.code);
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    return counts;
  };
  const was = count(before);
  return [...count(after)].some(([code, number]) => number > (was.get(code) ?? 0));
}
