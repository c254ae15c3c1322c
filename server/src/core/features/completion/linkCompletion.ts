import { type CompletionItem, CompletionItemKind, type CompletionList } from "vscode-languageserver-types";
import type { MarkdownContext } from "../../model/markdownContext";
import { findLinks } from "../../document/links";
import { dirname, isInside, nfc, relativePath } from "../../paths";
import type { MapNode } from "../../workspace/nodeIndex";
import type { CoreServices } from "../../model/services";
import { compareMatches, type FuzzyMatch, fuzzyMatch, normalizeForMatch } from "../fuzzyMatch";
import { nodeOfLink, sectionsOf } from "../../model/locate";
import { trailOf } from "../../model/nodeTrail";
import { completionList, type CursorLine, rangeOnLine, sortKey } from "./text";

/**
 * At most this many nodes are returned; past it the list is marked incomplete and the client asks
 * again as the user types (a map has thousands of nodes: the corpus has 5,798).
 */
export const maxLinkItems = 200;

/** `](target` with the cursor in the target. */
const openTarget = /\]\(\s*(<?)([^()\s<>]*)$/;
/** An unclosed `[` that is not an image's `![` nor escaped, the cursor after it. */
const openText = /(?:^|[^!\\])(\[)([^[\]]*)$/;
const uriScheme = /^[a-z][a-z0-9+.-]*:/i;

/** Where the link is being typed: its target after `](`, or its text after `[`; `typed` is the text so far. */
interface LinkSlot {
  kind: "target" | "text";
  /** What the replaced range starts with before the typed text: `[`, or `<` for a bracketed target. */
  opener: string;
  start: number;
  end: number;
  typed: string;
}

/**
 * Internal links to map nodes: inside `(...)` of a link, the node's path; after an unclosed `[`, a
 * whole `[Name With Spaces](/Root/.../Node/Node.md)`. Paths are absolute from the map's repository
 * root when the document is in the same repository, else relative to the document. Names repeat in a
 * map, so each item shows its breadcrumb and path. Undefined when the cursor is not in a link.
 */
export function linkCompletions(
  context: MarkdownContext,
  cursor: CursorLine,
  services: CoreServices,
): CompletionList | undefined {
  const slot = linkSlotAt(cursor);
  if (!slot) return undefined;
  if (
    slot.kind === "target" &&
    (uriScheme.test(slot.typed) || /^[#.]/.test(slot.typed) || slot.typed.startsWith("//"))
  )
    return completionList([]);
  const excluded = excludedFolders(context, services);
  const query = slot.kind === "text" ? slot.typed : slot.typed.slice(slot.typed.lastIndexOf("/") + 1);
  const folderPrefix = slot.kind === "target" ? slot.typed.slice(0, slot.typed.lastIndexOf("/") + 1) : "";
  const repositoryRoot = services.maps.repositoryRootFor(context.path);
  const here = dirname(context.path);
  const normalizedQuery = normalizeForMatch(query.replace(/\.mdx?$/i, ""));
  const matches: { node: MapNode; match: FuzzyMatch; nearness: number }[] = [];
  const all = services.nodes.all();
  const lowerPrefix = folderPrefix.toLowerCase();
  for (const node of all) {
    if (excluded.has(node.folder)) continue;
    const match = fuzzyMatch(normalizedQuery, matchableName(node));
    if (!match) continue;
    if (lowerPrefix && !linkTarget(node, context.path, repositoryRoot).toLowerCase().startsWith(lowerPrefix))
      continue;
    matches.push({ node, match, nearness: sharedDepth(node.folder, here) });
  }
  matches.sort(
    (a, b) =>
      compareMatches(a.match, b.match) ||
      b.nearness - a.nearness ||
      (a.node.folder < b.node.folder ? -1 : a.node.folder > b.node.folder ? 1 : 0),
  );
  const range = rangeOnLine(cursor.position.line, slot.start, slot.end);
  const items = matches.slice(0, maxLinkItems).map(({ node }, index): CompletionItem => {
    const target = linkTarget(node, context.path, repositoryRoot);
    const written = /[\s()<>]/.test(target) ? `<${target}>` : target;
    const text = `[${node.title.replace(/[[\]\\]/g, "\\$&")}](${written})`;
    const trail = trailOf(node, services.nodes);
    return {
      label: node.title,
      labelDetails: trail ? { description: trail } : undefined,
      kind: CompletionItemKind.Reference,
      detail: target,
      sortText: sortKey(0, index),
      // The client filters on the text from the range's start: the opener, then the name or the path.
      filterText: slot.opener + (slot.kind === "text" ? node.title : target),
      textEdit: { range, newText: slot.kind === "text" ? text : written },
    };
  });
  return completionList(items, matches.length < all.length - excluded.size || matches.length > maxLinkItems);
}

/** Each node's name as matched, made once per node object (the index makes new ones when the tree changes). */
const matchableNames = new WeakMap<MapNode, string>();

function matchableName(node: MapNode): string {
  let name = matchableNames.get(node);
  if (name === undefined) {
    name = normalizeForMatch(node.name);
    matchableNames.set(node, name);
  }
  return name;
}

function linkSlotAt(cursor: CursorLine): LinkSlot | undefined {
  const { before, after } = cursor;
  const target = openTarget.exec(before);
  if (target && outsideCodeSpan(before, target.index)) {
    // A `<bracketed>` target is rewritten whole, brackets included.
    const rest = (target[1] ? /^[^()\s<>]*>?/ : /^[^()\s<>]*/).exec(after)![0].length;
    const typed = target[2];
    const start = before.length - typed.length - target[1].length;
    return { kind: "target", opener: target[1], start, end: before.length + rest, typed };
  }
  const text = openText.exec(before);
  if (text && outsideCodeSpan(before, before.length - text[2].length - 1)) {
    // Over what the editor closed (`]`) or a link being rewritten (`](...)`).
    const rest = /^\](?:\([^()\s]*\))?/.exec(after)?.[0].length ?? 0;
    const start = before.length - text[2].length - 1;
    return { kind: "text", opener: "[", start, end: before.length + rest, typed: text[2] };
  }
  return undefined;
}

/** Whether an offset is outside inline code (an even number of backticks before it). */
function outsideCodeSpan(text: string, offset: number): boolean {
  return (text.slice(0, offset).match(/`/g)?.length ?? 0) % 2 === 0;
}

/** The document's own node, and in Related Nodes the nodes it already lists. */
function excludedFolders(context: MarkdownContext, services: CoreServices): Set<string> {
  const excluded = new Set<string>();
  const own = context.kind === "map-node" ? context.nodeFolder?.folder : undefined;
  if (own) excluded.add(own);
  const related = sectionsOf(context).find((section) => section.rule?.heading === "Related Nodes");
  if (!related) return excluded;
  for (const link of findLinks(context.parsed)) {
    const line = link.range.start.line;
    if (line < related.contentStartLine || line >= related.endLine) continue;
    const node = nodeOfLink(context, link, services);
    if (node) excluded.add(node.folder);
  }
  return excluded;
}

/** The link to a node's file (its folder when the file is missing), names NFC as users type them. */
function linkTarget(node: MapNode, fromPath: string, repositoryRoot: string): string {
  const path = node.file ?? node.folder;
  const written = (relative: string) => relative.split("/").map(nfc).join("/");
  if (node.map.repositoryRoot === repositoryRoot && isInside(path, repositoryRoot)) {
    return "/" + written(relativePath(repositoryRoot, path));
  }
  return written(relativePath(dirname(fromPath), path)) || ".";
}

/** How many leading folders two paths share: nodes near the document come first among equals. */
function sharedDepth(a: string, b: string): number {
  let depth = 0;
  const length = Math.min(a.length, b.length);
  for (let index = 1; index < length && a[index] === b[index]; index++) if (a[index] === "/") depth++;
  if ((a.length === length || a[length] === "/") && (b.length === length || b[length] === "/")) {
    if (a.slice(0, length) === b.slice(0, length)) depth++;
  }
  return depth;
}
