import type { Position, Range } from "vscode-languageserver-types";
import type { MarkdownContext } from "./markdownContext";
import { findLinks, type MarkdownLink } from "../document/links";
import { findFootnotes, type Footnote } from "../document/footnotes";
import { type OrderEntry, readOrderEntries } from "../document/orderEntries";
import { paperTitleOfEntry } from "../map/nodeReading";
import { type FoundSection, findSections, proseLines } from "../document/sections";
import { basename, dirname, joinPath, nfc } from "../paths";
import { resolveLink } from "../workspace/linkResolution";
import type { MapNode } from "../workspace/nodeIndex";
import type { CoreServices } from "./services";

/*
 * Finding things in a Markdown document: its sections, its Order and entries, the heading, entry or
 * link at a position, and the node an entry or a link names. Shared by the checks, features and renderers.
 */

/** Whether a position lies within a range (ends included, as a cursor right after a word is "on" it). */
export function contains(range: Range, position: Position): boolean {
  const afterStart =
    position.line > range.start.line ||
    (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd =
    position.line < range.end.line ||
    (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** The sections of the document by its kind's rules (none for a file without a kind). */
export function sectionsOf(context: MarkdownContext): FoundSection[] {
  return context.settings ? findSections(context.parsed, context.settings.sections) : [];
}

/** The Order section of a map node, with its entries. */
export function orderOf(
  context: MarkdownContext,
): { section: FoundSection; entries: OrderEntry[] } | undefined {
  if (context.kind !== "map-node") return undefined;
  const section = sectionsOf(context).find((candidate) => candidate.rule?.heading === "Order");
  return section && { section, entries: readOrderEntries(context.parsed, section) };
}

/** The Order entry on the cursor's line, if the cursor is in a map node's Order section. */
export function orderEntryAt(context: MarkdownContext, position: Position): OrderEntry | undefined {
  return orderOf(context)?.entries.find((entry) => entry.line === position.line);
}

/** The link whose `[text](target)` holds the position. */
export function linkAt(context: MarkdownContext, position: Position): MarkdownLink | undefined {
  return findLinks(context.parsed).find((link) => contains(link.range, position));
}

/** On a footnote reference `[^id]` (not in a map node: the builder reads no footnotes), the definition it uses. */
export function footnoteDefinitionAt(context: MarkdownContext, position: Position): Footnote | undefined {
  if (context.kind === "map-node" || !context.parsed.lines.lines[position.line]?.includes("[^"))
    return undefined;
  const { references, definitions } = findFootnotes(context.parsed);
  const reference = references.find((found) => contains(found.range, position));
  return reference && definitions.find((definition) => definition.key === reference.key);
}

/** The child node an Order entry names (its folder compared after NFC normalisation). */
export function nodeOfOrderEntry(
  context: MarkdownContext,
  entry: OrderEntry,
  services: CoreServices,
): MapNode | undefined {
  const node = context.nodeFolder;
  if (!node) return undefined;
  // In a breakdown node, `N. Paper: "Title"` names the breakdown whose paper has that title.
  const title = node.breakdownNode
    ? paperTitleOfEntry(context.parsed.lines.lines[entry.line] ?? "")
    : undefined;
  const name =
    title !== undefined
      ? services.builder.children(node, context.parsed.lines.text)?.papers.get(title)
      : entry.name;
  if (name === undefined) return undefined;
  const child = services.workspace.childFolders(node.folder).find((folder) => nfc(folder) === name);
  return child === undefined ? undefined : services.nodes.byFolder(joinPath(node.folder, child));
}

/** The node a link points at: its folder, or its `Name/Name.md` file. */
export function nodeOfLink(
  context: MarkdownContext,
  link: MarkdownLink,
  services: CoreServices,
): MapNode | undefined {
  const resolved = resolveLink(context.path, link.target, services.maps);
  if (!resolved) return undefined;
  const asFolder = services.nodes.byFolder(resolved.path);
  if (asFolder) return asFolder;
  const folder = dirname(resolved.path);
  const node = services.nodes.byFolder(folder);
  return node && nfc(basename(resolved.path)) === node.fileName ? node : undefined;
}

/**
 * The first paragraph of a section (`Mini Description`), its lines joined by spaces; undefined when
 * the document has no such section or it is empty.
 */
export function firstParagraphOf(context: MarkdownContext, heading: string): string | undefined {
  const section = sectionsOf(context).find((found) => found.rule?.heading === heading);
  if (!section) return undefined;
  const paragraph: string[] = [];
  for (const { text } of proseLines(context.parsed, section)) {
    if (text.trim() !== "") paragraph.push(text.trim());
    else if (paragraph.length > 0) break;
  }
  return paragraph.length > 0 ? paragraph.join(" ") : undefined;
}
