import { basename } from "../paths";
import type { MapNode } from "../workspace/nodeIndex";
import { miniDescription, problemCounts, truncate, workspacePath } from "../model/cardData";
import { firstParagraphOf } from "../model/locate";
import { contextOfFile } from "../model/fileContext";
import { frontmatterData, readJson, stringField } from "../model/fileData";
import type { Target } from "../model/linkTargets";
import { trailOf } from "../model/nodeTrail";
import type { CoreServices } from "../model/services";

/** The hover card of whatever an Order entry or a link leads to: a node, a page, or a plain file. */
export function targetCard(target: Target, services: CoreServices): string {
  if (target.node) return nodeCard(target.node, services);
  return target.isFolder
    ? `Folder \`${workspacePath(target.path, services)}\``
    : fileCard(target.path, services);
}

/**
 * A node's card: its title, the breadcrumb of its ancestors, its Mini Description, its numbers of
 * children and papers, and the problems last found in its file.
 */
function nodeCard(node: MapNode, services: CoreServices): string {
  if (node.role === "breakdown") return breakdownCard(node, services);
  const trail = trailOf(node, services.nodes);
  const summary = miniDescription(node, services);
  const facts = [
    count(services.workspace.childFolders(node.folder).length, "child", "children"),
    papersFact(node, services),
    node.file ? problemsFact(node.file, services) : `no \`${node.fileName}\` in the folder`,
  ];
  return [
    `**${escapeMarkdown(node.title)}**`,
    trail ? escapeMarkdown(trail) : "Root of the map",
    summary ?? "_No Mini Description._",
    facts.join(" · "),
  ].join("\n\n");
}

/**
 * A breakdown's card: its paper (title, date, link) and Explanation, its child nodes, its problems. An
 * `Untitled_` breakdown has no title of its own on the map: its paper stands for it.
 */
function breakdownCard(node: MapNode, services: CoreServices): string {
  const folder = services.maps.nodeFolder(node.folder);
  const reading = folder && services.builder.reading(folder);
  const paper = reading?.paper?.value?.parsed as Record<string, unknown> | undefined;
  const field = (key: string) => (paper && typeof paper[key] === "string" ? paper[key] : undefined);
  const title = field("title");
  const untitled = node.name.startsWith("Untitled");
  const context = node.file ? contextOfFile(node.file, services) : undefined;
  const explanation = context && firstParagraphOf(context, "Explanation");
  const trail = trailOf(node, services.nodes);
  const paperLine = title
    ? `Paper: ${field("url") ? `[${escapeMarkdown(title)}](${field("url")})` : escapeMarkdown(title)}${field("published_date") ? ` (${field("published_date")})` : ""}`
    : "_No paper._";
  return [
    `**${escapeMarkdown(untitled && title ? title : node.title)}** (breakdown)`,
    trail ? escapeMarkdown(trail) : "",
    paperLine,
    explanation ? truncate(explanation) : "_No Explanation._",
    [
      count(services.workspace.childFolders(node.folder).length, "child", "children"),
      node.file ? problemsFact(node.file, services) : `no \`${node.fileName}\` in the folder`,
    ].join(" · "),
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** A page's card: its frontmatter title (or first heading, or file name), its path and summary, its problems. */
function fileCard(path: string, services: CoreServices): string {
  const context = contextOfFile(path, services);
  const data = frontmatterData(context);
  const title = stringField(data, "title") ?? context?.parsed.outline.headings[0]?.text ?? basename(path);
  const summary = stringField(data, "llmSummary") ?? stringField(data, "description");
  return [
    `**${escapeMarkdown(title)}**`,
    `\`${workspacePath(path, services)}\``,
    ...(summary ? [truncate(summary)] : []),
    ...(context ? [problemsFact(path, services)] : []),
  ].join("\n\n");
}

function papersFact(node: MapNode, services: CoreServices): string {
  const path = services.workspace.findFile(node.folder, "papers.json");
  const papers = path ? readJson(services, path) : undefined;
  return count(Array.isArray(papers) ? papers.length : 0, "paper", "papers");
}

/** The errors and warnings of the file's last validation. */
function problemsFact(path: string, services: CoreServices): string {
  const { errors, warnings } = problemCounts(path, services);
  if (errors === 0 && warnings === 0) return "no errors or warnings";
  return [count(errors, "error", "errors"), count(warnings, "warning", "warnings")].join(", ");
}

function count(value: number, one: string, many: string): string {
  return `${value === 0 ? "no" : value} ${value === 1 ? one : many}`;
}

/** Escapes the characters that would format a title or name instead of showing it. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, "\\$&");
}
