import type { Range } from "vscode-languageserver-types";
import type { MarkdownLink } from "../document/links";
import type { LineIndex } from "../document/lineIndex";
import { dirname, joinPath, nfc } from "../paths";
import { resolveLink } from "../workspace/linkResolution";
import type { Workspace } from "../workspace/workspace";
import type { MapLocator } from "../workspace/maps";

/**
 * A node folder being renamed: `…/Old` (holding `Old.md`) becomes `…/New` (holding `New.md`); a breakdown
 * node `…/Old.` holds `Old.md`.
 */
export interface FolderRename {
  folder: string;
  oldName: string;
  newName: string;
  oldFileName: string;
  newFileName: string;
}

/** The edits one link needs when a node folder is renamed. */
interface LinkRewrite {
  /** Edits within the link's target (a folder segment, the node's file name). */
  edits: { range: Range; newText: string }[];
  /** Whether the link leads to the renamed node itself (its folder or file), not to something below it. */
  toNode: boolean;
}

/**
 * The edits that keep a link pointing where it points once a node folder is renamed. The target's
 * path is followed segment by segment from where it starts (the repository root for `/…`, the file's
 * folder otherwise): a segment that arrives at the renamed folder is renamed, and so is the node's
 * file name (`Old.md`, or `Old` written as a site route) right inside it. Links that only pass
 * through the folder with `..`, or start inside it, need no edit: a rename keeps every depth.
 * Undefined when the link does not pass through the folder.
 */
export function rewriteLink(
  fromPath: string,
  link: MarkdownLink,
  rename: FolderRename,
  maps: MapLocator,
  workspace: Workspace,
): LinkRewrite | undefined {
  const resolved = resolveLink(fromPath, link.target, maps);
  if (!resolved) return undefined;
  const folder = nfc(rename.folder);
  const nodeFile = nfc(joinPath(rename.folder, rename.oldFileName));
  const nodeRoute = nfc(joinPath(rename.folder, rename.oldFileName.slice(0, -".md".length)));
  const target = link.target;
  const pathEnd = target.search(/[?#]/);
  const pathPart = pathEnd === -1 ? target : target.slice(0, pathEnd);
  const segments = [...pathPart.matchAll(/[^/]+/g)];
  const edits: LinkRewrite["edits"] = [];
  let current = resolved.base;
  let toNode = false;
  segments.forEach((match, index) => {
    const raw = match[0];
    const decoded = decodeSegment(raw.trim());
    if (decoded === "." || decoded === "") return;
    if (decoded === "..") {
      current = dirname(current);
      toNode = false;
      return;
    }
    current = joinPath(current, decoded);
    const here = nfc(current);
    const isLast = index === segments.length - 1;
    let newName: string | undefined;
    if (here === folder) newName = rename.newName;
    else if (here === nodeFile) newName = rename.newFileName;
    else if (isLast && here === nodeRoute && !workspace.isDirectory(current))
      newName = rename.newFileName.slice(0, -".md".length);
    toNode = newName !== undefined;
    if (newName === undefined) return;
    const start = link.targetRange.start.character + match.index + (raw.length - raw.trimStart().length);
    const line = link.targetRange.start.line;
    edits.push({
      range: { start: { line, character: start }, end: { line, character: start + raw.trim().length } },
      newText: raw.includes("%") ? encodeURIComponent(newName) : newName,
    });
  });
  return edits.length > 0 ? { edits, toNode } : undefined;
}

/** The range of an inline link's text (`[text](…)`, `![alt](…)`); undefined for reference definitions. */
export function linkTextRange(lines: LineIndex, link: MarkdownLink): Range | undefined {
  const { line, character } = link.range.start;
  const raw = lines.lines[line] ?? "";
  const open = raw[character] === "!" ? character + 1 : character;
  if (raw[open] !== "[") return undefined;
  const start = open + 1;
  const end = start + link.text.length;
  if (raw.slice(start, end) !== link.text || raw.slice(end, end + 2) !== "](") return undefined;
  return { start: { line, character: start }, end: { line, character: end } };
}

function decodeSegment(segment: string): string {
  const unescaped = segment.replace(/\\([!-/:-@[-`{-~])/g, "$1");
  try {
    return decodeURIComponent(unescaped);
  } catch {
    return unescaped;
  }
}
