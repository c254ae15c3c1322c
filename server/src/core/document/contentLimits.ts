import type { Range } from "vscode-languageserver-types";
import type { LineIndex } from "./lineIndex";
import type { Outline } from "./outline";

/**
 * Content no real knowledge base file comes near and that would make the checks, the features or the
 * preview slow: such a file is reported (file/too-complex) and read no further, as a file over the
 * size limit is. The limits sit far above real files: the longest line of the shared corpus (5,799
 * node files) is under 800 characters, and none of its files has over 10 headings.
 */
const maxLineLength = 100_000;
export const maxHeadings = 5_000;
/**
 * Characters of frontmatter. The yaml package reads about 0.3-0.5 MB a second, whatever the shape (a
 * frontmatter of 40,000 keys, 560 KB, took a second); the largest frontmatter of astro-docs' 420 pages
 * and of the seed's topic entry is under 1 KB.
 */
export const maxFrontmatterLength = 128 * 1024;

/** Why a document is not read further, and where. */
export interface ContentLimit {
  message: string;
  range: Range;
}

/** The first line longer than `maxLineLength`, as a limit. Linear in the number of lines. */
export function longLineLimit(lines: LineIndex): ContentLimit | undefined {
  for (let line = 0; line < lines.lineCount; line++) {
    const length = lines.lines[line].length;
    if (length <= maxLineLength) continue;
    return {
      message:
        `Line ${line + 1} is ${length.toLocaleString("en-US")} characters long, over the ` +
        `${maxLineLength.toLocaleString("en-US")} a line may have; the file is not checked or previewed.`,
      range: { start: { line, character: 0 }, end: { line, character: length } },
    };
  }
  return undefined;
}

/** A frontmatter block (lines 1 to `closeLine`) longer than `maxFrontmatterLength`, at the line that passes it. */
export function frontmatterLengthLimit(lines: LineIndex, closeLine: number): ContentLimit | undefined {
  const start = lines.lineStart(1);
  const length = lines.lineStart(closeLine) - start;
  if (length <= maxFrontmatterLength) return undefined;
  let line = 1;
  while (lines.lineStart(line + 1) - start <= maxFrontmatterLength) line++;
  return {
    message:
      `The frontmatter is ${length.toLocaleString("en-US")} characters long, over the ` +
      `${maxFrontmatterLength.toLocaleString("en-US")} it may have (passed on this line); ` +
      "the file is not checked or previewed.",
    range: lines.lineRange(line),
  };
}

/**
 * Lines of one MDX import/export block or one `{…}` expression. The MDX parser hands each to acorn and
 * then places every node of its tree by a linear search over the block's lines (micromark's
 * events-to-acorn), so the cost grows with the square of the block: an `import` of 20,000 names over
 * 20,000 lines took 10 s. Real pages import a few dozen lines at most.
 */
export const maxMdxBlockLines = 2_000;

/**
 * The line where an MDX page's import/export block or `{…}` expression passes `maxMdxBlockLines`, as a
 * limit. Braces are counted outside fenced code, inline code and escapes (an estimate: braces inside
 * strings of an expression count too, which only matters past the limit).
 */
export function mdxBlockLimit(lines: LineIndex, bodyStartLine: number): ContentLimit | undefined {
  let fence: string | undefined;
  let blockStart: number | undefined;
  let depth = 0;
  let esmStart: number | undefined;
  for (let line = bodyStartLine; line < lines.lineCount; line++) {
    const text = lines.lines[line];
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (depth === 0 && esmStart === undefined && fenceMark) {
      if (!fence) fence = fenceMark;
      else if (fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence) continue;
    if (esmStart === undefined && depth === 0 && /^(?:import|export)\b/.test(text)) esmStart = line;
    else if (esmStart !== undefined && text.trim() === "") esmStart = undefined;
    for (const brace of text.replace(/\\[{}]|`[^`]*`/g, "").matchAll(/[{}]/g)) {
      if (brace[0] === "{" && depth++ === 0) blockStart = line;
      else if (brace[0] === "}" && depth > 0) depth--;
    }
    const start = Math.min(esmStart ?? line, depth > 0 ? (blockStart ?? line) : line);
    if (line - start >= maxMdxBlockLines)
      return {
        message:
          `An MDX import, export or \`{…}\` expression runs over ${maxMdxBlockLines.toLocaleString("en-US")} lines ` +
          `from line ${start + 1} (the MDX parser's cost grows with the square of its lines); ` +
          "the file is not checked or previewed.",
        range: lines.lineRange(line),
      };
  }
  return undefined;
}

/** The heading past `maxHeadings`, as a limit. */
export function headingCountLimit(outline: Outline): ContentLimit | undefined {
  const heading = outline.headings[maxHeadings];
  if (!heading) return undefined;
  return {
    message:
      `The file has ${outline.headings.length.toLocaleString("en-US")} headings, over the ` +
      `${maxHeadings.toLocaleString("en-US")} a file may have (the first one over is here); ` +
      "the file is not checked or previewed.",
    range: heading.range,
  };
}
