import { nodeFolderName } from "../../../shared/nodeNames";
import { basename } from "../../paths";
import type { Problem } from "../../problem";
import type { MarkdownContext } from "../../model/markdownContext";

/** The node's folder name, and Markdown files in a node folder that are not the node's own file. */
export function checkNode(context: MarkdownContext): Problem[] {
  const node = context.nodeFolder;
  if (!node) return [];
  const range = context.parsed.lines.lineRange(0);
  const fileName = basename(context.path).normalize("NFC");
  const expected = node.name + ".md";
  if (fileName !== expected) {
    return [
      {
        code: "node/file-name",
        range,
        message: `A node folder holds one Markdown file named after it: \`${expected}\`, not \`${fileName}\`.`,
        data: { expected },
      },
    ];
  }
  if (new RegExp(context.config.nodeNamePattern, "u").test(node.name)) return [];
  const suggestion = nodeFolderName(node.name).replace(/[^\p{L}\p{N}_-]/gu, "");
  return [
    {
      code: "node/name",
      range,
      message: `The folder name \`${node.name}\` is not allowed in this map (allowed: ${context.config.nodeNamePattern})${
        suggestion && suggestion !== node.name ? `; for example \`${suggestion}\`` : ""
      }.`,
    },
  ];
}
