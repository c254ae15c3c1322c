import type { Range } from "vscode-languageserver-types";
import { type Document, isMap, isPair, isScalar, isSeq, type Node, visit } from "yaml";
import type { LineIndex } from "./lineIndex";
import { parseYamlWithinLimits } from "./yamlNesting";

interface FrontmatterProblem {
  message: string;
  range: Range;
}

export interface Frontmatter {
  /** The opening `---` line. */
  openRange: Range;
  /** Offset of the first character of the YAML text. */
  yamlStart: number;
  /** First line of the body (after the closing `---`); undefined when the block is never closed. */
  bodyStartLine: number | undefined;
  document: Document.Parsed | undefined;
  /** The data as plain JavaScript (YAML 1.2 core schema: an unquoted date stays a string). */
  value: unknown;
  problems: FrontmatterProblem[];
}

/**
 * Aliases (`*name`) beyond this count are not read: the yaml package looks each one's anchor up among all
 * anchors and aliases before it, and 30,000 of them took 24 s. Real frontmatter has a handful at most.
 */
const maxAliases = 1000;

/** Aliases expanded beyond this count are an alias bomb ("billion laughs"), not data. */
const maxAliasCount = 100;

const delimiter = /^---[ \t]*$/;
const closingDelimiter = /^(---|\.\.\.)[ \t]*$/;

export function hasFrontmatter(lines: LineIndex): boolean {
  return delimiter.test(lines.lines[0] ?? "");
}

/** The line of the `---` (or `...`) that closes a frontmatter block; undefined when none does. */
export function frontmatterCloseLine(lines: LineIndex): number | undefined {
  for (let line = 1; line < lines.lineCount; line++)
    if (closingDelimiter.test(lines.lines[line])) return line;
  return undefined;
}

/** Finds and parses the frontmatter block at the top of a document, if there is one. */
export function parseFrontmatter(lines: LineIndex): Frontmatter | undefined {
  if (!hasFrontmatter(lines)) return undefined;
  const openRange = lines.lineRange(0);
  const yamlStart = lines.offsetAt({ line: 1, character: 0 });
  const closeLine = frontmatterCloseLine(lines);
  if (closeLine === undefined) {
    return {
      openRange,
      yamlStart,
      bodyStartLine: undefined,
      document: undefined,
      value: undefined,
      problems: [
        { message: "The frontmatter opened here is never closed by a `---` line.", range: openRange },
      ],
    };
  }
  const yamlEnd = lines.offsetAt({ line: closeLine, character: 0 });
  const yamlText = lines.text.slice(yamlStart, yamlEnd);
  // Duplicate keys are found here, not by the parser: it compares each key with every earlier one of its
  // map (10,000 keys took 10 s, 40,000 distinct keys 8 s).
  const read = withoutStackTraces(() =>
    parseYamlWithinLimits(yamlText, { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false }),
  );
  if ("unreadable" in read) {
    const { offset, reason } = read.unreadable;
    return {
      openRange,
      yamlStart,
      bodyStartLine: closeLine + 1,
      document: undefined,
      value: undefined,
      problems: [
        {
          message: `The frontmatter ${reason}; it is not read.`,
          range: lines.rangeOfOffsets(yamlStart + offset, yamlStart + offset + 1),
        },
      ],
    };
  }
  const { document } = read;
  const errors = [...document.errors, ...duplicateKeys(document)].sort((a, b) => a.pos[0] - b.pos[0]);
  const toRange = (start: number, end: number) =>
    lines.rangeOfOffsets(yamlStart + start, yamlStart + Math.max(end, start + 1));
  const problems: FrontmatterProblem[] = [];
  const linesWithProblems = new Set<number>();
  let keyRanges: Map<number, number> | undefined;
  for (const error of errors) {
    // One mistake can trip the parser several times on a line (an unquoted value with two `: `): the
    // first error of each line is the diagnostic, the others are echoes of it.
    if (linesWithProblems.has(lines.positionAt(yamlStart + error.pos[0]).line)) continue;
    let keyRange: Range | undefined;
    if (error.code === "DUPLICATE_KEY") {
      keyRanges ??= keyEnds(document);
      const end = keyRanges.get(error.pos[0]);
      if (end !== undefined) keyRange = toRange(error.pos[0], end);
    }
    const range = keyRange ?? toRange(error.pos[0], error.pos[1]);
    linesWithProblems.add(range.start.line);
    problems.push({ message: describeYamlError(error.code, error.message), range });
  }
  let value: unknown = undefined;
  const aliases = problems.length === 0 ? aliasCount(document) : 0;
  if (aliases > maxAliases)
    problems.push({
      message: `The frontmatter uses ${aliases.toLocaleString("en-US")} aliases (\`*name\`), over ${maxAliases.toLocaleString("en-US")}: it is not read.`,
      range: openRange,
    });
  if (problems.length === 0) {
    try {
      value = document.toJS({ maxAliasCount });
    } catch (error) {
      problems.push({
        message: `The frontmatter cannot be read: ${(error as Error).message}.`,
        range: openRange,
      });
    }
  }
  return { openRange, yamlStart, bodyStartLine: closeLine + 1, document, value, problems };
}

/**
 * Runs `parse` without capturing stack traces: the yaml package reports each error as an Error, and a
 * broken line can hold thousands of them (fuzz: 18,000 on one 32 KB line spent 80 of 130 ms capturing
 * stacks nobody reads). The limit is put back before anything else runs.
 */
function withoutStackTraces<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function aliasCount(document: Document.Parsed): number {
  let count = 0;
  visit(document, {
    Alias() {
      count++;
    },
  });
  return count;
}

/** A key repeated in its map (compared as the parser compares them: scalars by value), as the parser's error. */
function duplicateKeys(
  document: Document.Parsed,
): { code: "DUPLICATE_KEY"; pos: [number, number]; message: string }[] {
  const found: { code: "DUPLICATE_KEY"; pos: [number, number]; message: string }[] = [];
  visit(document, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (!seen.has(pair.key.value)) seen.add(pair.key.value);
        else if (pair.key.range)
          found.push({
            code: "DUPLICATE_KEY",
            pos: [pair.key.range[0], pair.key.range[0] + 1],
            message: "Map keys must be unique",
          });
      }
    },
  });
  return found;
}

/**
 * Where each key ends, by where it starts: a duplicate key's error marks only its first character, and
 * its diagnostic covers the whole key (`title`). Read in one walk: one walk per duplicate took 10 s for
 * 10,000 of them.
 */
function keyEnds(document: Document.Parsed): Map<number, number> {
  const ends = new Map<number, number>();
  visit(document, {
    Pair(_key, pair) {
      const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
      if (keyRange) ends.set(keyRange[0], keyRange[1]);
    },
  });
  return ends;
}

function describeYamlError(code: string, message: string): string {
  const firstLine = message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  if (code === "DUPLICATE_KEY") return `Duplicate key in the frontmatter: ${firstLine}.`;
  if (code === "TAB_AS_INDENT") return "Tabs are not allowed for indentation in YAML; use spaces.";
  return `Invalid YAML in the frontmatter: ${firstLine}`;
}

/** Where a frontmatter value lives, for pointing a diagnostic at a key or a value. */
interface FrontmatterLocation {
  keyRange?: Range;
  valueRange?: Range;
}

/**
 * Finds the key and value ranges of the node at a JSON-pointer-like path (`["ratings", "0"]`).
 * Falls back to the deepest ancestor found, so a diagnostic is never without a place.
 */
export function locateInFrontmatter(
  frontmatter: Frontmatter,
  lines: LineIndex,
  path: readonly string[],
): FrontmatterLocation {
  const toRange = (node: { range?: [number, number, number] | null } | null | undefined) => {
    if (!node?.range) return undefined;
    const start = frontmatter.yamlStart + node.range[0];
    // A block value's range runs over its final line break (a list ends at the start of the next line):
    // stop at its last character, so that the diagnostic stays on the value's own lines.
    let end = frontmatter.yamlStart + node.range[1];
    while (end > start && /\s/.test(lines.text[end - 1])) end--;
    return lines.rangeOfOffsets(start, end);
  };
  let current: Node | null | undefined = frontmatter.document?.contents as Node | null | undefined;
  let location: FrontmatterLocation = { valueRange: toRange(current as never) ?? frontmatter.openRange };
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment,
      );
      if (!pair) break;
      const key = pair.key as Node;
      current = pair.value as Node | null;
      location = {
        keyRange: toRange(key as never),
        valueRange: toRange(current as never) ?? toRange(key as never),
      };
    } else if (isSeq(current)) {
      const item = current.items[Number(segment)] as Node | undefined;
      if (!item) break;
      current = item;
      location = { valueRange: toRange(item as never) };
    } else {
      break;
    }
  }
  return location;
}
