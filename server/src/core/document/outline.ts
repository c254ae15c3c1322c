import type { Range } from "vscode-languageserver-types";
import type { LineIndex } from "./lineIndex";

export interface OutlineHeading {
  level: number;
  /** Heading text without the `#` markers and surrounding space. */
  text: string;
  line: number;
  /** The whole heading, `### Order`. */
  range: Range;
  /** Only the text, `Order`. */
  textRange: Range;
}

/**
 * The block structure the checks need, found by a line scanner instead of a full Markdown parse
 * (remark takes over a second on a 5,800-file map; this is linear and allocation-light).
 * It recognises ATX headings, fenced code (``` and ~~~, also in list items and quotes), HTML comments and, in MDX, `import` /
 * `export` blocks, so that a `#` line inside any of those is not taken for a heading.
 * Setext headings (text underlined by `===`) are not used by these knowledge bases and are ignored.
 */
export interface Outline {
  bodyStartLine: number;
  headings: OutlineHeading[];
  /** Lines that are not Markdown prose: code fences, HTML comments, MDX ESM. */
  isOpaqueLine(line: number): boolean;
}

// Fences at any indentation and in block quotes: inside a list item (`2. Step` then a fence indented four
// spaces, as Starlight's <Steps> are written) the fence is code, not an indented code block. An indented
// block that shows a fence is code either way.
const fenceOpen = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})(.*)$/;
const fenceClose = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})[ \t]*$/;
const atxHeading = /^ {0,3}(#{1,6})(?=[ \t]|$)[ \t]*(.*?)(?:[ \t]+#+)?[ \t]*$/;
const esmStart = /^(import|export)[\s{*]/;

export function scanOutline(lines: LineIndex, bodyStartLine: number, isMdx: boolean): Outline {
  const headings: OutlineHeading[] = [];
  const opaque = new Uint8Array(lines.lineCount);
  let fence: { char: string; length: number } | undefined;
  let inComment = false;
  let inEsm = false;

  for (let line = bodyStartLine; line < lines.lineCount; line++) {
    const text = lines.lines[line];
    if (fence) {
      opaque[line] = 1;
      const close = text.match(fenceClose);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (inComment) {
      opaque[line] = 1;
      if (text.includes("-->")) inComment = false;
      continue;
    }
    if (inEsm) {
      if (text.trim() === "") inEsm = false;
      else opaque[line] = 1;
      continue;
    }
    const open = text.match(fenceOpen);
    if (open && !(open[1][0] === "`" && open[2].includes("`"))) {
      fence = { char: open[1][0], length: open[1].length };
      opaque[line] = 1;
      continue;
    }
    if (/^ {0,3}<!--/.test(text)) {
      opaque[line] = 1;
      inComment = !text.includes("-->", text.indexOf("<!--") + 4);
      continue;
    }
    if (isMdx && esmStart.test(text)) {
      opaque[line] = 1;
      inEsm = true;
      continue;
    }
    const heading = text.match(atxHeading);
    if (heading) headings.push(makeHeading(lines, line, heading[1].length, heading[2]));
  }
  return { bodyStartLine, headings, isOpaqueLine: (line) => opaque[line] === 1 };
}

function makeHeading(lines: LineIndex, line: number, level: number, text: string): OutlineHeading {
  const raw = lines.lines[line];
  const range = lines.lineRange(line);
  const textStart = text ? raw.indexOf(text, raw.indexOf("#") + level) : range.end.character;
  return {
    level,
    text,
    line,
    range,
    textRange: {
      start: { line, character: textStart },
      end: { line, character: textStart + text.length },
    },
  };
}
