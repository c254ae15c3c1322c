import type { FoundSection } from "../../document/sections";
import { findSuppressionComments } from "../diagnostics/suppression";
import type { FixContext } from "./fixTypes";

/**
 * Where sections start and end for moving them: a section takes along the `kb-author-disable-next-line`
 * comments right above its heading (they belong to it), and leaves those above the next heading.
 */
export function sectionStart(fix: FixContext, section: FoundSection): number {
  return commentsAbove(fix, section.heading.line);
}

/** The line after a section's last line, before the comments that belong to the next heading. */
export function sectionEnd(fix: FixContext, section: FoundSection): number {
  const { lines } = fix.context.parsed;
  const next = fix.sections.find((candidate) => candidate.heading.line >= section.endLine);
  const end = next ? commentsAbove(fix, next.heading.line) : lines.lineCount;
  return Math.max(end, section.contentStartLine);
}

/** The last line of a section that is not blank, plus one (the heading's line + 1 for an empty section). */
export function sectionContentEnd(fix: FixContext, section: FoundSection): number {
  const { lines } = fix.context.parsed;
  let end = sectionEnd(fix, section);
  while (end > section.contentStartLine && lines.lines[end - 1]?.trim() === "") end--;
  return end;
}

/** The first line of the run of next-line suppression comments directly above a line. */
function commentsAbove(fix: FixContext, line: number): number {
  const nextLineComments = new Set(
    findSuppressionComments(fix.context.parsed)
      .filter((comment) => comment.scope === "next-line")
      .map((comment) => comment.line),
  );
  let start = line;
  while (nextLineComments.has(start - 1)) start--;
  return start;
}

/** The known sections, first occurrence of each rule, in document order. */
export function firstOccurrences(sections: FoundSection[]): FoundSection[] {
  const seen = new Set<number>();
  return sections.filter((section) => {
    if (!section.rule || seen.has(section.ruleIndex)) return false;
    seen.add(section.ruleIndex);
    return true;
  });
}

/** One longest run of sections whose rule indices increase (the sections that are in order). */
export function inOrderRun(sections: FoundSection[]): FoundSection[] {
  const best: number[] = [];
  const previous: number[] = [];
  sections.forEach((section, i) => {
    best[i] = 1;
    previous[i] = -1;
    for (let j = 0; j < i; j++) {
      if (sections[j].ruleIndex < section.ruleIndex && best[j] + 1 > best[i]) {
        best[i] = best[j] + 1;
        previous[i] = j;
      }
    }
  });
  let last = -1;
  best.forEach((length, i) => {
    if (last === -1 || length > best[last]) last = i;
  });
  const run: FoundSection[] = [];
  for (let i = last; i !== -1; i = previous[i]) run.unshift(sections[i]);
  return run;
}

/**
 * The line before which a section of a given rule index goes, among sections that are in order: before
 * the first one that follows it by the rules (and its comments), else after the last one that precedes
 * it; undefined when there is none to place it by.
 */
export function placeFor(
  fix: FixContext,
  ruleIndex: number,
  inOrder: FoundSection[],
): { line: number; before?: FoundSection; after?: FoundSection } | undefined {
  const next = inOrder.find((section) => section.ruleIndex > ruleIndex);
  if (next) return { line: commentsAbove(fix, next.heading.line), before: next };
  const previous = [...inOrder].reverse().find((section) => section.ruleIndex < ruleIndex);
  if (previous) return { line: sectionEnd(fix, previous), after: previous };
  return undefined;
}
