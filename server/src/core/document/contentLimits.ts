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
