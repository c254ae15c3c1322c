import type { Position, Range } from "vscode-languageserver-types";
import { rangeOnLine } from "./text";

/** A step into YAML data: a mapping key, or `0` for "an item of the sequence". */
type PathSegment = string | number;

/**
 * What the cursor is on in block-style YAML, found from the lines' indentation alone, so that it
 * works while the frontmatter does not parse (which is most of the time while a key is being typed).
 * - `key`: a (partial) key of the mapping at `path`; `present` lists the keys already there;
 * - `item`: the text after `- ` in the sequence at `path` (which ends with `0`): a value, or the first
 *   key of an object item;
 * - `value`: after `key: `, the value of the property at `path` (which ends with the key).
 * Flow collections (`{a: 1}`, `[a, b]`) and block scalars (`|`, `>`) get no slot.
 */
export type YamlSlot =
  | { kind: "key"; path: PathSegment[]; present: Set<string>; column: number; range: Range }
  | { kind: "item"; path: PathSegment[]; present: Set<string>; column: number; range: Range }
  | { kind: "value"; path: PathSegment[]; range: Range; needsSpace: boolean };

interface LineShape {
  /** Column of the first non-space character. */
  lead: number;
  dash: boolean;
  /** Column where the content starts (after `- ` on an item line). */
  column: number;
  content: string;
  /** Blank or a comment: not part of the structure. */
  blank: boolean;
}

const keyPattern =
  /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]},&*!|>%@`-][^\n]*?|-[^\s\n][^\n]*?)[ \t]*:(?:[ \t]+(.*)|)$/;
const typedKey = /^[^\s:#'"{[\]},]*$/;
const wordAfter = /^[^\s:#'"{[\]},]*/;

function shapeOf(text: string): LineShape {
  // `s`: a line may hold U+2028 or a lone CR (not line breaks here), which `.` would not match (fuzz).
  const match = /^( *)(?:(-)(?:( +)|$))?(.*)$/s.exec(text)!;
  const lead = match[1].length;
  const dash = match[2] !== undefined;
  const column = dash ? lead + 1 + (match[3]?.length ?? 0) : lead;
  const content = match[4];
  return { lead, dash, column, content, blank: !dash && (content.trim() === "" || content.startsWith("#")) };
}

/** The key a line's content starts with, and the rest after `key:` (undefined when nothing follows). */
function keyOf(content: string): { key: string; rest: string | undefined } | undefined {
  const match = keyPattern.exec(content);
  if (!match) return undefined;
  const raw = match[1];
  let key = raw;
  if (raw.startsWith('"')) {
    try {
      key = JSON.parse(raw) as string;
    } catch {
      key = raw.slice(1, -1);
    }
  } else if (raw.startsWith("'")) key = raw.slice(1, -1).replace(/''/g, "'");
  return { key, rest: match[2] };
}

/** A key line that opens a nested block (`ratings:` with nothing, or only a comment, after it). */
function parentKey(content: string): string | undefined {
  const found = keyOf(content);
  const rest = found?.rest?.trim() ?? "";
  return found && (rest === "" || rest.startsWith("#")) ? found.key : undefined;
}

export function yamlSlotAt(
  lines: readonly string[],
  first: number,
  end: number,
  position: Position,
): YamlSlot | undefined {
  const line = position.line;
  if (line < first || line >= end) return undefined;
  const text = lines[line];
  const before = text.slice(0, position.character);
  const after = text.slice(position.character);
  const shape = shapeOf(before);
  if (before.includes("\t")) return undefined;
  const shapes = (index: number) => shapeOf(lines[index]);
  const pair = keyOf(shape.content);
  if (pair) {
    // After `key: `, or `key:` just typed: the value.
    const container = shape.dash
      ? pathTo(shapes, first, line, shape.lead, true)
      : pathTo(shapes, first, line, shape.column, false);
    if (!container || (pair.rest ?? "").startsWith("#")) return undefined;
    const valueStart = pair.rest === undefined ? before.length : before.length - pair.rest.length;
    return {
      kind: "value",
      path: [...container, ...(shape.dash ? [0] : []), pair.key],
      range: rangeOnLine(line, valueStart, Math.max(before.length, text.trimEnd().length)),
      needsSpace: pair.rest === undefined,
    };
  }
  if (!typedKey.test(shape.content)) return undefined;
  if (!/^[^\s:#'"{[\]},]*\s*$/.test(after)) return undefined;
  const range = rangeOnLine(line, shape.column, before.length + wordAfter.exec(after)![0].length);
  if (shape.dash) {
    const container = pathTo(shapes, first, line, shape.lead, true);
    if (!container) return undefined;
    const present = siblingKeys(shapes, first, line, end, shape.column, true);
    return { kind: "item", path: [...container, 0], present, column: shape.column, range };
  }
  const container = pathTo(shapes, first, line, shape.column, false);
  if (!container) return undefined;
  const present = siblingKeys(shapes, first, line, end, shape.column, false);
  return { kind: "key", path: container, present, column: shape.column, range };
}

/**
 * The path of the collection that holds content at `column` on `line`: the mapping whose keys sit at
 * that column or, with `inItem`, the sequence whose `- ` sits there. Undefined when the lines above do
 * not nest it under keys (it is then text, such as a plain scalar's continuation line).
 */
function pathTo(
  shapes: (line: number) => LineShape,
  first: number,
  line: number,
  column: number,
  inItem: boolean,
): PathSegment[] | undefined {
  const path: PathSegment[] = [];
  let col = column;
  let afterItem = inItem;
  for (let index = line - 1; index >= first && (col > 0 || afterItem); index--) {
    const shape = shapes(index);
    if (shape.blank) continue;
    if (afterItem) {
      // Looking for the key whose sequence has its `- ` at `col` (at `col` too, for a compact sequence).
      if (shape.lead > col || (shape.dash && shape.lead === col)) continue;
      const key = shape.dash ? undefined : parentKey(shape.content);
      if (key === undefined) return undefined;
      path.unshift(key);
      col = shape.lead;
      afterItem = false;
      continue;
    }
    if (shape.column > col) continue;
    if (shape.column === col) {
      // A sibling key, or the `- key: ...` line that starts the item this mapping belongs to.
      if (shape.dash) {
        path.unshift(0);
        col = shape.lead;
        afterItem = true;
      }
      continue;
    }
    if (shape.dash && shape.content.trim() === "") {
      path.unshift(0);
    } else {
      const key = parentKey(shape.content);
      if (key === undefined) return undefined;
      path.unshift(key);
      if (shape.dash) path.unshift(0);
    }
    col = shape.lead;
    afterItem = shape.dash;
  }
  return col === 0 && !afterItem ? path : undefined;
}

/** The keys of the mapping the line belongs to, at `column`, above and below it. */
function siblingKeys(
  shapes: (line: number) => LineShape,
  first: number,
  line: number,
  end: number,
  column: number,
  startsItem: boolean,
): Set<string> {
  const keys = new Set<string>();
  const add = (shape: LineShape) => {
    const found = keyOf(shape.content);
    if (found) keys.add(found.key);
  };
  if (!startsItem) {
    for (let index = line - 1; index >= first; index--) {
      const shape = shapes(index);
      if (shape.blank || shape.column > column) continue;
      if (shape.column < column) break;
      add(shape);
      if (shape.dash) break;
    }
  }
  for (let index = line + 1; index < end; index++) {
    const shape = shapes(index);
    if (shape.blank || shape.column > column) continue;
    if (shape.lead < column || shape.dash) break;
    add(shape);
  }
  return keys;
}
