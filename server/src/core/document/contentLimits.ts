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
