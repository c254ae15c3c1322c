import type { SectionRule } from "../../../config/configTypes";
import { type MapUsage, mostNodesHave } from "../../../map/builderView";
import { type NodeReading, sectionsReadBy } from "../../../map/nodeReading";
import type { MarkdownContext } from "../../../model/markdownContext";
import { nearestName } from "../../../names";
import type { Problem } from "../../../problem";
import type { NodeFolder } from "../../../workspace/maps";
import { outOfOrder } from "../sectionOrder";
import { describeNames } from "./childFolders";

/**
 * The `###` sections of a node or breakdown file as the builder reads them: headings it passes over,
 * repeated ones (the last wins, or an Order applied twice), known sections it cannot see (`## Order`),
 * and sections the map's other nodes have that this one lacks.
 */
export function checkMapSections(
  context: MarkdownContext,
  node: NodeFolder,
  reading: NodeReading,
  meantChildren: readonly string[],
): Problem[] {
  const problems: Problem[] = [];
  const { lines } = context.parsed;
  const read = sectionsReadBy[node.role];
  /** Sections a misspelt, hidden or mis-levelled heading was meant as: one cause, not also missing. */
  const meantAs = new Set<string>();
  const seen = new Map<string, number>();
  for (const section of reading.sections) {
    const range = {
      start: { line: section.titleLine, character: section.titleStart },
      end: { line: section.titleLine, character: section.titleEnd },
    };
    const heading = lines.lineRange(section.headingLine);
    // Markdown hides it (a code fence, a comment); the builder does not know Markdown and reads it.
    if (context.parsed.outline.isOpaqueLine(section.headingLine)) {
      problems.push({
        code: "section/hidden",
        range: heading,
        message: `This \`### ${section.title}\` is inside a code fence or comment, but the map builder still reads it as a section: ${
          read.includes(section.title) ? `the ${section.title} is taken from here` : "its text is never shown"
        }, and the section above ends here.`,
      });
      meantAs.add(section.title);
      continue;
    }
    if (!read.includes(section.title)) {
      const suggestion = nearestName(section.title, read);
      if (suggestion) meantAs.add(suggestion);
      problems.push({
        code: "section/unknown",
        range: section.titleLine === section.headingLine ? heading : range,
        message: `The map builder does not read \`### ${section.title}\`: its text is never shown${
          suggestion
            ? `. Did you mean \`${suggestion}\`?`
            : `; ${node.role === "breakdown" ? "a breakdown" : "a node"} has ${describeNames(read)}.`
        }`,
        data: suggestion ? { suggestion } : undefined,
      });
      continue;
    }
    const earlier = seen.get(section.title);
    if (earlier !== undefined) {
      problems.push({
        code: "section/duplicate",
        range: heading,
        message:
          section.title === "Order"
            ? `A second \`### Order\` (the first is on line ${earlier + 1}): the builder applies it on top of the first.`
            : `A second \`### ${section.title}\` (the first is on line ${earlier + 1}): the builder publishes only the last one.`,
      });
    } else seen.set(section.title, section.headingLine);
    // The builder removes comments from the shown text: a section of comments shows nothing.
    const shown = section.content
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/%%[\s\S]*?%%/g, "")
      .trim();
    if (["Mini Description", "Description", "Explanation"].includes(section.title) && shown === "") {
      problems.push({
        code: "section/empty",
        range: heading,
        message: `The section \`${section.title}\` is empty: the map shows nothing for it.`,
      });
    }
  }
  problems.push(...unreadHeadings(context, read));
  const hiddenByBom = bomHiddenHeading(context);
  if (hiddenByBom) problems.push(hiddenByBom.problem);
  if (context.settings?.sections.ordered) problems.push(...sectionOrder(context, reading));
  for (const heading of context.parsed.outline.headings)
    if (read.includes(heading.text.trim())) meantAs.add(heading.text.trim());
  if (hiddenByBom) meantAs.add(hiddenByBom.title);
  problems.push(...missingSections(context, node, reading, meantChildren, meantAs));
  return problems;
}

/**
 * A first-line `###` heading that the file's byte order mark hides from the builder. The text has lost
 * the file's first BOM (as editors drop it); a second one is still in it, and hides the heading too.
 */
function bomHiddenHeading(context: MarkdownContext): { problem: Problem; title: string } | undefined {
  const first = context.parsed.lines.lines[0] ?? "";
  const heading = first.replace(/^\uFEFF+/, "");
  if (!heading.startsWith("###")) return undefined;
  if (heading === first && !context.services.workspace.startsWithBom(context.path)) return undefined;
  // A file with CR line ends is one line here: the builder ends its heading at the first CR.
  const title = heading
    .replace(/^###\s*/, "")
    .split("\r")[0]
    .trim();
  return {
    title,
    problem: {
      code: "section/hidden",
      range: context.parsed.lines.lineRange(0),
      message: `The file starts with a byte order mark (BOM), which the map builder reads as text: it does not see this \`### ${title}\`, and the section is not published. Save the file as UTF-8 without BOM.`,
    },
  };
}

/** section/order where the configuration asks for it (the builder itself reads sections in any order). */
function sectionOrder(context: MarkdownContext, reading: NodeReading): Problem[] {
  const rules = context.settings!.sections.rules;
  const sections = reading.sections.flatMap((section) => {
    const ruleIndex = rules.findIndex((rule) => rule.heading === section.title);
    if (ruleIndex === -1) return [];
    const range = context.parsed.lines.lineRange(section.headingLine);
    const heading = { level: 3, text: section.title, line: section.headingLine, range, textRange: range };
    return [{ heading, rule: rules[ruleIndex], ruleIndex }];
  });
  return outOfOrder(sections, rules);
}

/** Known sections written so the builder cannot see them: `## Order`, `####`, or indented. */
function unreadHeadings(context: MarkdownContext, read: readonly string[]): Problem[] {
  return context.parsed.outline.headings
    .filter((heading) => read.includes(heading.text.trim()))
    .filter((heading) => heading.level !== 3 || !context.parsed.lines.lines[heading.line].startsWith("###"))
    .map((heading) => ({
      code: "section/level" as const,
      range: heading.range,
      message: `The map builder reads only \`### ${heading.text.trim()}\` at the start of a line: this heading is read as text of the section above it.`,
      data: { expectedLevel: 3 },
    }));
}

function missingSections(
  context: MarkdownContext,
  node: NodeFolder,
  reading: NodeReading,
  meantChildren: readonly string[],
  meantAs: ReadonlySet<string>,
): Problem[] {
  const rules = context.settings?.sections.rules ?? [];
  // A section the BOM hides is reported as hidden, not also as missing.
  const present = new Set([...reading.sections.map((section) => section.title), ...meantAs]);
  const anchor = context.parsed.lines.lineRange(reading.sections[0]?.headingLine ?? 0);
  const problems: Problem[] = [];
  for (const rule of rules) {
    if (present.has(rule.heading)) continue;
    const reason = whyExpected(context, node, rule, meantChildren);
    if (reason === undefined) continue;
    problems.push({
      code: "section/missing",
      range: anchor,
      message: `Missing section \`### ${rule.heading}\`${reason}.`,
      data: { heading: rule.heading, level: 3 },
    });
  }
  return problems;
}

/** Why a section is expected of this node (a phrase to follow the message), or undefined when it is not. */
export function whyExpected(
  context: MarkdownContext,
  node: NodeFolder,
  rule: SectionRule,
  meantChildren: readonly string[],
): string | undefined {
  const usage = (): MapUsage => context.services.builder.usageOf(node);
  const children = meantChildren.length;
  const isOrder = rule.heading === "Order";
  if (isOrder && children === 0) return undefined;
  const policy = isOrder ? context.config.mapOrder : undefined;
  const presence = policy === "required" ? "required" : policy === "optional" ? "optional" : rule.presence;
  switch (presence) {
    case "optional":
      return undefined;
    case "required":
    case "required-on-nodes-with-children":
      return isOrder ? `: without it the builder publishes the ${children} children in sorted order` : "";
    case "required-except-on-root":
      return node.isRoot && node.map.rootDescribedByMeta ? undefined : "";
    case "usual": {
      if (node.isRoot && node.map.rootDescribedByMeta && rule.heading === "Mini Description")
        return undefined;
      return mostNodesHave(usage(), rule.heading) ? ": most of this map's nodes have one" : undefined;
    }
    case "usual-on-nodes-with-children": {
      const counts = usage();
      return counts.withChildrenAndOrder * 2 > counts.withChildren
        ? `: without it the builder publishes the ${children} children in sorted order (${describeNames(
            context.services.builder
              .sortedFolders(node.folder)
              .filter((name) => meantChildren.includes(name)),
          )}), while most of this map's nodes with children list them in an Order`
        : undefined;
    }
  }
}
