import type { CompletionList, Position } from "vscode-languageserver-types";
import type { MarkdownContext } from "../model/markdownContext";
import type { CoreServices } from "../model/services";
import { frontmatterCompletions, isInFrontmatter } from "./completion/frontmatterCompletion";
import { linkCompletions } from "./completion/linkCompletion";
import { isInOrder, orderCompletions } from "./completion/orderCompletion";
import { isHeadingStart, sectionCompletions } from "./completion/sectionCompletion";
import { completionList, cursorLine } from "./completion/text";
import { referenceCompletions } from "./referenceFeatures";

/**
 * Completion of frontmatter keys and values, section headings, Order entries and node links,
 * chosen by where the cursor is: in the frontmatter; in a link; at the start of a heading line; on a
 * line of the Order (an empty line there is an entry to come, not a heading).
 */
export function provideCompletions(
  context: MarkdownContext,
  position: Position,
  services: CoreServices,
): CompletionList {
  const ids = referenceCompletions(context, position);
  if (ids) return completionList(ids);
  const cursor = cursorLine(context, position);
  const { line } = cursor.position;
  if (isInFrontmatter(context, line)) return completionList(frontmatterCompletions(context, cursor));
  const { outline } = context.parsed;
  if (line < outline.bodyStartLine || outline.isOpaqueLine(line)) return completionList([]);
  const links = linkCompletions(context, cursor, services);
  if (links) return links;
  const inOrder = isInOrder(context, line);
  if (isHeadingStart(cursor) && !(inOrder && cursor.before.trim() === "")) {
    return completionList(sectionCompletions(context, cursor));
  }
  return completionList(inOrder ? orderCompletions(context, cursor, services) : []);
}
