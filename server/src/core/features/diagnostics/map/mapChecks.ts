import type { MarkdownContext } from "../../../model/markdownContext";
import { basename, nfc } from "../../../paths";
import type { Problem } from "../../../problem";
import { checkBreakdownPaper } from "./breakdownChecks";
import { childFoldersOf } from "./childFolders";
import { checkLists } from "./listChecks";
import { checkChildFiles } from "./nodeFileChecks";
import { checkOrders } from "./orderChecks";
import { checkRelatedLinks } from "./relatedChecks";
import { checkMapSections } from "./sectionChecks";

/**
 * Every check of a map's node or breakdown file, as the map builder reads it (undefined when the file is
 * not the one the builder reads for its folder). Returns the lines of the Related Nodes links it judged.
 */
export function checkMapFile(
  context: MarkdownContext,
): { problems: Problem[]; relatedLines: Set<number> } | undefined {
  const node = context.nodeFolder;
  if (!node || context.kind !== "map-node" || nfc(basename(context.path)) !== node.fileName) return undefined;
  const children = context.services.builder.children(node, context.parsed.lines.text);
  if (!children) return undefined;
  const { reading } = children;
  const folders = childFoldersOf(context, node);
  const related = checkRelatedLinks(context, node, reading);
  const problems = [
    ...checkMapSections(context, node, reading, folders.meant),
    ...checkOrders(context, node, children, folders),
    ...checkChildFiles(context, node, children, folders),
    ...checkLists(context, reading),
    ...checkBreakdownPaper(context, reading),
    ...related.problems,
  ];
  return { problems, relatedLines: related.lines };
}
