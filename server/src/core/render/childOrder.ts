import { entriesNamingChildren } from "../model/orderResolution";
import type { CoreServices } from "../model/services";
import { contextOfFile } from "../model/fileContext";
import { orderOf } from "../model/locate";
import { nearestName } from "../names";
import { joinPath, nfc } from "../paths";
import type { MapNode } from "../workspace/nodeIndex";

/** One place among a node's children, as the map shows them. */
export interface ChildPlace {
  /** The child node; undefined for an Order entry that names no child folder. */
  node: MapNode | undefined;
  /** The name the entry gives, or the folder's name (NFC). */
  name: string;
  /** The Order entry's line, for a listed child or a broken entry. */
  line: number | undefined;
  /** A child folder missing from the Order (shown after the listed ones). */
  unlisted: boolean;
  /** Why the entry leads to no child, for a broken one. */
  broken: string | undefined;
}

/**
 * A node's children in the order its Order section lists them (with the entries that name no child,
 * marked broken, where they stand), then the child folders the Order misses, by name. Entries are
 * matched to folders as the Order check matches them (NFC names, `N. Spaced Name`).
 */
export function childrenInOrder(node: MapNode, services: CoreServices): ChildPlace[] {
  const folderNames = services.workspace.childFolders(node.folder);
  const folderByName = new Map(folderNames.map((name) => [nfc(name), name]));
  const context = node.file ? contextOfFile(node.file, services) : undefined;
  const order = context && orderOf(context);
  const entries = order ? entriesNamingChildren(order.entries, new Set(folderByName.keys())) : [];
  const listedAt = new Map<string, number>();
  const places: ChildPlace[] = [];
  for (const [index, entry] of entries.entries()) {
    const folderName = folderByName.get(entry.name);
    const earlier = listedAt.get(entry.name);
    const child =
      folderName === undefined ? undefined : services.nodes.byFolder(joinPath(node.folder, folderName));
    if (child && earlier === undefined) {
      listedAt.set(entry.name, index + 1);
      places.push({ node: child, name: entry.name, line: entry.line, unlisted: false, broken: undefined });
    } else {
      const why =
        earlier !== undefined
          ? `\`${entry.name}\` is already listed as entry ${earlier}.`
          : unknownEntryReason(entry.name, [...folderByName.keys()]);
      places.push({ node: undefined, name: entry.name, line: entry.line, unlisted: false, broken: why });
    }
  }
  const unlisted = [...folderByName]
    .filter(([name]) => !listedAt.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, folderName] of unlisted) {
    const child = services.nodes.byFolder(joinPath(node.folder, folderName));
    if (child) places.push({ node: child, name, line: undefined, unlisted: true, broken: undefined });
  }
  return places;
}

function unknownEntryReason(name: string, children: string[]): string {
  if (name === "") return "This Order entry names no child folder.";
  const suggestion = nearestName(name, children);
  return `No child folder \`${name}\` here${suggestion ? `: did you mean \`${suggestion}\`?` : "."}`;
}
