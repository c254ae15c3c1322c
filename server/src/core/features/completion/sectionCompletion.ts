import {
  type Command,
  type CompletionItem,
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
} from "vscode-languageserver-types";
import type { SectionRule } from "../../config/configTypes";
import type { MarkdownContext } from "../../model/markdownContext";
import { whyRequired } from "../diagnostics/sectionChecks";
import { sectionsOf } from "../../model/locate";
import { type CursorLine, escapeSnippet, placeholder, rangeOnLine, sortKey } from "./text";

/** The start of a heading line: nothing yet, `#`s, or `#`s and part of the heading's text. */
const headingStart = /^ {0,3}(?:#{1,6}(?:[ \t]+[^#]*)?)?$/;

/** Whether the cursor is where a section heading could be typed (and nothing follows it on the line). */
export function isHeadingStart(cursor: CursorLine): boolean {
  return headingStart.test(cursor.before) && cursor.after.trim() === "";
}

/** Opens the suggestions again after the heading, for the Order's children or the Related Nodes' links. */
const suggestAgain: Command = { title: "Suggest", command: "editor.action.triggerSuggest" };

/**
 * The sections the kind's rules allow between the sections before and after the cursor, not yet
 * present (unless repeatable), in the rules' order with the missing required ones first, each at its
 * level. The heading comes with a blank line around it and a body: the rule's template as a selected
 * placeholder (typing replaces it), an empty line for the Order's entries (the suggestions then open
 * on the children), a `- [` for Related Nodes (the suggestions then open on the nodes).
 * An Order is not offered on a node without child folders: it would have nothing to list.
 */
export function sectionCompletions(context: MarkdownContext, cursor: CursorLine): CompletionItem[] {
  const rules = context.settings?.sections.rules ?? [];
  const line = cursor.position.line;
  const known = sectionsOf(context).filter((section) => section.rule && section.heading.line !== line);
  const before = known.filter((section) => section.heading.line < line).map((section) => section.ruleIndex);
  const after = known.filter((section) => section.heading.line > line).map((section) => section.ruleIndex);
  const lowest = Math.max(-1, ...before);
  const highest = Math.min(rules.length, ...after);
  const present = new Set(known.map((section) => section.ruleIndex));
  const items: CompletionItem[] = [];
  rules.forEach((rule, index) => {
    if (index <= lowest || index >= highest || (present.has(index) && !rule.repeatable)) return;
    const reason = whyRequired(context, rule);
    if (rule.heading === "Order" && context.kind === "map-node" && childCount(context) === 0) return;
    const label = `${"#".repeat(rule.level)} ${rule.heading}`;
    items.push({
      label,
      kind: CompletionItemKind.Keyword,
      detail: reason === undefined ? "optional section" : `required section${reason}`,
      documentation: rule.description ? { kind: "markdown", value: rule.description } : undefined,
      sortText: sortKey(reason === undefined ? 1 : 0, index),
      filterText: label,
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
      textEdit: {
        range: rangeOnLine(line, 0, Math.max(cursor.before.length, cursor.text.trimEnd().length)),
        newText: sectionSnippet(context, line, rule, label),
      },
      command: rule.heading === "Order" || rule.heading === "Related Nodes" ? suggestAgain : undefined,
    });
  });
  return items;
}

function sectionSnippet(context: MarkdownContext, line: number, rule: SectionRule, label: string): string {
  const lines = context.parsed.lines.lines;
  const blankBefore = line > context.parsed.outline.bodyStartLine && lines[line - 1].trim() !== "";
  const textAfter = line + 1 < lines.length && lines[line + 1].trim() !== "";
  const body =
    rule.heading === "Related Nodes" ? "- [$0" : rule.template ? placeholder(1, rule.template) : undefined;
  const heading = (blankBefore ? "\n" : "") + escapeSnippet(label);
  // Without a body, the cursor waits on the blank line under the heading (above any text that follows).
  if (body === undefined) return heading + (textAfter ? "\n$0" : "\n\n$0");
  return heading + "\n\n" + body + (textAfter ? "\n" : "");
}

/** A map node's child folders: an Order on a node without any lists nothing. */
function childCount(context: MarkdownContext): number {
  const node = context.nodeFolder;
  return node ? context.services.workspace.childFolders(node.folder).length : 0;
}
