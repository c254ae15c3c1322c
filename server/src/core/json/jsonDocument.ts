import type { ErrorObject } from "ajv";
import {
  getNodeValue,
  type Node as JsonNode,
  parse as parseJsonc,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from "jsonc-parser";
import type { Range } from "vscode-languageserver-types";
import type { DiagnosticCode } from "../diagnosticCodes";
import { LineIndex } from "../document/lineIndex";
import type { Problem } from "../problem";
import { instancePathSegments } from "./jsonPointer";
import { describeAjvError, isReportedAt } from "../schemas/ajvErrors";

/** A JSON (or JSONC) file parsed with positions, so that schema errors point at keys and values. */
export interface JsonDocument {
  lines: LineIndex;
  root: JsonNode | undefined;
  value: unknown;
  syntaxProblems: Problem[];
}

/**
 * Arrays and objects nested deeper than this are not parsed: the parser recurses per level and overflowed
 * the stack at a few thousand (a 6 KB papers.json of 3,000 `[`), and the map builder's Python `json`
 * stops near 1,000 too. No real file comes close.
 */
const maxJsonDepth = 512;

export function parseJsonDocument(text: string, allowComments: boolean): JsonDocument {
  const lines = new LineIndex(text);
  const tooDeep = offsetPastDepth(text, maxJsonDepth);
  if (tooDeep !== undefined)
    return {
      lines,
      root: undefined,
      value: undefined,
      syntaxProblems: [
        {
          code: "json/syntax",
          range: lines.rangeOfOffsets(tooDeep, tooDeep + 1),
          message: `Invalid JSON for its readers: nested deeper than ${maxJsonDepth} levels here, so it is not read.`,
        },
      ],
    };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, {
    allowTrailingComma: allowComments,
    disallowComments: !allowComments,
  });
  // The parser can report one mistake several times at one offset (a trailing comma gives "property name
  // expected" and "value expected" at the `}`): one cause, one diagnostic, so keep the first per offset.
  const reportedOffsets = new Set<number>();
  const syntaxProblems: Problem[] = [];
  for (const error of errors) {
    if (reportedOffsets.has(error.offset)) continue;
    reportedOffsets.add(error.offset);
    syntaxProblems.push({
      code: "json/syntax",
      range: lines.rangeOfOffsets(error.offset, error.offset + Math.max(1, error.length)),
      message: `Invalid JSON: ${humanize(printParseErrorCode(error.error))}.`,
    });
  }
  if (!root && syntaxProblems.length === 0) {
    syntaxProblems.push({
      code: "json/syntax",
      range: lines.lineRange(0),
      message: "Invalid JSON: the file is empty.",
    });
  }
  return { lines, root, value: root ? getNodeValue(root) : undefined, syntaxProblems };
}

/**
 * A JSON (or JSONC) file's value, read as leniently as jsonc-parser reads (a broken file gives what it
 * can); undefined when it nests past the depth limit. Every JSON the core reads goes through here or
 * `parseJsonDocument`: the parser recurses per level.
 */
export function parseJsonValue(text: string): unknown {
  return offsetPastDepth(text, maxJsonDepth) === undefined ? (parseJsonc(text) as unknown) : undefined;
}

/** The syntax tree of a JSON (or JSONC) text, for editing it in place; undefined past the depth limit. */
export function parseJsonTree(text: string): JsonNode | undefined {
  return offsetPastDepth(text, maxJsonDepth) === undefined ? parseTree(text) : undefined;
}

/** The offset of the first `[` or `{` past `max` levels of nesting (strings and comments skipped), if any. */
function offsetPastDepth(text: string, max: number): number | undefined {
  // Nesting needs at least one opening bracket per level: a short text cannot go that deep.
  if (text.length <= max) return undefined;
  let depth = 0;
  for (let at = 0; at < text.length; at++) {
    const character = text[at];
    if (character === '"') {
      for (at++; at < text.length && text[at] !== '"'; at++) if (text[at] === "\\") at++;
    } else if (character === "/" && text[at + 1] === "/") {
      const end = text.indexOf("\n", at);
      at = end === -1 ? text.length : end;
    } else if (character === "/" && text[at + 1] === "*") {
      const end = text.indexOf("*/", at + 2);
      at = end === -1 ? text.length : end + 1;
    } else if (character === "[" || character === "{") {
      if (++depth > max) return at;
    } else if ((character === "]" || character === "}") && depth > 0) depth--;
  }
  return undefined;
}

function humanize(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Range of the value at a path (or of its key, when asked and there is one); the nearest existing ancestor otherwise. */
export function rangeAtPath(document: JsonDocument, path: readonly string[], key = false): Range {
  if (!document.root) return document.lines.lineRange(0);
  let node: JsonNode = document.root;
  let keyNode: JsonNode | undefined;
  for (const segment of path) {
    const next = childAt(node, segment);
    if (!next) break;
    node = next.value;
    keyNode = next.key;
  }
  const target = key && keyNode ? keyNode : node;
  return document.lines.rangeOfOffsets(target.offset, target.offset + target.length);
}

function childAt(node: JsonNode, segment: string): { key?: JsonNode; value: JsonNode } | undefined {
  if (node.type === "array") {
    const item = node.children?.[Number(segment)];
    return item ? { value: item } : undefined;
  }
  if (node.type !== "object") return undefined;
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode?.value === segment && valueNode) return { key: keyNode, value: valueNode };
  }
  return undefined;
}

/** Turns ajv's errors into problems with the given code, one per place, at the offending key or value. */
export function schemaProblems(
  document: JsonDocument,
  errors: ErrorObject[],
  code: DiagnosticCode,
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const error of errors.filter(isReportedAt)) {
    const path = instancePathSegments(error.instancePath);
    const place =
      error.keyword === "additionalProperties" ? [...path, String(error.params.additionalProperty)] : path;
    const id = place.join("/");
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push({
      code,
      range: rangeAtPath(document, place, error.keyword === "additionalProperties"),
      message: describeAjvError(error),
    });
  }
  return problems;
}
