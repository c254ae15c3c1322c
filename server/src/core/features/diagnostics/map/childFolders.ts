import type { MarkdownContext } from "../../../model/markdownContext";
import { joinPath } from "../../../paths";
import { type NodeFolder, nodeFolderOf } from "../../../workspace/maps";
import { isSkippedFolderName } from "../../../workspace/workspace";

/** A node's sub-folders as the checks weigh them: which the author means as children, which have their file. */
export interface ChildFolders {
  /** Every sub-folder, as the builder lists them (hidden ones too). */
  all: Set<string>;
  /** The sub-folders meant as children: not hidden, not node_modules. */
  meant: string[];
  /** Sub-folders with the file the builder reads. */
  withFile: Set<string>;
}

export function childFoldersOf(context: MarkdownContext, node: NodeFolder): ChildFolders {
  const { builder, maps, workspace } = context.services;
  const all = builder.sortedFolders(node.folder);
  const withFile = new Set(
    all.filter((name) => {
      const path = workspace.findEntry(node.folder, name) ?? joinPath(node.folder, name);
      // A hidden folder is no node to kb-author's index, but the builder reads it as any other.
      const child = maps.nodeFolder(path) ?? nodeFolderOf(path, name, node.map, node);
      return workspace.hasFile(child.folder, child.fileName);
    }),
  );
  return { all: new Set(all), meant: all.filter((name) => !isSkippedFolderName(name)), withFile };
}

/** A list of names for a message: the first eight, then how many more. */
export function describeNames(names: readonly string[]): string {
  if (names.length === 0) return "none";
  const shown = names.slice(0, 8).map((name) => `\`${name}\``);
  return shown.join(", ") + (names.length > 8 ? `, and ${names.length - 8} more` : "");
}
