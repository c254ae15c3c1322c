import { parse as parseJsonc } from "jsonc-parser";
import { DiagnosticSeverity } from "vscode-languageserver-types";
import type { MarkdownContext } from "../documentContext";
import { basename, relativePath } from "../paths";
import type { MapNode } from "../workspace/nodeIndex";
import { contextOfFile } from "./fileContext";
import type { FeatureServices } from "./featureServices";
import type { Target } from "./linkTargets";
import { firstParagraphOf } from "./locate";
import { trailOf } from "./nodeTrail";

/** Summaries longer than this are cut: a hover card is a glance, not the page. */
const maxSummaryLength = 600;

/** The hover card of whatever an Order entry or a link leads to: a node, a page, or a plain file. */
export function targetCard(target: Target, services: FeatureServices): string {
  if (target.node) return nodeCard(target.node, services);
  return target.isFolder
    ? `Folder \`${workspacePath(target.path, services)}\``
    : fileCard(target.path, services);
}

/**
 * A node's card: its title, the breadcrumb of its ancestors, its Mini Description, its numbers of
 * children and papers, and the problems last found in its file.
 */
function nodeCard(node: MapNode, services: FeatureServices): string {
  const trail = trailOf(node, services.nodes);
  const summary = miniDescription(node, services);
  const facts = [
    count(services.workspace.childFolders(node.folder).length, "child", "children"),
    papersFact(node, services),
    node.file ? problemsFact(node.file, services) : `no \`${node.name}.md\` in the folder`,
  ];
  return [
    `**${escapeMarkdown(node.title)}**`,
    trail ? escapeMarkdown(trail) : "Root of the map",
    summary ?? "_No Mini Description._",
    facts.join(" · "),
  ].join("\n\n");
}

/** A page's card: its frontmatter title (or first heading, or file name), its path and summary, its problems. */
function fileCard(path: string, services: FeatureServices): string {
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

/** The first paragraph of the node's Mini Description (truncated); for a map's root, meta.json's cover description. */
export function miniDescription(node: MapNode, services: FeatureServices): string | undefined {
  const context = node.file ? contextOfFile(node.file, services) : undefined;
  const paragraph = context && firstParagraphOf(context, "Mini Description");
  if (paragraph) return truncate(paragraph);
  const cover = coverDescription(node, services);
  return cover === undefined ? undefined : truncate(cover);
}

/** meta.json's `coverRootDescription`, which stands in for a map root's Mini Description. */
export function coverDescription(node: MapNode, services: FeatureServices): string | undefined {
  if (node.parentFolder !== undefined || !node.map.metaPath) return undefined;
  const cover = readJson(services, node.map.metaPath) as { coverRootDescription?: unknown } | undefined;
  return typeof cover?.coverRootDescription === "string" ? cover.coverRootDescription : undefined;
}

function papersFact(node: MapNode, services: FeatureServices): string {
  const path = services.workspace.findFile(node.folder, "papers.json");
  const papers = path ? readJson(services, path) : undefined;
  return count(Array.isArray(papers) ? papers.length : 0, "paper", "papers");
}

/** The numbers of errors and warnings of the file's last validation. */
export function problemCounts(path: string, services: FeatureServices): { errors: number; warnings: number } {
  const diagnostics = services.diagnosticsOf(path);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error).length;
  const warnings = diagnostics.filter(
    (diagnostic) => diagnostic.severity === DiagnosticSeverity.Warning,
  ).length;
  return { errors, warnings };
}

/** The errors and warnings of the file's last validation. */
function problemsFact(path: string, services: FeatureServices): string {
  const { errors, warnings } = problemCounts(path, services);
  if (errors === 0 && warnings === 0) return "no errors or warnings";
  return [count(errors, "error", "errors"), count(warnings, "warning", "warnings")].join(", ");
}

/** A JSON file's value (comments tolerated); undefined when it cannot be read. */
export function readJson(services: FeatureServices, path: string): unknown {
  const source = services.workspace.readText(path, services.configs.configFor(path).maxFileSize, false);
  return source.ok ? (parseJsonc(source.text) as unknown) : undefined;
}

export function frontmatterData(context: MarkdownContext | undefined): Record<string, unknown> | undefined {
  const value = context?.parsed.frontmatter?.value;
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function stringField(data: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = data?.[key];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** A path relative to its workspace root, as a user reads it. */
export function workspacePath(path: string, services: FeatureServices): string {
  const root = services.workspace.rootOf(path);
  return root ? relativePath(root, path) || basename(path) : path;
}

function count(value: number, one: string, many: string): string {
  return `${value === 0 ? "no" : value} ${value === 1 ? one : many}`;
}

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= maxSummaryLength ? flat : flat.slice(0, maxSummaryLength - 1).trimEnd() + "…";
}

/** Escapes the characters that would format a title or name instead of showing it. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, "\\$&");
}
