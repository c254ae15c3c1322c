import { type CompletionItem, CompletionItemKind, type TextEdit } from "vscode-languageserver-types";
import type { MarkdownContext } from "../../model/markdownContext";
import type { OrderEntry } from "../../document/orderEntries";
import { joinPath, nfc } from "../../paths";
import { contextOfFile } from "../../model/fileContext";
import type { CoreServices } from "../../model/services";
import { firstParagraphOf, orderOf } from "../../model/locate";
import { type CursorLine, rangeOnLine, sortKey } from "./text";
import { contentLine } from "../../map/nodeReading";
import type { NodeFolder } from "../../workspace/maps";

/** What may already be typed before the child's name: a number (with its dot) or a bullet. */
const entryPrefix = /^\s*(?:\d+\s*[.)]?|[-*+](?=\s|$))?\s*/;

/** Whether the cursor is on a content line of a map node's Order section. */
export function isInOrder(context: MarkdownContext, line: number): boolean {
  const section = orderOf(context)?.section;
  return section !== undefined && line >= section.contentStartLine && line < section.endLine;
}

/**
 * The child folders the Order does not list yet, each with its Mini Description, inserted as
 * `N. Folder_Name` over what the line holds so far, N following the entry above. The entries below
 * are renumbered when the new one goes in between.
 */
export function orderCompletions(
  context: MarkdownContext,
  cursor: CursorLine,
  services: CoreServices,
): CompletionItem[] {
  const order = orderOf(context);
  const folder = context.nodeFolder?.folder;
  if (!order || !folder) return [];
  const line = cursor.position.line;
  const others = order.entries.filter((entry) => entry.line !== line);
  const listed = new Set(others.map((entry) => entry.name));
  const number = nextNumber(others.filter((entry) => entry.line < line));
  const renumbering = renumber(
    others.filter((entry) => entry.line > line),
    number + 1,
  );
  const typedPrefix = cursor.before.slice(0, entryPrefix.exec(cursor.before)![0].length);
  const range = rangeOnLine(line, 0, Math.max(cursor.before.length, cursor.text.trimEnd().length));
  const node = context.nodeFolder!;
  // In a breakdown node, a breakdown with a titled paper is listed by it: `N. Paper: "Title"`.
  const placed = node.breakdownNode ? placedBreakdowns(context, line, services) : new Set<string>();
  const children = services.workspace
    .childFolders(folder)
    .map((name) => ({ onDisk: name, name: nfc(name) }))
    .filter((child) => !listed.has(child.name) && !placed.has(child.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  return children.map((child, index): CompletionItem => {
    const childFolder = joinPath(folder, child.onDisk);
    const title = node.breakdownNode ? paperTitle(node, child.onDisk, services) : undefined;
    const entry = title !== undefined ? `Paper: "${title}"` : child.name;
    const description =
      title !== undefined ? explanationOf(childFolder, services) : miniDescription(childFolder, services);
    return {
      label: entry,
      kind: CompletionItemKind.Folder,
      detail: `${number}. ${entry}`,
      documentation: description ? { kind: "markdown", value: description } : undefined,
      sortText: sortKey(0, index),
      // The client filters on the text from the line's start: what was typed before the name stays.
      filterText: typedPrefix + entry,
      textEdit: { range, newText: `${number}. ${entry}` },
      additionalTextEdits: renumbering.length > 0 ? renumbering : undefined,
    };
  });
}

/** The breakdown folders the other lines of a breakdown node's Order already place (by name or by paper). */
function placedBreakdowns(context: MarkdownContext, line: number, services: CoreServices): Set<string> {
  const children = services.builder.children(context.nodeFolder!, context.parsed.lines.text);
  const order = children?.reading.orders[children.reading.orders.length - 1];
  if (!children || !order) return new Set();
  return new Set(
    children.names.filter((_, index) => {
      const item = order.reading.list.items[index];
      return item?.line !== undefined && contentLine(order.section, item.line) !== line;
    }),
  );
}

function paperTitle(node: NodeFolder, name: string, services: CoreServices): string | undefined {
  const paper = services.builder.breakdownReading(node, name)?.paper?.value?.parsed;
  const title =
    typeof paper === "object" && paper !== null ? (paper as { title?: unknown }).title : undefined;
  return typeof title === "string" && title !== "" && !title.includes('"') ? title : undefined;
}

function explanationOf(folder: string, services: CoreServices): string | undefined {
  const node = services.maps.nodeFolder(folder);
  const file = node && services.workspace.findFile(folder, node.fileName);
  const context = file ? contextOfFile(file, services) : undefined;
  return context && firstParagraphOf(context, "Explanation");
}

/** The number after the entry above (its position when it has none); 1 for the first entry. */
function nextNumber(above: OrderEntry[]): number {
  const previous = above[above.length - 1];
  return previous ? (previous.number ?? above.length) + 1 : 1;
}

/** Edits that number the entries below from `first` on, where they differ. */
function renumber(below: OrderEntry[], first: number): TextEdit[] {
  const edits: TextEdit[] = [];
  below.forEach((entry, index) => {
    const expected = String(first + index);
    if (entry.numberRange && entry.number !== first + index) {
      edits.push({ range: entry.numberRange, newText: expected });
    }
  });
  return edits;
}

function miniDescription(folder: string, services: CoreServices): string | undefined {
  const node = services.maps.nodeFolder(folder);
  const file = node && services.workspace.findFile(folder, node.fileName);
  const context = file ? contextOfFile(file, services) : undefined;
  return context && firstParagraphOf(context, "Mini Description");
}
