import { isNumberLine } from "../../../map/builderList";
import { contentLine, type NodeReading } from "../../../map/nodeReading";
import { pythonLstrip } from "../../../map/pythonText";
import type { MarkdownContext } from "../../../model/markdownContext";
import type { Problem } from "../../../problem";
import { blankLineProblem, isComment } from "./orderChecks";

/**
 * Questions and Related Nodes as the builder reads them (the Order has its own checks): an empty list or a
 * line of spaces under an item stops the build; question lines it does not take as items are dropped.
 */
export function checkLists(context: MarkdownContext, reading: NodeReading): Problem[] {
  const problems: Problem[] = [];
  const { lines } = context.parsed;
  for (const { section, reading: list } of reading.lists) {
    if (section.title === "Order") continue;
    if (list.crash?.reason === "empty") {
      problems.push({
        code: "list/empty",
        range: lines.lineRange(section.headingLine),
        message: `An empty \`### ${section.title}\` stops the map build: add its items, or remove the heading.`,
      });
      continue;
    }
    if (list.crash?.reason === "blank-after-item") {
      problems.push(blankLineProblem(context, contentLine(section, list.crash.line), section.title));
      continue;
    }
    if (section.title !== "Questions") continue;
    const itemLines = new Set(list.list.items.map((item) => item.line));
    const contentLines = section.content.split("\n");
    contentLines.forEach((text, index) => {
      const trimmed = text.trim();
      if (trimmed === "" || itemLines.has(index) || isComment(trimmed)) return;
      problems.push({
        code: "questions/dropped-line",
        range: lines.lineRange(contentLine(section, index)),
        message: `The builder drops this line from the questions: ${whyDropped(text, list.list.kind)}.`,
      });
    });
  }
  return problems;
}

function whyDropped(text: string, kind: "ordered" | "unordered"): string {
  const line = pythonLstrip(text);
  if (line.length < text.length) return "it is indented, so it is read as a sub-list, which is not published";
  if (kind === "ordered") {
    if (/^\d{2,}\. /.test(line)) return "it reads one-digit numbers only (questions 10 and up are lost)";
    return "the list is numbered (its first line is `1. ...`), so only `N. ` lines are questions";
  }
  if (isNumberLine(line))
    return "the list is bulleted (its first line is not `1. ...`), so only `- ` lines are questions";
  return "it is not a list item (`- ` or, in a numbered list, `N. `)";
}
