import type { ParsedMarkdown } from "../../document/parsedDocument";
import { extname } from "../../paths";
import type { Problem } from "../../problem";

/**
 * Suppression comments, on a line of their own:
 *
 * - `<!-- kb-author-disable-next-line CODE [CODE...] -->` silences those codes on the next line;
 * - `<!-- kb-author-disable CODE [CODE...] -->`, anywhere in the file (at the top by convention),
 *   silences them in the whole file;
 * - without codes, every code; text after ` -- ` is a free reason (`... section/empty -- on purpose`).
 *
 * MDX files write them `{/* kb-author-disable CODE *\/}` (an HTML comment is not valid MDX); in the
 * YAML frontmatter, `# kb-author-disable-next-line CODE` silences a code on the next key. Comments in
 * code fences are text, not comments.
 */
export type SuppressionScope = "next-line" | "file";
export type CommentForm = "html" | "mdx" | "yaml";

export interface SuppressionComment {
  /** The line of the comment. */
  line: number;
  scope: SuppressionScope;
  form: CommentForm;
  /** The codes it names; undefined for every code. */
  codes: string[] | undefined;
  /** Where the code list ends on the line (where a fix adds one more code). */
  codesEnd: number;
}

const html = /^(\s*<!--\s*kb-author-disable(-next-line)?)((?:\s+(?!--)[^\s>]+)*)(?:\s+--[^>]*?)?\s*-->\s*$/;
const mdx =
  /^(\s*\{\s*\/\*\s*kb-author-disable(-next-line)?)((?:\s+(?!--|\*\/)[^\s*]+)*)(?:\s+--.*?)?\s*\*\/\s*\}\s*$/;
const yaml = /^(\s*#\s*kb-author-disable(-next-line)?)((?:\s+(?!--)\S+)*)(?:\s+--.*)?\s*$/;
const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Every suppression comment of a document, in line order. */
export function findSuppressionComments(parsed: ParsedMarkdown): SuppressionComment[] {
  const { lines, frontmatter, outline } = parsed;
  const comments: SuppressionComment[] = [];
  const read = (line: number, form: CommentForm, pattern: RegExp) => {
    const text = lines.lines[line];
    if (!text.includes("kb-author-disable")) return;
    const match = text.match(pattern);
    if (!match) return;
    const codes = match[3].split(/[\s,]+/).filter(Boolean);
    comments.push({
      line,
      scope: match[2] ? "next-line" : "file",
      form,
      codes: codes.length > 0 ? codes : undefined,
      codesEnd: match[1].length + match[3].length,
    });
  };
  if (frontmatter) {
    const end = frontmatter.bodyStartLine === undefined ? lines.lineCount : frontmatter.bodyStartLine - 1;
    for (let line = 1; line < end; line++) read(line, "yaml", yaml);
  }
  let open: { char: string; length: number } | undefined;
  for (let line = outline.bodyStartLine; line < lines.lineCount; line++) {
    const text = lines.lines[line];
    if (open) {
      const close = text.match(/^ {0,3}(`{3,}|~{3,})[ \t]*$/);
      if (close && close[1][0] === open.char && close[1].length >= open.length) open = undefined;
      continue;
    }
    const start = text.match(fence);
    if (start && !(start[1][0] === "`" && start[2].includes("`"))) {
      open = { char: start[1][0], length: start[1].length };
      continue;
    }
    read(line, "html", html);
    read(line, "mdx", mdx);
  }
  return comments;
}

/** The comment form a new suppression comment takes in a document's body. */
export function bodyCommentForm(path: string): CommentForm {
  return extname(path).toLowerCase() === ".mdx" ? "mdx" : "html";
}

/** Drops the problems that a suppression comment of the document silences. */
export function applySuppressions(problems: Problem[], parsed: ParsedMarkdown): Problem[] {
  if (problems.length === 0 || !parsed.lines.text.includes("kb-author-disable")) return problems;
  const comments = findSuppressionComments(parsed);
  if (comments.length === 0) return problems;
  const silences = (comment: SuppressionComment, code: string) =>
    comment.codes === undefined || comment.codes.includes(code);
  return problems.filter((problem) => {
    const line = problem.range.start.line;
    return !comments.some(
      (comment) => silences(comment, problem.code) && (comment.scope === "file" || comment.line + 1 === line),
    );
  });
}
