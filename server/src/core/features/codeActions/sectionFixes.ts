import type { Diagnostic } from "vscode-languageserver-types";
import type { SectionRule } from "../../config/configTypes";
import { readOrderEntries } from "../../document/orderEntries";
import type { FoundSection } from "../../document/sections";
import { nfc } from "../../paths";
import { dataNumber, dataString, editableLines, type Fix, type FixContext, fixFromText } from "./fixTypes";
import {
  firstOccurrences,
  inOrderRun,
  placeFor,
  sectionContentEnd,
  sectionEnd,
  sectionStart,
} from "./sectionLayout";
import type { TextLines } from "./textLines";

/** section/missing: the section with its template, in its place among the sections present. */
export function addMissingSection(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const rules = fix.context.settings?.sections.rules ?? [];
  const heading = dataString(diagnostic, "heading");
  const ruleIndex = rules.findIndex((rule) => rule.heading === heading);
  if (ruleIndex === -1) return [];
  const rule = rules[ruleIndex];
  if (hasHeadingLine(fix.context.parsed.lines.text, rule)) return [];
  const known = fix.sections.filter((section) => section.rule);
  const place = placeFor(fix, ruleIndex, inOrderRun(firstOccurrences(known)));
  const { outline, lines: index } = fix.context.parsed;
  // With no known section to place it by: before the first section heading, else at the end.
  const line = place?.line ?? fix.sections[0]?.heading.line ?? index.lineCount;
  const lines = editableLines(fix);
  lines.insertBlock(Math.max(line, outline.bodyStartLine), [headingText(rule), ...template(fix, rule)]);
  return fixFromText(`Add the missing \`${headingText(rule)}\` section`, lines, true);
}

/**
 * Whether some line of the text already is the section's heading, however the checks read it (hidden by
 * a BOM, in a comment, on a line only a lone CR ends): adding it again would make a second section.
 */
function hasHeadingLine(text: string, rule: SectionRule): boolean {
  const heading = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*$/;
  return text.split(/\r\n|\r|\n/).some((line) => {
    const match = heading.exec(line.replace(/^\uFEFF+/, ""));
    return match !== null && match[1].length === rule.level && match[2] === rule.heading;
  });
}

function headingText(rule: SectionRule): string {
  return `${"#".repeat(rule.level)} ${rule.heading}`;
}

/** The section's starting content: the Order lists the child folders; other sections have their template. */
function template(fix: FixContext, rule: SectionRule): string[] {
  const node = fix.context.nodeFolder;
  if (fix.context.kind === "map-node" && rule.heading === "Order" && node) {
    const children = fix.services.workspace.childFolders(node.folder).map(nfc).sort(compareNames);
    return children.length > 0 ? ["", ...children.map((child, i) => `${i + 1}. ${child}`)] : [];
  }
  return rule.template ? ["", ...rule.template.split(/\r?\n/)] : [];
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** section/order: the section (heading, content, its own suppression comments) moved to its place. */
export function moveSectionIntoPlace(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const section = sectionOn(fix, diagnostic);
  if (!section?.rule) return [];
  const others = firstOccurrences(fix.sections).filter((other) => other !== section);
  const place = placeFor(fix, section.ruleIndex, inOrderRun(others));
  if (!place) return [];
  const lines = editableLines(fix);
  moveSection(fix, lines, section, place.line);
  return fixFromText(`Move \`${section.rule.heading}\` ${describePlace(place)}`, lines, true);
}

function describePlace(place: { before?: FoundSection; after?: FoundSection }): string {
  return place.before ? `before \`${place.before.heading.text}\`` : `after \`${place.after!.heading.text}\``;
}

/**
 * Moves a section's lines (as they are now in `lines`, which has the document's line numbers) before
 * `target`, with one blank line around it; a section leaving the end of the document takes the blank
 * lines before it along, so the document does not end with blank lines.
 */
function moveSection(fix: FixContext, lines: TextLines, section: FoundSection, target: number): void {
  const from = sectionStart(fix, section);
  const contentEnd = sectionContentEnd(fix, section);
  let removeFrom = from;
  const removeTo = Math.min(sectionEnd(fix, section), lines.contentCount);
  if (removeTo >= lines.contentCount) while (removeFrom > 0 && lines.isBlank(removeFrom - 1)) removeFrom--;
  const block = lines.lines.slice(from, contentEnd);
  if (target <= removeFrom) {
    lines.remove(removeFrom, removeTo);
    lines.insertBlock(target, block);
  } else {
    lines.insertBlock(target, block);
    lines.remove(removeFrom, removeTo);
  }
}

/** section/level: the heading with the rule's number of `#`. */
export function fixSectionLevel(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const section = sectionOn(fix, diagnostic);
  const level = dataNumber(diagnostic, "expectedLevel") ?? section?.rule?.level;
  if (!section?.rule || level === undefined) return [];
  const lines = editableLines(fix);
  setLevel(lines, section.heading.line, level);
  return fixFromText(`Change the heading to \`${"#".repeat(level)} ${section.rule.heading}\``, lines, true);
}

/** Rewrites the `#` markers of a heading line, and nothing else. */
function setLevel(lines: TextLines, line: number, level: number): void {
  lines.replace(
    line,
    lines.lines[line].replace(/^( {0,3})#{1,6}/, (_all, indent: string) => indent + "#".repeat(level)),
  );
}

/**
 * section/unknown with a near-miss name: the heading renamed (at the rule's level), and moved to its place
 * when its new name would put it out of order. Not offered when the section it names is already there.
 */
export function renameUnknownSection(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const suggestion = dataString(diagnostic, "suggestion");
  const section = sectionOn(fix, diagnostic);
  const rules = fix.context.settings?.sections.rules ?? [];
  const ruleIndex = rules.findIndex((rule) => rule.heading === suggestion);
  if (!section || section.rule || ruleIndex === -1) return [];
  const rule = rules[ruleIndex];
  if (!rule.repeatable && fix.sections.some((other) => other.ruleIndex === ruleIndex)) return [];
  const lines = editableLines(fix);
  const { line, character: start } = section.heading.textRange.start;
  const text = lines.lines[line];
  lines.replace(
    line,
    text.slice(0, start) + rule.heading + text.slice(section.heading.textRange.end.character),
  );
  if (section.heading.level !== rule.level) setLevel(lines, line, rule.level);
  const renamed: FoundSection = { ...section, rule, ruleIndex };
  const known = firstOccurrences(fix.sections);
  const withRenamed = firstOccurrences(fix.sections.map((other) => (other === section ? renamed : other)));
  let title = `Rename to \`${rule.heading}\``;
  if (inOrderRun(withRenamed).length <= inOrderRun(known).length) {
    const place = placeFor(fix, ruleIndex, inOrderRun(known));
    if (place) {
      moveSection(fix, lines, renamed, place.line);
      title += ` and move it ${describePlace(place)}`;
    }
  }
  return fixFromText(title, lines, true);
}

/**
 * section/duplicate: the second section's content moved to the end of the first and its heading removed.
 * For the Order, only the entries that list a child folder not yet listed are added, numbered on.
 */
export function mergeDuplicateSection(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  // In a map node the builder applies a second Order on top of the first: a merge can change the published order.
  if (fix.context.kind === "map-node" && String(diagnostic.message).includes("### Order")) return [];
  const duplicate = sectionOn(fix, diagnostic);
  const first = fix.sections.find((section) => section.ruleIndex === duplicate?.ruleIndex);
  if (!duplicate?.rule || !first || first === duplicate) return [];
  const lines = editableLines(fix);
  const content = mergedContent(fix, first, duplicate);
  let removeFrom = sectionStart(fix, duplicate);
  const removeTo = Math.min(sectionEnd(fix, duplicate), lines.contentCount);
  if (removeTo >= lines.contentCount) while (removeFrom > 0 && lines.isBlank(removeFrom - 1)) removeFrom--;
  lines.remove(removeFrom, removeTo);
  if (content.lines.length > 0) {
    const at = sectionContentEnd(fix, first);
    if (content.separate || at === first.contentStartLine) lines.insertBlock(at, content.lines);
    else lines.insert(at, content.lines);
  }
  const title = `Merge into the first \`${first.heading.text}\` section`;
  return fixFromText(title + (content.note ?? ""), lines, false);
}

function mergedContent(
  fix: FixContext,
  first: FoundSection,
  duplicate: FoundSection,
): { lines: string[]; separate: boolean; note?: string } {
  const { parsed, kind, nodeFolder } = fix.context;
  if (kind === "map-node" && first.rule?.heading === "Order" && nodeFolder) {
    const children = new Set(fix.services.workspace.childFolders(nodeFolder.folder).map(nfc));
    const listed = readOrderEntries(parsed, first);
    const names = new Set(listed.map((entry) => entry.name));
    const added: string[] = [];
    for (const entry of readOrderEntries(parsed, duplicate)) {
      if (!children.has(entry.name) || names.has(entry.name)) continue;
      names.add(entry.name);
      added.push(entry.name);
    }
    return {
      lines: added.map((name, i) => `${listed.length + i + 1}. ${name}`),
      separate: false,
      note: added.length > 0 ? ` (adds ${added.map((name) => `\`${name}\``).join(", ")})` : "",
    };
  }
  const start = duplicate.contentStartLine;
  const end = sectionContentEnd(fix, duplicate);
  const content = parsed.lines.lines.slice(start, end);
  while (content.length > 0 && content[0].trim() === "") content.shift();
  return { lines: content, separate: true };
}

/** The section whose heading a diagnostic is on. */
function sectionOn(fix: FixContext, diagnostic: Diagnostic): FoundSection | undefined {
  return fix.sections.find((section) => section.heading.line === diagnostic.range.start.line);
}
