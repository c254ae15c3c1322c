import type { OrderEntry } from "../document/orderEntries";

/**
 * The entries as they name the child folders (NFC names): `N. Bad Name` lists the folder `Bad Name`
 * as it is named; the one cause is the folder's name, reported by node/name on its own file, so the
 * entry is neither malformed nor unknown. The Order check, its fixes and the map's child order all
 * read the entries this way.
 */
export function entriesNamingChildren(entries: OrderEntry[], children: ReadonlySet<string>): OrderEntry[] {
  return entries.map((entry) =>
    entry.spacedName !== undefined && !children.has(entry.name) && children.has(entry.spacedName)
      ? { ...entry, name: entry.spacedName, wellFormed: true }
      : entry,
  );
}
