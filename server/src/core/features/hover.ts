import type { Hover, Position } from "vscode-languageserver-types";
import type { MarkdownContext } from "../model/markdownContext";
import { nearestName } from "../names";
import type { CoreServices } from "../model/services";
import { frontmatterKeyHover } from "./frontmatterHover";
import { targetOfLink, targetOfNode } from "../model/linkTargets";
import { contains, footnoteDefinitionAt, linkAt, nodeOfOrderEntry, orderEntryAt } from "../model/locate";
import { paperTitleOfEntry } from "../map/nodeReading";
import { targetCard } from "./nodeCard";
import { sectionHover } from "./sectionHover";
import { referenceHover } from "./referenceFeatures";

/** Hover cards on Order entries and node links, footnote references, frontmatter keys and section headings. */
export function provideHover(
  context: MarkdownContext,
  position: Position,
  services: CoreServices,
): Hover | undefined {
  return (
    referenceHover(context, position) ??
    frontmatterKeyHover(context, position) ??
    orderEntryHover(context, position, services) ??
    footnoteHover(context, position) ??
    linkHover(context, position, services) ??
    sectionHover(context, position)
  );
}

/** On a footnote reference: the text of the definition it uses (its first line and indented continuation). */
function footnoteHover(context: MarkdownContext, position: Position): Hover | undefined {
  const definition = footnoteDefinitionAt(context, position);
  if (!definition) return undefined;
  const lines = context.parsed.lines.lines;
  const { line, character } = definition.range.end;
  const text = [lines[line].slice(character + 1).trim()];
  for (let next = line + 1; next < lines.length && /^( {2,}|\t)\S/.test(lines[next]); next++)
    text.push(lines[next].trim());
  const value = `**Footnote \`[^${definition.label}]\`** (line ${line + 1})\n\n${text.join(" ")}`;
  return { contents: { kind: "markdown", value } };
}

/** The child's card; for an entry that names no child folder, says so (with the nearest folder name). */
function orderEntryHover(
  context: MarkdownContext,
  position: Position,
  services: CoreServices,
): Hover | undefined {
  const entry = orderEntryAt(context, position);
  if (!entry || !contains(entry.range, position) || entry.name === "") return undefined;
  const node = nodeOfOrderEntry(context, entry, services);
  const paperTitle = context.nodeFolder?.breakdownNode
    ? paperTitleOfEntry(context.parsed.lines.lines[entry.line] ?? "")
    : undefined;
  let value: string;
  if (node) value = targetCard(targetOfNode(node), services);
  else if (paperTitle !== undefined) value = `No breakdown here has a paper titled \`${paperTitle}\`.`;
  else {
    const folders = context.nodeFolder ? services.workspace.childFolders(context.nodeFolder.folder) : [];
    const suggestion = nearestName(entry.name, folders);
    value =
      `No child folder \`${entry.name}\` exists in this node.` +
      (suggestion ? ` Did you mean \`${suggestion}\`?` : "");
  }
  return { contents: { kind: "markdown", value }, range: entry.nameRange };
}

function linkHover(context: MarkdownContext, position: Position, services: CoreServices): Hover | undefined {
  const link = linkAt(context, position);
  const target = link && targetOfLink(context.path, link.target, services);
  if (!link || !target) return undefined;
  return { contents: { kind: "markdown", value: targetCard(target, services) }, range: link.range };
}
