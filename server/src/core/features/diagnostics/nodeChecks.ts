import { nodeFolderName } from "../../../shared/nodeNames";
import { basename } from "../../paths";
import type { Problem } from "../../problem";
import type { MarkdownContext } from "../../model/markdownContext";
import { testLinear } from "../../linearRegExp";

/** The node's folder name, and Markdown files in a node folder that are not the node's own file. */
export function checkNode(context: MarkdownContext): Problem[] {
  const node = context.nodeFolder;
  if (!node) return [];
  const range = context.parsed.lines.lineRange(0);
  const fileName = basename(context.path).normalize("NFC");
  const expected = node.fileName;
  if (fileName !== expected) {
    // The builder reads only the folder's own file: beside it, this one is ignored; without it, the node is dropped.
    if (context.services.workspace.hasFile(node.folder, expected)) {
      return [
        {
          code: "node/ignored-file",
          range,
          message: `The map builder reads only \`${expected}\` in this folder: \`${fileName}\` is not published.`,
        },
      ];
    }
    return [
      {
        code: "node/file-name",
        range,
        message: `The map builder reads \`${expected}\` in this folder, and there is none: the node and everything below it are dropped. Name this file \`${expected}\`.`,
        data: { expected },
      },
    ];
  }
  if (
    !context.config.nodeNamePatternConfigured ||
    testLinear(context.config.nodeNamePattern, node.name) !== false
  )
    return [];
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
