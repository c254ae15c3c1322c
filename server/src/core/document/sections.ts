import type { SectionRule, SectionRules } from "../config/configTypes";
import type { OutlineHeading } from "./outline";
import type { ParsedMarkdown } from "./parsedDocument";

/** A section as found in a document: its heading, the rule it matches (if any) and its lines. */
export interface FoundSection {
  heading: OutlineHeading;
  rule: SectionRule | undefined;
  ruleIndex: number;
  /** First line after the heading. */
  contentStartLine: number;
  /** Line after the section's last line. */
  endLine: number;
}

/** Normalises a heading for matching: inner runs of space collapse; case is kept (it is shown on the site). */
function headingKey(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

/**
 * Splits a document into the sections of its kind. A heading is a section heading when it is at or
 * above the kind's section level, or when its text names a known section (at whatever level, so
 * that a `## Order` is recognised and reported as being at the wrong level). Deeper headings are
 * content of the section above them.
 */
export function findSections(parsed: ParsedMarkdown, rules: SectionRules): FoundSection[] {
  const ruleByHeading = new Map(rules.rules.map((rule, index) => [headingKey(rule.heading), index]));
  const sections: FoundSection[] = [];
  for (const heading of parsed.outline.headings) {
    const ruleIndex = ruleByHeading.get(headingKey(heading.text)) ?? -1;
    if (ruleIndex === -1 && heading.level > rules.level) continue;
    const previous = sections[sections.length - 1];
    if (previous) previous.endLine = heading.line;
    sections.push({
      heading,
      rule: ruleIndex === -1 ? undefined : rules.rules[ruleIndex],
      ruleIndex,
      contentStartLine: heading.line + 1,
      endLine: parsed.lines.lineCount,
    });
  }
  return sections;
}

/** The content lines of a section that are Markdown prose (not code, comments or MDX ESM), with their numbers. */
export function proseLines(parsed: ParsedMarkdown, section: FoundSection): { line: number; text: string }[] {
  const result: { line: number; text: string }[] = [];
  for (let line = section.contentStartLine; line < section.endLine; line++) {
    if (!parsed.outline.isOpaqueLine(line)) result.push({ line, text: parsed.lines.lines[line] });
  }
  return result;
}
