import { extname } from "../paths";
import {
  type ContentLimit,
  frontmatterLengthLimit,
  headingCountLimit,
  longLineLimit,
  mdxBlockLimit,
} from "./contentLimits";
import { type Frontmatter, frontmatterCloseLine, hasFrontmatter, parseFrontmatter } from "./frontmatter";
import { LineIndex } from "./lineIndex";
import { type Outline, scanOutline } from "./outline";

/**
 * Everything the features need from one Markdown document, computed once per version and shared
 * by every feature (the vscode-json-languageservice pattern).
 */
export interface ParsedMarkdown {
  path: string;
  version: number;
  lines: LineIndex;
  frontmatter: Frontmatter | undefined;
  outline: Outline;
  /**
   * Set when the document is past a content limit (a huge line or frontmatter, too many headings): it then has no
   * frontmatter or headings, so that every feature answers at once, and is reported as file/too-complex.
   */
  tooComplex?: ContentLimit;
}

export function parseMarkdown(path: string, version: number, text: string): ParsedMarkdown {
  const lines = new LineIndex(text);
  const emptyOutline: Outline = { bodyStartLine: 0, headings: [], isOpaqueLine: () => false };
  const longLine = longLineLimit(lines);
  if (longLine)
    return { path, version, lines, frontmatter: undefined, outline: emptyOutline, tooComplex: longLine };
  const closeLine = hasFrontmatter(lines) ? frontmatterCloseLine(lines) : undefined;
  const longFrontmatter = closeLine === undefined ? undefined : frontmatterLengthLimit(lines, closeLine);
  if (longFrontmatter)
    return {
      path,
      version,
      lines,
      frontmatter: undefined,
      outline: emptyOutline,
      tooComplex: longFrontmatter,
    };
  const frontmatter = parseFrontmatter(lines);
  // An unclosed frontmatter block swallows the document: there is no body to outline.
  const bodyStartLine = frontmatter ? (frontmatter.bodyStartLine ?? lines.lineCount) : 0;
  const mdx = extname(path).toLowerCase() === ".mdx";
  const longMdxBlock = mdx ? mdxBlockLimit(lines, bodyStartLine) : undefined;
  if (longMdxBlock)
    return { path, version, lines, frontmatter: undefined, outline: emptyOutline, tooComplex: longMdxBlock };
  const outline = scanOutline(lines, bodyStartLine, mdx);
  const manyHeadings = headingCountLimit(outline);
  if (manyHeadings)
    return { path, version, lines, frontmatter: undefined, outline: emptyOutline, tooComplex: manyHeadings };
  return { path, version, lines, frontmatter, outline };
}
