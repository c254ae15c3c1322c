import type { Diagnostic } from "vscode-languageserver-types";
import {
  bodyCommentForm,
  type CommentForm,
  findSuppressionComments,
  type SuppressionComment,
  type SuppressionScope,
} from "../diagnostics/suppression";
import { editableLines, type Fix, type FixContext, fixFromText } from "./fixTypes";
import type { TextLines } from "./textLines";

/**
 * "Disable CODE for this line" and "Disable CODE for this file": a suppression comment (or the code
 * added to the one already there). The line form is not offered on the first line (nothing can come
 * before it) nor on a frontmatter delimiter.
 */
export function suppressionFixes(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const code = typeof diagnostic.code === "string" ? diagnostic.code : undefined;
  if (!code) return [];
  const comments = findSuppressionComments(fix.context.parsed);
  return [...disableForLine(diagnostic, code, fix, comments), ...disableForFile(code, fix, comments)];
}

function disableForLine(
  diagnostic: Diagnostic,
  code: string,
  fix: FixContext,
  comments: SuppressionComment[],
): Fix[] {
  const line = diagnostic.range.start.line;
  const { frontmatter, lines: index } = fix.context.parsed;
  let form: CommentForm;
  if (line === 0 || breaksBuilderList(fix, line) || insideTag(fix, line)) return [];
  if (frontmatter && (frontmatter.bodyStartLine === undefined || line < frontmatter.bodyStartLine - 1))
    form = "yaml";
  else if (frontmatter && line === frontmatter.bodyStartLine! - 1) return [];
  else form = bodyCommentForm(fix.context.path);
  const title = `Disable ${code} for this line`;
  const lines = editableLines(fix);
  const existing = comments.find(
    (comment) => comment.scope === "next-line" && comment.line === line - 1 && comment.form === form,
  );
  if (existing?.codes) {
    addCode(lines, existing, code);
    return fixFromText(title, lines, false);
  }
  const indent = form === "yaml" ? (index.lines[line].match(/^ */)?.[0] ?? "") : "";
  lines.insert(line, [indent + comment(form, "next-line", code)]);
  return fixFromText(title, lines, false);
}

/**
 * Whether a comment line above `line` would change what the map builder reads: in an Order, Questions or
 * Related Nodes list, a comment as the first line makes a numbered list a bulleted one (the builder then
 * drops every numbered entry), and one above an indented line cuts that line from its item. There, only
 * the file-level form is offered.
 */
function breaksBuilderList(fix: FixContext, line: number): boolean {
  const node = fix.context.nodeFolder;
  if (fix.context.kind !== "map-node" || !node) return false;
  // In a code fence or comment the comment would be text, not a comment.
  if (fix.context.parsed.outline.isOpaqueLine(line)) return true;
  const reading = fix.services.builder.reading(node, fix.context.parsed.lines.text);
  const paper = reading?.paper?.section;
  // A comment line in a Paper's JSON makes it invalid JSON: the build would stop.
  if (paper && line > paper.headingLine && line < paper.endLine) return true;
  const section = reading?.lists.find(
    ({ section }) => line >= section.contentStart.line && line < section.endLine,
  )?.section;
  if (!section) return false;
  return line === section.contentStart.line || /^\s/.test(fix.context.parsed.lines.lines[line]);
}

/**
 * Whether the line continues a tag that starts above it (`<EntityLink` then `  id="x">`): a comment line
 * there would sit among the tag's attributes, and the page would no longer compile.
 */
function insideTag(fix: FixContext, line: number): boolean {
  const { lines, outline } = fix.context.parsed;
  let above = "";
  for (let previous = line - 1; previous >= outline.bodyStartLine; previous--) {
    const text = lines.lines[previous];
    if (text.trim() === "" || outline.isOpaqueLine(previous)) break;
    above = text + "\n" + above;
  }
  const lastTag = above.search(/<[A-Za-z/_$][^<]*$/);
  return lastTag !== -1 && !above.slice(lastTag).includes(">");
}

function disableForFile(code: string, fix: FixContext, comments: SuppressionComment[]): Fix[] {
  const { frontmatter } = fix.context.parsed;
  const title = `Disable ${code} for this file`;
  const lines = editableLines(fix);
  const existing = comments.find((comment) => comment.scope === "file" && comment.codes);
  if (existing) {
    addCode(lines, existing, code);
    return fixFromText(title, lines, false);
  }
  if (frontmatter && frontmatter.bodyStartLine === undefined) {
    // An unclosed frontmatter holds the whole file: a YAML comment is the only comment it can take.
    lines.insert(1, [comment("yaml", "file", code)]);
  } else {
    lines.insert(frontmatter?.bodyStartLine ?? 0, [comment(bodyCommentForm(fix.context.path), "file", code)]);
  }
  return fixFromText(title, lines, false);
}

function addCode(lines: TextLines, existing: SuppressionComment, code: string): void {
  const text = lines.lines[existing.line];
  lines.replace(existing.line, text.slice(0, existing.codesEnd) + " " + code + text.slice(existing.codesEnd));
}

function comment(form: CommentForm, scope: SuppressionScope, code: string): string {
  const directive = scope === "file" ? "kb-author-disable" : "kb-author-disable-next-line";
  switch (form) {
    case "html":
      return `<!-- ${directive} ${code} -->`;
    case "mdx":
      return `{/* ${directive} ${code} */}`;
    case "yaml":
      return `# ${directive} ${code}`;
  }
}
