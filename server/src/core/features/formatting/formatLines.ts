import type { MarkdownContext } from "../../model/markdownContext";
import { findSections, type FoundSection } from "../../document/sections";
import { extname } from "../../paths";
import { type FormattedLine, lineCountOf } from "./lineEdits";

/**
 * The map's own formatting conventions, as lines:
 * - one blank line before every heading (none at the start of the file) and one after it (none at
 *   the end of the file);
 * - in a map node's Order, the `N. Name` entries without blank lines between them;
 * - in a map node's Related Nodes, the `- Reason: ...` sub-bullets indented by one TAB (an indent of
 *   up to four spaces is read as meaning that);
 * - no trailing spaces or tabs, no blank lines at the end (the caller ends every line with `\n`).
 * Never touched: the frontmatter block, code fences, HTML comments, and in MDX the `import`/`export`
 * blocks and JSX blocks (a line starting with `<` or `{`, to the next blank line). Other runs of
 * blank lines are left as they are.
 *
 * Undefined when the document is not one to format: no kind, or an unclosed frontmatter block
 * (the whole file is then YAML).
 */
export function formatLines(context: MarkdownContext): FormattedLine[] | undefined {
  const { parsed, kind } = context;
  if (kind === null) return undefined;
  const { lines, outline, frontmatter } = parsed;
  const bodyStart = frontmatter ? frontmatter.bodyStartLine : 0;
  if (bodyStart === undefined) return undefined;

  const count = lineCountOf(lines);
  const headingLines = new Set(outline.headings.map((heading) => heading.line));
  const jsx =
    extname(context.path).toLowerCase() === ".mdx"
      ? jsxBlockLines(context, bodyStart, count, headingLines)
      : new Uint8Array(0);
  const verbatim = (line: number) => outline.isOpaqueLine(line) || jsx[line] === 1;
  const isBlank = (line: number) => !verbatim(line) && /^[ \t]*$/.test(lines.lines[line]);

  const sections =
    kind === "map-node" && context.settings ? findSections(parsed, context.settings.sections) : [];
  const order = sectionNamed(sections, "Order");
  const related = sectionNamed(sections, "Related Nodes");
  const within = (section: FoundSection | undefined, line: number) =>
    section !== undefined && line >= section.contentStartLine && line < section.endLine;
  const isOrderEntry = (line: number) =>
    within(order, line) && !verbatim(line) && orderEntry.test(lines.lines[line]);

  /** How many blank lines belong between two non-blank lines (or the start or end of the body). */
  const blankLinesBetween = (previous: number | "start", following: number | "end", present: number) => {
    if (following === "end") return 0;
    if (previous === "start") {
      if (bodyStart === 0) return 0;
      return headingLines.has(following) ? 1 : present;
    }
    if (headingLines.has(previous) || headingLines.has(following)) return 1;
    if (isOrderEntry(previous) && isOrderEntry(following)) return 0;
    return present;
  };

  const formatLine = (line: number) => {
    const text = lines.lines[line];
    if (verbatim(line)) return text;
    const trimmed = withoutTrailingBlanks(text);
    return within(related, line) ? trimmed.replace(reasonIndent, "\t") : trimmed;
  };

  const formatted: FormattedLine[] = [];
  for (let line = 0; line < bodyStart; line++) formatted.push({ text: lines.lines[line], source: line });
  let previous: number | "start" = "start";
  let blanks: number[] = [];
  for (let line = bodyStart; line <= count; line++) {
    if (line < count && isBlank(line)) {
      blanks.push(line);
      continue;
    }
    const wanted = blankLinesBetween(previous, line === count ? "end" : line, blanks.length);
    for (let index = 0; index < wanted; index++) formatted.push({ text: "", source: blanks[index] });
    blanks = [];
    if (line === count) break;
    formatted.push({ text: formatLine(line), source: line });
    previous = line;
  }
  return formatted;
}

/** An Order entry: `N. Name` (or, read leniently as the checks do, a bullet or `N)` item). */
const orderEntry = /^[ \t]*(?:\d+[.)]|[-*+])[ \t]+\S/;

/** The indent of a `- Reason:` sub-bullet when it is not a single TAB: 1-4 spaces, or spaces before a TAB. */
const reasonIndent = /^(?: {1,4}| {1,3}\t)(?=[-*+][ \t]+Reason:)/;

function sectionNamed(sections: FoundSection[], heading: string): FoundSection | undefined {
  return sections.find((section) => section.rule?.heading === heading);
}

/**
 * The lines of MDX JSX blocks: a line that starts (after at most three spaces) with `<` followed by a
 * letter, `/` or `>`, or with `{`, and the lines after it up to a blank line or a heading.
 */
function jsxBlockLines(
  context: MarkdownContext,
  bodyStart: number,
  count: number,
  headingLines: Set<number>,
): Uint8Array {
  const { lines, outline } = context.parsed;
  const marks = new Uint8Array(lines.lineCount);
  let inBlock = false;
  for (let line = bodyStart; line < count; line++) {
    const text = lines.lines[line];
    if (outline.isOpaqueLine(line) || headingLines.has(line) || /^[ \t]*$/.test(text)) {
      inBlock = false;
      continue;
    }
    if (inBlock || /^ {0,3}(?:<[A-Za-z/>]|\{)/.test(text)) {
      marks[line] = 1;
      inBlock = true;
    }
  }
  return marks;
}

/**
 * The line without its trailing spaces and tabs. Not `/[ \t]+$/`: on a long line with many runs of blanks
 * the regular expression backtracks from each run (quadratic; fuzzing found 60 KB lines taking 0.3 s).
 */
function withoutTrailingBlanks(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return end === text.length ? text : text.slice(0, end);
}
