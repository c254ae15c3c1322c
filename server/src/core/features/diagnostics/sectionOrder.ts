import type { SectionRule } from "../../config/configTypes";
import type { FoundSection } from "../../document/sections";
import type { Problem } from "../../problem";

/**
 * Sections out of the kind's order. The longest run already in order stays; the sections outside
 * it are reported, so moving one misplaced section gives one diagnostic, not one per neighbour.
 */
export function outOfOrder(
  sections: Pick<FoundSection, "heading" | "rule" | "ruleIndex">[],
  rules: SectionRule[],
): Problem[] {
  const firstOccurrences: Pick<FoundSection, "heading" | "rule" | "ruleIndex">[] = [];
  const seen = new Set<number>();
  for (const section of sections) {
    if (section.rule && !seen.has(section.ruleIndex)) {
      seen.add(section.ruleIndex);
      firstOccurrences.push(section);
    }
  }
  const inOrder = longestIncreasingRun(firstOccurrences.map((section) => section.ruleIndex));
  const expected = firstOccurrences
    .map((section) => section.rule!.heading)
    .sort((a, b) => rules.findIndex((r) => r.heading === a) - rules.findIndex((r) => r.heading === b));
  return firstOccurrences
    .filter((_, index) => !inOrder.has(index))
    .map((section) => ({
      code: "section/order" as const,
      range: section.heading.range,
      message: `\`${section.rule!.heading}\` is out of order: the sections go ${expected.map((h) => `\`${h}\``).join(", ")}.`,
    }));
}

/** Indices of one longest strictly increasing subsequence (patience sorting). */
function longestIncreasingRun(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (values[tails[mid]] < values[i]) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1];
    tails[low] = i;
  }
  const result = new Set<number>();
  for (let i = tails[tails.length - 1] ?? -1; i !== -1; i = previous[i]) result.add(i);
  return result;
}
