import type { DocumentLink } from "vscode-languageserver-types";
import type { MarkdownContext } from "../model/markdownContext";
import { findLinks } from "../document/links";
import { type CoreServices } from "../model/services";
import { pathToUri } from "../model/uris";
import { type Target, targetOfLink, targetOfNode } from "../model/linkTargets";
import { nodeOfOrderEntry, orderOf } from "../model/locate";
import { workspacePath } from "../model/cardData";
import { trailOf, trailSeparator } from "../model/nodeTrail";

/** Clickable Order entries and internal links, each on the entry's name or the link's target only. */
export function provideDocumentLinks(context: MarkdownContext, services: CoreServices): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const entry of orderOf(context)?.entries ?? []) {
    const node = entry.name === "" ? undefined : nodeOfOrderEntry(context, entry, services);
    if (node) links.push(documentLink(entry.nameRange, targetOfNode(node), services));
  }
  for (const link of findLinks(context.parsed)) {
    const target = targetOfLink(context.path, link.target, services);
    if (target) links.push(documentLink(link.targetRange, target, services));
  }
  return links;
}

function documentLink(range: DocumentLink["range"], target: Target, services: CoreServices): DocumentLink {
  return { range, target: pathToUri(target.path), tooltip: tooltipOf(target, services) };
}

function tooltipOf(target: Target, services: CoreServices): string {
  if (target.node) {
    const trail = trailOf(target.node, services.nodes);
    const where = trail ? trail + trailSeparator + target.node.title : target.node.title;
    return target.isFolder
      ? `Reveal the folder of ${where} (it has no ${target.node.name}.md)`
      : `Open ${where}`;
  }
  return `${target.isFolder ? "Reveal" : "Open"} ${workspacePath(target.path, services)}`;
}
