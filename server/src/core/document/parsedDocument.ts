import { extname } from "../paths";
import { type Frontmatter, parseFrontmatter } from "./frontmatter";
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
}

export function parseMarkdown(path: string, version: number, text: string): ParsedMarkdown {
  const lines = new LineIndex(text);
  const frontmatter = parseFrontmatter(lines);
  // An unclosed frontmatter block swallows the document: there is no body to outline.
  const bodyStartLine = frontmatter ? (frontmatter.bodyStartLine ?? lines.lineCount) : 0;
  const outline = scanOutline(lines, bodyStartLine, extname(path).toLowerCase() === ".mdx");
  return { path, version, lines, frontmatter, outline };
}
