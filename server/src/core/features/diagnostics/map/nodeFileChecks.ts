import type { Range } from "vscode-languageserver-types";
import type { BuilderChildren } from "../../../map/builderView";
import { contentLine } from "../../../map/nodeReading";
import type { MarkdownContext } from "../../../model/markdownContext";
import { joinPath } from "../../../paths";
import type { Problem } from "../../../problem";
import type { NodeFolder } from "../../../workspace/maps";
import { isSkippedFolderName } from "../../../workspace/workspace";
import type { ChildFolders } from "./childFolders";

/**
 * Child folders without the file the builder reads: a node's is dropped with its whole subtree; in a
 * breakdown node every sub-folder is read as a breakdown, so one without its file stops the build.
 */
export function checkChildFiles(
  context: MarkdownContext,
  node: NodeFolder,
  children: BuilderChildren,
  folders: ChildFolders,
): Problem[] {
  const { maps } = context.services;
  const visited = new Set(children.names);
  const candidates = node.breakdownNode
    ? [...folders.all]
    : folders.meant.filter((name) => visited.has(name));
  const problems: Problem[] = [];
  for (const name of [...new Set(children.names)].filter(
    (child) => folders.all.has(child) && isSkippedFolderName(child),
  )) {
    if (!folders.withFile.has(name)) continue;
    problems.push({
      code: "node/hidden-folder",
      range: placeOfChild(context, children, name),
      message: `The hidden folder \`${name}\` has its \`.md\`, so the map builder publishes it as a ${node.breakdownNode ? "breakdown" : "node"} titled \`${name.replace(/_/g, " ")}\`: move it out of the map, or remove its Markdown file.`,
    });
  }
  for (const name of candidates) {
    if (folders.withFile.has(name)) continue;
    // An empty folder (one just made in the explorer) is not in git, so not in the published map's source.
    const onDisk = context.services.workspace.findEntry(node.folder, name);
    if (onDisk && context.services.workspace.readDirectory(onDisk).length === 0) continue;
    const fileName = maps.nodeFolder(joinPath(node.folder, name))?.fileName ?? `${name}.md`;
    problems.push({
      code: "node/file-name",
      range: placeOfChild(context, children, name),
      message: node.breakdownNode
        ? `The breakdown folder \`${name}\` has no \`${fileName}\`: the builder reads every sub-folder of a breakdown node as a breakdown, so the map build stops.`
        : `The folder \`${name}\` has no \`${fileName}\`: the builder drops it and everything below it.`,
      data: { child: name },
    });
  }
  return problems;
}

/** Where a child is named: its Order entry, else the Order's heading, else the first line. */
function placeOfChild(context: MarkdownContext, children: BuilderChildren, name: string): Range {
  const { lines } = context.parsed;
  const order = children.reading.orders[children.reading.orders.length - 1];
  if (!order) return lines.lineRange(0);
  const item = order.reading.list.items.find(
    (candidate) => candidate.text === name && candidate.line !== undefined,
  );
  return lines.lineRange(item ? contentLine(order.section, item.line!) : order.section.headingLine);
}
