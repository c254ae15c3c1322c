import { pythonDigitValue, pythonIsDigit, pythonLstrip } from "./pythonText";

/*
 * The map builder's list reader (`resolve_md_list` in its utils.py), step for step, with where each
 * step came from: the Order, Questions and Related Nodes sections are read by it, and what a map
 * publishes follows from its quirks (one-digit numbers, positions rather than labels, an entry that
 * names nothing removing whatever stands at its place).
 */

export interface BuilderListItem {
  /** The item's text as the builder keeps it (after `- ` or `N. `, trailing space included). */
  text: string;
  /** The items of the deeper-indented lines that follow it, when the next line is indented more. */
  child: BuilderList | undefined;
  /** The line (of the list's text) it was read from; undefined for an item of the starting list. */
  line: number | undefined;
}

export interface BuilderList {
  kind: "ordered" | "unordered";
  items: BuilderListItem[];
}

/** Why the builder passed over a non-blank line. */
export type SkipReason = "not-numbered" | "not-bulleted";

/** What a numbered entry did to the starting list. */
export interface Placement {
  line: number;
  /** The entry placed. */
  item: BuilderListItem;
  /** Where it was inserted (Python's `insert`, so clamped), after the removal. */
  index: number;
  /** The item removed to make room: its own earlier place, or (when it named none) whatever stood there. */
  removed: BuilderListItem | undefined;
  /** True when the removed item was not the entry's own name. */
  displaced: boolean;
}

export interface BuilderListReading {
  list: BuilderList;
  /** Non-blank lines passed over; `nested` when they sit under an item (in a sub-list). */
  skipped: { line: number; reason: SkipReason; nested: boolean }[];
  placements: Placement[];
  /** Where the builder raised an exception: the build stops there. */
  crash: { line: number; reason: CrashReason } | undefined;
}

export type CrashReason = "empty" | "blank-after-item" | "out-of-range" | "not-a-number" | "paper-json";

/** `is_number_line`: one digit (as `str.isdigit` says) and `. `. */
export function isNumberLine(line: string): boolean {
  const first = String.fromCodePoint(line.codePointAt(0) ?? 0);
  return line !== "" && pythonIsDigit(first) && line.slice(first.length).startsWith(". ");
}

/**
 * Reads `text` (a section's stripped content; line numbers count from its first line) as the builder
 * does. With a `start` list (the child folders, or an earlier Order's result) and a first line that is
 * a numbered item, each numbered line of the top level moves its name to its position.
 */
export function readBuilderList(text: string, start: readonly string[] = []): BuilderListReading {
  const lines = text.split("\n");
  const skipped: BuilderListReading["skipped"] = [];
  const placements: Placement[] = [];
  // `lines[0][0]` of an empty text raises IndexError.
  if (pythonLstrip(lines[0]) === "")
    return {
      list: { kind: "unordered", items: [] },
      skipped,
      placements,
      crash: { line: 0, reason: "empty" },
    };
  const root: BuilderList = isNumberLine(pythonLstrip(lines[0]))
    ? { kind: "ordered", items: start.map((name) => ({ text: name, child: undefined, line: undefined })) }
    : { kind: "unordered", items: [] };
  const fillsStart = root.kind === "ordered" && start.length > 0;
  let stack: [number, BuilderList][] = [[0, root]];

  for (let i = 0; i < lines.length; i++) {
    const fullLine = lines[i];
    const line = pythonLstrip(fullLine);
    const indent = fullLine.length - line.length;
    if (line === "") continue;
    let candidate = [...stack];
    while (candidate.length > 0 && candidate[candidate.length - 1][0] > indent) candidate.pop();
    if (candidate.length === 0) candidate = [[0, root]];
    const parent = candidate[candidate.length - 1][1];

    let itemText: string;
    let position = 0;
    if (parent.kind === "ordered") {
      if (!isNumberLine(line)) {
        skipped.push({ line: i, reason: "not-numbered", nested: parent !== root });
        continue;
      }
      const digit = String.fromCodePoint(line.codePointAt(0)!);
      const value = pythonDigitValue(digit);
      itemText = line.slice(digit.length + 2);
      if (value === undefined)
        return { list: root, skipped, placements, crash: { line: i, reason: "not-a-number" } };
      position = value - 1;
    } else {
      if (!(line.startsWith("- ") || line.startsWith("* "))) {
        skipped.push({ line: i, reason: "not-bulleted", nested: parent !== root });
        continue;
      }
      itemText = line.slice(2);
    }
    stack = candidate;

    let child: BuilderList | undefined;
    if (i < lines.length - 1) {
      const next = lines[i + 1];
      const nextLine = pythonLstrip(next);
      if (next.length - nextLine.length > indent) {
        // `is_number_line` of a line of spaces raises IndexError.
        if (nextLine === "")
          return { list: root, skipped, placements, crash: { line: i + 1, reason: "blank-after-item" } };
        child = { kind: isNumberLine(nextLine) ? "ordered" : "unordered", items: [] };
        stack.push([indent + 1, child]);
      }
    }

    const item: BuilderListItem = { text: itemText, child, line: i };
    if (parent === root && fillsStart) {
      const placement = insertItem(root.items, position, item, i);
      if (!placement) return { list: root, skipped, placements, crash: { line: i, reason: "out-of-range" } };
      placements.push(placement);
    } else parent.items.push(item);
  }
  return { list: root, skipped, placements, crash: undefined };
}

/**
 * `UL.insert(idx, item)`: removes an equal item (same text, no sub-list: pydantic equality), else pops
 * the one at `idx` (IndexError out of range), then inserts with Python's clamping of `idx`.
 */
function insertItem(
  items: BuilderListItem[],
  position: number,
  item: BuilderListItem,
  line: number,
): Placement | undefined {
  const own =
    item.child === undefined ? items.findIndex((other) => other.text === item.text && !other.child) : -1;
  let removed: BuilderListItem | undefined;
  if (own !== -1) removed = items.splice(own, 1)[0];
  else {
    if (position >= items.length || position < -items.length) return undefined;
    removed = items.splice(position < 0 ? items.length + position : position, 1)[0];
  }
  const index = position < 0 ? Math.max(0, items.length + position) : Math.min(position, items.length);
  items.splice(index, 0, item);
  return { line, item, index, removed, displaced: own === -1 };
}

/** The texts of the top-level items: `str_list`. */
export function itemTexts(list: BuilderList): string[] {
  return list.items.map((item) => item.text);
}
