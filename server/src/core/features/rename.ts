import { findNodeAtLocation } from "jsonc-parser";
import { parseJsonTree } from "../json/jsonDocument";
import type { Position, Range } from "vscode-languageserver-types";
import { checkNodeName, nodeDisplayName } from "../../shared/nodeNames";
import { findLinks } from "../document/links";
import { LineIndex } from "../document/lineIndex";
import type { OutlineHeading } from "../document/outline";
import type { MarkdownContext } from "../model/markdownContext";
import { basename, dirname, joinPath, nfc } from "../paths";
import type { MapNode } from "../workspace/nodeIndex";
import { type NodeFolder, nodeFolderOf } from "../workspace/maps";
import type { CoreServices } from "../model/services";
import { contextOfFile } from "../model/fileContext";
import { type FolderRename, linkTextRange, rewriteLink } from "./linkRewrite";
import { nodeOfFile, targetOfLink } from "../model/linkTargets";
import { contains, linkAt, nodeOfOrderEntry, orderEntryAt, orderOf, sectionsOf } from "../model/locate";
import { type EditOutcome, entryNames, refuse, renameFile, TextEditsByFile } from "./workspaceEdits";
import { testLinear } from "../linearRegExp";

/** What F2 offers to rename: the range of the name under the cursor, and the node's folder name to edit. */
export interface RenamePlace {
  range: Range;
  placeholder: string;
}

/**
 * The node name under the cursor: a node's Order entry in its parent, a link to a node (its folder
 * segment when the cursor is in the target, its text otherwise), or the node file's title heading
 * (its first heading, when that is not one of the kind's sections).
 */
export function prepareRename(
  context: MarkdownContext,
  position: Position,
  services: CoreServices,
): RenamePlace | undefined {
  const subject = subjectAt(context, position, services);
  return subject && { range: subject.range, placeholder: subject.node.name };
}

/**
 * Renames the node under the cursor as one edit: its file `Old/Old.md` -> `Old/New.md`, then its
 * folder `Old/` -> `New/`, after the text edits (made on the files' present paths): the parent's Order
 * entry, every link across the workspace whose target passes through the folder (absolute or
 * relative, to the node or below it; link texts that spell the old name follow), the node's title
 * heading, and meta.json's `rootDir` for a map's root. Undefined when the cursor is on no node name.
 */
export function provideRename(
  context: MarkdownContext,
  position: Position,
  newName: string,
  services: CoreServices,
): EditOutcome | undefined {
  const subject = subjectAt(context, position, services);
  return subject && renameNode(subject.node, newName, services);
}

/** The edit that renames a node folder and its file and updates everything that names them. */
function renameNode(node: MapNode, input: string, services: CoreServices): EditOutcome {
  const { workspace, configs } = services;
  if (workspace.roots.includes(node.folder))
    return refuse(`${node.name} is a workspace folder: rename it outside the editor.`);
  const container = dirname(node.folder);
  const pattern = configs.configFor(node.file ?? joinPath(node.folder, node.fileName)).nodeNamePattern;
  const check = checkNodeName(input, {
    pattern,
    matchesPattern: (name) => testLinear(pattern, name) !== false,
    siblings: entryNames(services, container),
    current: node.name,
    breakdownsIdentifier: node.role === "node" ? node.map.breakdownsIdentifier : undefined,
  });
  if (check.error !== undefined) return refuse(check.error);
  const name = check.name;
  const renamed = nodeFolderOf(
    joinPath(container, name),
    name,
    node.map,
    services.maps.nodeFolder(container),
  );
  const newFile = joinPath(node.folder, renamed.fileName);
  const clash = workspace.findFile(node.folder, renamed.fileName);
  if (clash !== undefined && clash !== node.file)
    return refuse(`${node.name}/${basename(clash)} already exists: kb-author never overwrites it.`);
  const notes = [check.note, roleChange(node, renamed)].filter((note) => note !== undefined);

  const edits = new TextEditsByFile();
  const isRoot = node.parentFolder === undefined;
  if (isRoot && node.map.metaPath !== undefined) {
    const problem = editRootDir(node, name, services, edits);
    if (problem) return refuse(problem);
  }
  if (!isRoot) listedAs(node, name, services, edits);
  retitle(node, renamed, services, edits);
  const folderRename = {
    folder: node.folder,
    oldName: node.name,
    newName: name,
    oldFileName: node.fileName,
    newFileName: renamed.fileName,
  };
  relink(folderRename, node, renamed, services, edits);

  const documentChanges = [
    ...edits.documentEdits(),
    ...(node.file ? [renameFile(node.file, newFile)] : []),
    renameFile(node.folder, joinPath(container, name)),
  ];
  return { ok: true, edit: { documentChanges }, notes };
}

/** What the builder will read differently when a rename adds or removes the breakdowns identifier. */
function roleChange(node: MapNode, renamed: NodeFolder): string | undefined {
  const identifier = `\`${node.map.breakdownsIdentifier}\``;
  if (node.breakdownNode && !renamed.breakdownNode)
    return `${renamed.name} does not end with the breakdowns identifier ${identifier}: the map builder will read it as an ordinary node, and its breakdowns as child nodes.`;
  if (!node.breakdownNode && renamed.breakdownNode)
    return `${renamed.name} ends with the breakdowns identifier ${identifier}: the map builder will read it as a breakdown node (its file ${renamed.fileName}, its sub-folders breakdowns).`;
  return undefined;
}

interface RenameSubject {
  node: MapNode;
  range: Range;
}

function subjectAt(
  context: MarkdownContext,
  position: Position,
  services: CoreServices,
): RenameSubject | undefined {
  const entry = orderEntryAt(context, position);
  if (entry && entry.name !== "" && contains(entry.range, position)) {
    const node = nodeOfOrderEntry(context, entry, services);
    return node && { node, range: entry.nameRange };
  }
  const link = linkAt(context, position);
  if (link) {
    const node = targetOfLink(context.path, link.target, services)?.node;
    if (!node) return undefined;
    if (contains(link.targetRange, position)) {
      const rewrite = rewriteLink(context.path, link, folderOf(node), services.maps, services.workspace);
      const segment = rewrite?.edits.find((edit) => contains(edit.range, position)) ?? rewrite?.edits[0];
      return { node, range: segment?.range ?? link.targetRange };
    }
    return { node, range: linkTextRange(context.parsed.lines, link) ?? link.range };
  }
  const heading = titleHeading(context);
  if (heading && heading.line === position.line) {
    const node = nodeOfFile(context.path, services);
    return node && { node, range: heading.textRange };
  }
  return undefined;
}

function folderOf(node: MapNode): FolderRename {
  return {
    folder: node.folder,
    oldName: node.name,
    newName: node.name,
    oldFileName: node.fileName,
    newFileName: node.fileName,
  };
}

/** A map node file's first heading when it is a title (`# Treaty Frameworks`), not one of its sections. */
function titleHeading(context: MarkdownContext): OutlineHeading | undefined {
  const first = context.parsed.outline.headings[0];
  if (!first || context.kind !== "map-node") return undefined;
  const isSection = sectionsOf(context).some((section) => section.heading === first && section.rule);
  return isSection ? undefined : first;
}

/** The parent's Order entries that name the node. */
function listedAs(node: MapNode, name: string, services: CoreServices, edits: TextEditsByFile): void {
  const parent = services.nodes.byFolder(node.parentFolder!);
  const context = parent?.file ? contextOfFile(parent.file, services) : undefined;
  for (const entry of (context && orderOf(context)?.entries) ?? []) {
    if (entry.name === node.name) edits.add(context!.path, entry.nameRange, name);
  }
}

/** The node file's title heading, when it spells the old name (with spaces or underscores). */
function retitle(node: MapNode, renamed: NodeFolder, services: CoreServices, edits: TextEditsByFile): void {
  const context = node.file ? contextOfFile(node.file, services) : undefined;
  const heading = context && titleHeading(context);
  const title = heading && respelt(heading.text, node, renamed);
  if (title !== undefined) edits.add(node.file!, heading!.textRange, title);
}

/**
 * A text that names the node (its title `Old Name` or folder name `Old_Name`) in the new name's same form
 * (a breakdown node's title is its file's name: `Old.` is titled `Old`).
 */
function respelt(text: string, node: MapNode, renamed: NodeFolder): string | undefined {
  const normalized = nfc(text.trim());
  if (normalized === node.title) return nodeDisplayName(renamed.fileName.slice(0, -".md".length));
  if (normalized === node.name) return renamed.name;
  return undefined;
}

/** Every link of the workspace whose target passes through the folder. */
function relink(
  rename: FolderRename,
  node: MapNode,
  renamed: NodeFolder,
  services: CoreServices,
  edits: TextEditsByFile,
): void {
  const { workspace, configs, maps } = services;
  const spellings = new Set([
    rename.oldName,
    rename.oldName.normalize("NFD"),
    basename(rename.folder),
    rename.oldName.replace(/_/g, "\\_"),
  ]);
  for (const file of services.listMarkdownFiles()) {
    const source = workspace.readText(file, configs.configFor(file).maxFileSize);
    if (!source.ok) continue;
    // A link through the folder spells its name (perhaps `\_`-escaped), unless percent-encoded: skip
    // other files unparsed.
    const text = source.text;
    if (![...spellings].some((spelling) => text.includes(spelling)) && !text.includes("%")) continue;
    const parsed = workspace.parsedMarkdown(file, text, source.version);
    for (const link of findLinks(parsed)) {
      const rewrite = rewriteLink(file, link, rename, maps, workspace);
      if (!rewrite) continue;
      for (const edit of rewrite.edits) edits.add(file, edit.range, edit.newText);
      const textRange = rewrite.toNode ? linkTextRange(parsed.lines, link) : undefined;
      const newText = textRange && respelt(link.text, node, renamed);
      if (newText !== undefined) edits.add(file, textRange!, newText);
    }
  }
}

/** meta.json's `rootDir`, which names a map's root folder. Returns why it cannot be edited, if so. */
function editRootDir(
  node: MapNode,
  name: string,
  services: CoreServices,
  edits: TextEditsByFile,
): string | undefined {
  const metaPath = node.map.metaPath!;
  const source = services.workspace.readText(metaPath, services.configs.configFor(metaPath).maxFileSize);
  const tree = source.ok ? parseJsonTree(source.text) : undefined;
  const value = tree && findNodeAtLocation(tree, ["rootDir"]);
  if (!source.ok || !value || typeof value.value !== "string")
    return `${metaPath} cannot be read: its rootDir names the root folder, so the root cannot be renamed.`;
  const rootDir: string = value.value;
  // `s`: a rootDir may hold U+2028, which `.` would not match.
  const match = /^(\.\/)?(.*?)(\/*)$/s.exec(rootDir)!;
  if (nfc(match[2]) !== node.name) {
    return `meta.json's rootDir ("${rootDir}") is not simply the root folder's name: rename the folder and edit rootDir by hand.`;
  }
  const lines = new LineIndex(source.text);
  edits.add(
    metaPath,
    lines.rangeOfOffsets(value.offset, value.offset + value.length),
    JSON.stringify((match[1] ?? "") + name + match[3]),
  );
  return undefined;
}
