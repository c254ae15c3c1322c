/**
 * The files of the sample knowledge base (examples/) that the UI tests look at, and its seeded mistakes
 * (examples/README.md lists them).
 */
import type { ProblemRow } from "./workbench";

export const robustness = "AI_Safety/Technical_Foundations/Robustness/Robustness.md";
export const interpretability = "AI_Safety/Technical_Foundations/Interpretability/Interpretability.md";

/** The seeded mistakes of examples/: one diagnostic each, 6 errors and 2 warnings (examples/README.md). */
export const seeded = { errors: 6, warnings: 2 };

/** `Robustness.md: section/missing line 1`: a marker row in a form that reads well in assertion diffs. */
export function describeMarker(row: ProblemRow): string {
  return `${row.file}: ${row.code} line ${row.line}`;
}

export const technicalFoundations = "AI_Safety/Technical_Foundations/Technical_Foundations.md";
