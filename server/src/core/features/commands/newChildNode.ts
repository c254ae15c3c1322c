import type { Position, Range } from "vscode-languageserver-types";
import { checkNodeName, type NameCheck } from "../../../shared/nodeNames";
import type { KindSettings } from "../../config/configTypes";
import type { MarkdownContext } from "../../model/markdownContext";
import { joinPath } from "../../paths";
import type { MapNode } from "../../workspace/nodeIndex";
import { type NodeFolder, nodeFolderOf } from "../../workspace/maps";
import { breakdownSettings } from "../../config/defaults";
import { mostNodesHave } from "../../map/builderView";
import type { CoreServices } from "../../model/services";
import { contextOfFile } from "../../model/fileContext";
import { nodeOfFile } from "../../model/linkTargets";
import { orderOf } from "../../model/locate";
import { createFileWithText, type EditOutcome, entryNames, refuse, TextEditsByFile } from "../workspaceEdits";
import { testLinear } from "../../linearRegExp";

/**
 * New Child Node: creates `Name/Name.md` under a node from the kind's template (the sections a new leaf
 * is expected to have, each with its template text; under a breakdown node, a breakdown with its
 * Explanation) and appends `N. Name` to the node's Order, creating the Order section at the end of the
 * file when it has none. `parent` is the node's file or folder.
 */
export function newChildNode(parent: string, input: string, services: CoreServices): EditOutcome {
  const node = parentNode(parent, services);
  if (!node) return refuse(notANode(parent));
  if (!node.file) return refuse(`The node folder ${node.name} has no ${node.fileName} to list a child in.`);
  const context = contextOfFile(node.file, services);
  if (!context || context.kind !== "map-node") return refuse(`${node.file} cannot be read as a map node.`);
  const check = checkChildName(node, input, services);
  if (check.error !== undefined) return refuse(check.error);
  const name = check.name;
  const folder = services.maps.nodeFolder(node.folder);
  const child = folder && nodeFolderOf(joinPath(node.folder, name), name, folder.map, folder);
  const file = joinPath(node.folder, name, child?.fileName ?? name + ".md");
  const template =
    child?.role === "breakdown"
      ? breakdownTemplate()
      : nodeTemplate(services.configs.configFor(file).kinds["map-node"], mostOfMapHave(folder, services));
  const order = new TextEditsByFile();
  const insertion = orderInsertion(context, name);
  order.add(node.file, { start: insertion.at, end: insertion.at }, insertion.text);
  const notes = [check.note, insertion.note].filter((note) => note !== undefined);
  return {
    ok: true,
    edit: { documentChanges: [...createFileWithText(file, template.text), ...order.documentEdits()] },
    notes,
    open: file,
    selection: template.selection,
  };
}

/** Whether most of the map's nodes have a section (Mini Description, Description). */
function mostOfMapHave(folder: NodeFolder | undefined, services: CoreServices): (heading: string) => boolean {
  const usage = folder && services.builder.usageOf(folder);
  return (heading) => usage !== undefined && mostNodesHave(usage, heading);
}

/**
 * Checks a name for a new child of a node (the map's pattern, no existing entry of that name). A child of a
 * node may be a breakdown node (`Name.`); a breakdown node's children are breakdowns, named freely.
 */
export function checkChildName(node: MapNode, input: string, services: CoreServices): NameCheck {
  const pattern = services.configs.configFor(joinPath(node.folder, node.fileName)).nodeNamePattern;
  const breakdownsIdentifier = node.breakdownNode ? undefined : node.map.breakdownsIdentifier;
  return checkNodeName(input, {
    pattern,
    matchesPattern: (name) => testLinear(pattern, name) !== false,
    siblings: entryNames(services, node.folder),
    breakdownsIdentifier,
  });
}

/** The node a path names: a node folder, or a node's `Name/Name.md`. */
export function parentNode(path: string, services: CoreServices): MapNode | undefined {
  return services.workspace.isDirectory(path) ? services.nodes.byFolder(path) : nodeOfFile(path, services);
}

export function notANode(path: string): string {
  return `${path} is not a map node: choose a node's folder or its Name/Name.md file.`;
}

/** The text of a new leaf node: the sections a leaf must have, each with its template. */
function nodeTemplate(
  settings: KindSettings,
  mostNodesHave: (heading: string) => boolean,
): { text: string; selection?: Range } {
  // The sections a new leaf is expected to have: the required ones, and those most of the map's nodes have.
  const required = settings.sections.rules.filter(
    (rule) =>
      rule.presence === "required" ||
      rule.presence === "required-except-on-root" ||
      (rule.presence === "usual" && rule.template !== undefined && mostNodesHave(rule.heading)),
  );
  let text = "";
  let selection: Range | undefined;
  for (const rule of required) {
    if (text !== "") text += "\n";
    text += `${"#".repeat(rule.level)} ${rule.heading}\n`;
    if (!rule.template) continue;
    const line = text.split("\n").length;
    text += `\n${rule.template}\n`;
    const lastLine = rule.template.split("\n").length - 1;
    const lastLength = rule.template.length - rule.template.lastIndexOf("\n") - 1;
    selection ??= { start: { line, character: 0 }, end: { line: line + lastLine, character: lastLength } };
  }
  return { text, selection };
}

/**
 * A new breakdown's text: its Explanation (a Paper is the author's to add: the breakdown node's Order can
 * then name it `Paper: "Title"`).
 */
function breakdownTemplate(): { text: string; selection: Range } {
  const explanation = breakdownSettings.sections.rules.find((rule) => rule.heading === "Explanation")!;
  const template = explanation.template!;
  return {
    text: `### Explanation\n\n${template}\n`,
    selection: { start: { line: 2, character: 0 }, end: { line: 2, character: template.length } },
  };
}

/** Where and what to insert to list a new child last in a node's Order, and what to tell of it. */
function orderInsertion(
  context: MarkdownContext,
  name: string,
): { at: Position; text: string; note?: string } {
  const { lines } = context.parsed;
  const eol = lines.text.includes("\r\n") ? "\r\n" : "\n";
  const endOf = (line: number): Position => ({ line, character: lines.lines[line].length });
  const order = orderOf(context);
  if (order && order.entries.length > 0) {
    const last = order.entries[order.entries.length - 1];
    const number = order.entries.length + 1;
    // The builder reads one-digit numbers only: a tenth entry keeps the child at its sorted place.
    const note =
      number > 9
        ? `The Order already lists ${order.entries.length} children: the map builder reads one-digit numbers only, so it skips \`${number}. ${name}\` and publishes ${name} at its sorted place among the children.`
        : undefined;
    return { at: endOf(last.line), text: `${eol}${number}. ${name}`, note };
  }
  if (order) {
    let line = order.section.endLine - 1;
    while (line > order.section.heading.line && lines.lines[line].trim() === "") line--;
    return { at: endOf(line), text: `${eol}${eol}1. ${name}` };
  }
  const rule = context.settings?.sections.rules.find((candidate) => candidate.heading === "Order");
  const section = `${"#".repeat(rule?.level ?? 3)} Order${eol}${eol}1. ${name}${eol}`;
  const lastLine = lines.lineCount - 1;
  const endsWithNewline = lines.lines[lastLine] === "";
  const endsWithBlankLine = endsWithNewline && lastLine > 0 && lines.lines[lastLine - 1].trim() === "";
  const separator = lines.text === "" || endsWithBlankLine ? "" : endsWithNewline ? eol : eol + eol;
  return { at: endOf(lastLine), text: separator + section };
}
