import type { Diagnostic } from "vscode-languageserver-types";
import type { OrderEntry } from "../../document/orderEntries";
import type { FoundSection } from "../../document/sections";
import { nfc } from "../../paths";
import { orderOf } from "../../model/locate";
import { entriesNamingChildren } from "../../model/orderResolution";
import { dataString, editableLines, type Fix, type FixContext, fixFromText } from "./fixTypes";
import type { TextLines } from "./textLines";

interface CheckedOrder {
  section: FoundSection;
  entries: OrderEntry[];
  children: ReadonlySet<string>;
}

/** The Order section with its entries read as the Order check reads them (`N. Name With Spaces` for such a folder). */
function checkedOrder(fix: FixContext): CheckedOrder | undefined {
  const order = orderOf(fix.context);
  const node = fix.context.nodeFolder;
  if (!order || !node) return undefined;
  const children = fix.services.workspace.childFolders(node.folder).map(nfc);
  const childSet = new Set(children);
  const entries = entriesNamingChildren(order.entries, childSet);
  return { section: order.section, entries, children: childSet };
}

function entryOn(order: CheckedOrder, diagnostic: Diagnostic): number {
  return order.entries.findIndex((entry) => entry.line === diagnostic.range.start.line);
}

/** order/unlisted-child: the child appended with the next number; and every unlisted child at once. */
export function addUnlistedChildren(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const order = checkedOrder(fix);
  const child = dataString(diagnostic, "child");
  if (!order || child === undefined) return [];
  const unlisted = fix.diagnostics.filter(
    (other) => other.code === "order/unlisted-child" && dataString(other, "child") !== undefined,
  );
  const fixes: Fix[] = [];
  const one = editableLines(fix);
  appendEntries(one, order, [child]);
  fixes.push(...fixFromText(`Add \`${child}\` to the Order`, one, unlisted.length === 1));
  if (unlisted.length > 1) {
    const all = editableLines(fix);
    appendEntries(
      all,
      order,
      unlisted.map((other) => dataString(other, "child")!),
    );
    fixes.push(
      ...fixFromText(`Add all ${unlisted.length} unlisted children to the Order`, all, true, unlisted),
    );
  }
  return fixes;
}

function appendEntries(lines: TextLines, order: CheckedOrder, names: string[]): void {
  const texts = names.map((name, i) => `${order.entries.length + i + 1}. ${name}`);
  const last = order.entries[order.entries.length - 1];
  if (last) lines.insert(last.line + 1, texts);
  else lines.insertBlock(order.section.contentStartLine, texts);
}

/**
 * order/unknown-entry: the near-miss folder name in its place; when that folder is already listed, or
 * there is no near miss, the entry removed (the entries after it renumbered).
 */
export function fixUnknownEntry(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const order = checkedOrder(fix);
  const index = order ? entryOn(order, diagnostic) : -1;
  if (!order || index === -1) return [];
  const entry = order.entries[index];
  const suggestion = dataString(diagnostic, "suggestion");
  const listed = new Set(
    order.entries.filter((other, i) => i !== index && order.children.has(other.name)).map((e) => e.name),
  );
  if (suggestion !== undefined && !listed.has(suggestion)) {
    const lines = editableLines(fix);
    const text = lines.lines[entry.line];
    const { start, end } = entry.nameRange;
    lines.replace(entry.line, text.slice(0, start.character) + suggestion + text.slice(end.character));
    return fixFromText(`Change to \`${suggestion}\``, lines, true);
  }
  const lines = editableLines(fix);
  removeEntry(lines, order, index);
  const title =
    suggestion !== undefined
      ? `Remove the entry \`${entry.name}\` (\`${suggestion}\` is already listed)`
      : `Remove the entry \`${entry.name}\``;
  return fixFromText(title, lines, suggestion !== undefined);
}

/** order/duplicate-entry: the second listing removed, the entries after it renumbered. */
export function removeDuplicateEntry(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const order = checkedOrder(fix);
  const index = order ? entryOn(order, diagnostic) : -1;
  if (!order || index === -1) return [];
  const lines = editableLines(fix);
  removeEntry(lines, order, index);
  return fixFromText(`Remove the duplicate entry \`${order.entries[index].name}\``, lines, true);
}

/** Removes an entry's line; the numbered entries after it take the numbers of their new places. */
function removeEntry(lines: TextLines, order: CheckedOrder, index: number): void {
  order.entries.forEach((entry, i) => {
    if (i > index) setNumber(lines, entry, i);
  });
  lines.remove(order.entries[index].line, order.entries[index].line + 1);
}

/** order/numbering: every numbered entry numbered by its place, 1 to n. */
export function renumberEntries(_diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const order = checkedOrder(fix);
  if (!order) return [];
  const lines = editableLines(fix);
  order.entries.forEach((entry, i) => setNumber(lines, entry, i + 1));
  return fixFromText(`Renumber the Order entries 1 to ${order.entries.length}`, lines, true);
}

function setNumber(lines: TextLines, entry: OrderEntry, number: number): void {
  if (!entry.numberRange || entry.number === number) return;
  const text = lines.lines[entry.line];
  const { start, end } = entry.numberRange;
  lines.replace(entry.line, text.slice(0, start.character) + String(number) + text.slice(end.character));
}

/** breakdown/unknown-paper: the entry's title changed to the paper title it is nearest to. */
export function retitlePaperEntry(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const suggestion = dataString(diagnostic, "suggestion");
  const lines = editableLines(fix);
  const text = lines.lines[diagnostic.range.start.line] ?? "";
  // The builder's own pattern: the first `Paper: "…"` (or '…') of the line is the one it looks up.
  const match = /Paper: (["'])(.*?)\1/.exec(text);
  if (suggestion === undefined || !match || suggestion.includes(match[1])) return [];
  const start = match.index + "Paper: ".length + 1;
  lines.replace(
    diagnostic.range.start.line,
    text.slice(0, start) + suggestion + text.slice(start + match[2].length),
  );
  return fixFromText(`Change the title to \`${suggestion}\``, lines, true);
}
