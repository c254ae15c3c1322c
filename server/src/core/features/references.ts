import type { Location, Position } from "vscode-languageserver-types";
import type { MarkdownContext } from "../model/markdownContext";
import { findLinks } from "../document/links";
import { contextOfFile } from "../model/fileContext";
import { type CoreServices } from "../model/services";
import { pathToUri } from "../model/uris";
import { nodeOfFile, type Target, targetAt, targetOfLink, targetOfNode } from "../model/linkTargets";
import { nodeOfOrderEntry, orderOf } from "../model/locate";

const startOfFile = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Every Order entry and link across the workspace that names the node (or page) under the cursor:
 * on an Order entry or a link, what it leads to; on the first line or first heading of a file, the
 * file itself (its node, for a node's file). With `includeDeclaration`, the target's own file first.
 */
export function provideReferences(
  context: MarkdownContext,
  position: Position,
  services: CoreServices,
  includeDeclaration = true,
): Location[] {
  const target = referencedAt(context, position, services);
  return target ? referencesTo(target, services, includeDeclaration) : [];
}

function referencedAt(
  context: MarkdownContext,
  position: Position,
  services: CoreServices,
): Target | undefined {
  const atCursor = targetAt(context, position, services);
  if (atCursor) return atCursor.target;
  const firstHeading = context.parsed.outline.headings[0]?.line;
  if (position.line !== 0 && position.line !== firstHeading) return undefined;
  const node = nodeOfFile(context.path, services);
  return node ? targetOfNode(node) : { path: context.path, isFolder: false, node: undefined };
}

/** The target's declaration (if asked), its parent's Order entry, then every link to it, by file. */
function referencesTo(target: Target, services: CoreServices, includeDeclaration: boolean): Location[] {
  const locations: Location[] = [];
  if (includeDeclaration && !target.isFolder)
    locations.push({ uri: pathToUri(target.path), range: startOfFile });
  const node = target.node;
  const parent = node?.parentFolder === undefined ? undefined : services.nodes.byFolder(node.parentFolder);
  const parentContext = parent?.file ? contextOfFile(parent.file, services) : undefined;
  for (const entry of (parentContext && orderOf(parentContext)?.entries) ?? []) {
    // By the node the entry names: in a breakdown node, `Paper: "Title"` names a breakdown by its paper.
    if (nodeOfOrderEntry(parentContext!, entry, services)?.folder === node!.folder)
      locations.push({ uri: pathToUri(parentContext!.path), range: entry.nameRange });
  }
  const isTarget = (found: Target | undefined) =>
    found !== undefined && (node ? found.node?.folder === node.folder : found.path === target.path);
  for (const file of services.listMarkdownFiles().sort()) {
    const source = services.workspace.readText(file, services.configs.configFor(file).maxFileSize);
    // Most files of a map link nowhere: skip them before parsing.
    if (!source.ok || (!source.text.includes("](") && !source.text.includes("]:"))) continue;
    const context = contextOfFile(file, services);
    for (const link of context ? findLinks(context.parsed) : []) {
      if (isTarget(targetOfLink(file, link.target, services)))
        locations.push({ uri: pathToUri(file), range: link.range });
    }
  }
  return locations;
}
