import { SymbolKind, type WorkspaceSymbol } from "vscode-languageserver-types";
import type { MapNode } from "../workspace/nodeIndex";
import { type CoreServices } from "../model/services";
import { pathToUri } from "../model/uris";
import { compareMatches, type FuzzyMatch, fuzzyMatch, normalizeForMatch } from "./fuzzyMatch";
import { trailOf, trailSeparator } from "../model/nodeTrail";

/** At most this many symbols per query: enough to scroll through, few enough to answer at once. */
export const maxWorkspaceSymbols = 200;

const startOfFile = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Every node of the workspace by title whose letters contain the query's in order (equal, prefix and
 * word-start matches first; every node in tree order for an empty query), with its parent's breadcrumb as container: names repeat across a map.
 */
export function provideWorkspaceSymbols(query: string, services: CoreServices): WorkspaceSymbol[] {
  const wanted = normalizeForMatch(query);
  if (wanted === "") {
    return services.nodes
      .all()
      .slice(0, maxWorkspaceSymbols)
      .map((node) => symbolOf(node, services));
  }
  const matches: { node: MapNode; match: FuzzyMatch; order: number }[] = [];
  services.nodes.all().forEach((node, order) => {
    const match = fuzzyMatch(wanted, normalizeForMatch(node.title));
    if (match) matches.push({ node, match, order });
  });
  matches.sort(
    (a, b) =>
      compareMatches(a.match, b.match) || a.node.title.length - b.node.title.length || a.order - b.order,
  );
  return matches.slice(0, maxWorkspaceSymbols).map(({ node }) => symbolOf(node, services));
}

function symbolOf(node: MapNode, services: CoreServices): WorkspaceSymbol {
  const parent = node.parentFolder === undefined ? undefined : services.nodes.byFolder(node.parentFolder);
  const trail = parent
    ? [trailOf(parent, services.nodes), parent.title].filter(Boolean).join(trailSeparator)
    : "";
  return {
    name: node.title,
    kind: SymbolKind.Module,
    location: { uri: pathToUri(node.file ?? node.folder), range: startOfFile },
    containerName: trail,
  };
}
