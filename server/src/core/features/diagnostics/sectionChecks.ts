import type { Range } from "vscode-languageserver-types";
import type { SectionRule } from "../../config/configTypes";
import type { FoundSection } from "../../document/sections";
import { nearestName } from "../../names";
import { whyExpected } from "./map/sectionChecks";
import { outOfOrder } from "./sectionOrder";
import type { Problem } from "../../problem";
import type { MarkdownContext } from "../../model/markdownContext";

const kindLabel = { "map-node": "a map node", topic: "a topic entry" } as const;

/** Presence, order, level, uniqueness and emptiness of a document's sections, by its kind's rules. */
export function checkSections(context: MarkdownContext, sections: FoundSection[]): Problem[] {
  const rules = context.settings?.sections;
  if (!rules || !context.kind) return [];
  const problems: Problem[] = [];
  const seen = new Set<number>();
  // Sections an unknown heading was reported as a misspelling of (`### Mini Desciption`): one cause,
  // so they are not also reported missing.
  const suggested = new Set<string>();
  for (const section of sections) {
    const { heading, rule } = section;
    if (!rule) {
      if (!rules.allowUnknown) {
        const problem = unknownSection(context, section);
        if (typeof problem.data?.suggestion === "string") suggested.add(problem.data.suggestion);
        problems.push(problem);
      }
      continue;
    }
    if (heading.level !== rule.level) {
      problems.push({
        code: "section/level",
        range: heading.range,
        message: `\`${rule.heading}\` must be a level-${rule.level} heading: \`${"#".repeat(rule.level)} ${rule.heading}\`.`,
        data: { expectedLevel: rule.level },
      });
    }
    if (seen.has(section.ruleIndex) && !rule.repeatable) {
      problems.push({
        code: "section/duplicate",
        range: heading.range,
        message: `\`${rule.heading}\` appears more than once; a document has one such section.`,
      });
    }
    seen.add(section.ruleIndex);
  }
  if (rules.ordered) problems.push(...outOfOrder(sections, rules.rules));
  const absent = missing(context, sections, rules.rules, seen);
  problems.push(...absent.filter((problem) => !suggested.has(String(problem.data?.heading))));
  problems.push(...empty(context, sections));
  return problems;
}

function unknownSection(context: MarkdownContext, section: FoundSection): Problem {
  const known = context.settings!.sections.rules.map((rule) => rule.heading);
  const suggestion = nearestName(section.heading.text, known);
  const allowed =
    known.length > 0 ? ` The sections of ${kindLabel[context.kind!]} are: ${known.join(", ")}.` : "";
  return {
    code: "section/unknown",
    range: section.heading.range,
    message: suggestion
      ? `Unknown section \`${section.heading.text}\`: did you mean \`${suggestion}\`?`
      : `Unknown section \`${section.heading.text}\`.${allowed}`,
    data: suggestion ? { suggestion } : undefined,
  };
}

function missing(
  context: MarkdownContext,
  sections: FoundSection[],
  rules: SectionRule[],
  present: Set<number>,
): Problem[] {
  const problems: Problem[] = [];
  rules.forEach((rule, index) => {
    if (present.has(index)) return;
    const reason = whyRequired(context, rule);
    if (reason === undefined) return;
    problems.push({
      code: "section/missing",
      range: anchorForMissing(context, sections, index),
      message: `Missing section \`${"#".repeat(rule.level)} ${rule.heading}\`${reason}.`,
      data: { heading: rule.heading, level: rule.level },
    });
  });
  return problems;
}

/** Why a section is required in this document, or undefined when it is not. */
export function whyRequired(context: MarkdownContext, rule: SectionRule): string | undefined {
  const node = context.kind === "map-node" ? context.nodeFolder : undefined;
  switch (rule.presence) {
    case "optional":
      return undefined;
    case "usual":
    case "usual-on-nodes-with-children":
      // Map conventions: weighed against the map's other nodes, as the map checks weigh them.
      return node
        ? whyExpected(context, node, rule, context.services.workspace.childFolders(node.folder))
        : undefined;
    case "required":
      return "";
    case "required-except-on-root":
      return node?.isRoot && node.map.rootDescribedByMeta ? undefined : "";
    case "required-on-nodes-with-children": {
      const children = node ? context.services.workspace.childFolders(node.folder).length : 0;
      return children > 0
        ? `: this node has ${children} child folder${children === 1 ? "" : "s"} to list`
        : undefined;
    }
  }
}

/**
 * Where to report an absent section: on the heading of the present section it should precede,
 * else on the last section it should follow, else on the first line.
 */
function anchorForMissing(context: MarkdownContext, sections: FoundSection[], ruleIndex: number): Range {
  const known = sections.filter((section) => section.rule);
  const next = known.find((section) => section.ruleIndex > ruleIndex);
  if (next) return next.heading.range;
  const last = known[known.length - 1];
  if (last) return last.heading.range;
  const firstLine = context.parsed.frontmatter ? 0 : context.parsed.outline.bodyStartLine;
  return context.parsed.lines.lineRange(Math.min(firstLine, context.parsed.lines.lineCount - 1));
}

/** Sections with nothing in them; a section's sub-sections (deeper headings) count as its content. */
function empty(context: MarkdownContext, sections: FoundSection[]): Problem[] {
  const { lines } = context.parsed;
  const ends = sectionEnds(sections, lines.lineCount);
  return sections
    .filter((section, index) => {
      if (section.rule?.allowEmpty) return false;
      for (let line = section.contentStartLine; line < ends[index]; line++) {
        const text = lines.lines[line].trim();
        if (text !== "" && !/^<!--.*-->$/.test(text)) return false;
      }
      return true;
    })
    .map((section) => ({
      code: "section/empty" as const,
      range: section.heading.range,
      message: `The section \`${section.heading.text}\` is empty.`,
    }));
}

/**
 * Where each section ends with its sub-sections: the next heading at its level or above, else the end
 * of the file. One pass with a stack of the sections still open (a search per section was quadratic:
 * 100,000 headings took 48 s).
 */
function sectionEnds(sections: FoundSection[], lineCount: number): number[] {
  const ends = sections.map(() => lineCount);
  const open: number[] = [];
  sections.forEach((section, index) => {
    while (open.length > 0 && sections[open[open.length - 1]].heading.level >= section.heading.level)
      ends[open.pop()!] = section.heading.line;
    open.push(index);
  });
  return ends;
}
