import { type BuilderListReading, type CrashReason, itemTexts, readBuilderList } from "./builderList";
import type { Position } from "vscode-languageserver-types";
import { type BuilderSection, splitBuilderSections } from "./builderSections";

/** What a map's folder is to the builder: a node (its file shows the node) or a breakdown of a breakdown node. */
export type NodeRole = "node" | "breakdown";

/** A breakdown's `### Paper`: the JSON the builder parses (a ```json block's inside, else the whole section). */
export interface PaperBlock {
  section: BuilderSection;
  json: string;
  /** Where `json` starts in the document. */
  start: Position;
  /** The parsed value; undefined when `json.loads` raises (the build stops). */
  value: { parsed: unknown } | undefined;
}

/** The sections each role's file is read for; any other `###` heading is passed over, its text never shown. */
export const sectionsReadBy: Record<NodeRole, readonly string[]> = {
  node: ["Mini Description", "Description", "Questions", "Related Nodes", "Order"],
  breakdown: ["Paper", "Explanation", "Order"],
};

/** The sections read as lists (an empty one stops the build). */
const listSections = new Set(["Order", "Questions", "Related Nodes"]);

export interface ListSectionReading {
  section: BuilderSection;
  reading: BuilderListReading;
}

export interface OrderReading extends ListSectionReading {
  /** The children as they stood before this Order (the sorted folders, or an earlier Order's result). */
  start: string[];
}

/** Where the build stops while reading this file. */
export interface BuildCrash {
  section: BuilderSection;
  /** The document line. */
  line: number;
  reason: CrashReason;
}

/** A node or breakdown file as the builder reads it (its text and its folder's sorted sub-folders only). */
export interface NodeReading {
  role: NodeRole;
  sections: BuilderSection[];
  orders: OrderReading[];
  lists: ListSectionReading[];
  /** The child names after every Order, in order (a breakdown node's `Paper: "..."` entries not yet mapped). */
  names: string[];
  /** A breakdown's paper (the last `### Paper`: a repeated section overwrites). */
  paper: PaperBlock | undefined;
  crash: BuildCrash | undefined;
}

/** The document line of line `index` of a section's content. */
export function contentLine(section: BuilderSection, index: number): number {
  return section.contentStart.line + index;
}

/**
 * Reads a node's or breakdown's file: the sections the builder reads, in file order; each Order applied to
 * the names before it; the first exception the builder would raise.
 */
export function readNodeFile(
  lines: readonly string[],
  sortedFolders: readonly string[],
  role: NodeRole,
): NodeReading {
  const sections = splitBuilderSections(lines);
  const read = sectionsReadBy[role];
  const orders: OrderReading[] = [];
  const lists: ListSectionReading[] = [];
  let names = [...sortedFolders];
  let crash: BuildCrash | undefined;
  let paper: PaperBlock | undefined;
  for (const section of sections) {
    if (!read.includes(section.title)) continue;
    if (section.title === "Paper") {
      paper = readPaper(section);
      if (!paper.value) {
        crash = { section, line: paper.start.line, reason: "paper-json" };
        break;
      }
      continue;
    }
    if (!listSections.has(section.title)) continue;
    const start = names;
    const reading = readBuilderList(section.content, section.title === "Order" ? start : []);
    lists.push({ section, reading });
    if (section.title === "Order") {
      orders.push({ section, reading, start });
      names = itemTexts(reading.list);
    }
    if (reading.crash) {
      crash = { section, line: contentLine(section, reading.crash.line), reason: reading.crash.reason };
      break;
    }
  }
  return { role, sections, orders, lists, names, paper, crash };
}

function readPaper(section: BuilderSection): PaperBlock {
  const { content } = section;
  const fence = content.indexOf("```json");
  const close = fence === -1 ? -1 : content.lastIndexOf("```");
  // `rindex` looks in what follows the opening: a block without its closing fence is parsed whole (and fails).
  const inner = fence !== -1 && close >= fence + 7;
  const offset = inner ? fence + 7 : 0;
  const json = inner ? content.slice(offset, close) : content;
  return { section, json, start: positionInContent(section, offset), value: parsePythonJson(json) };
}

/** The document position of an offset into a section's content. */
export function positionInContent(section: BuilderSection, offset: number): Position {
  const before = section.content.slice(0, offset);
  const lineBreaks = before.split("\n").length - 1;
  const lastBreak = before.lastIndexOf("\n");
  return lineBreaks === 0
    ? { line: section.contentStart.line, character: section.contentStart.character + offset }
    : { line: section.contentStart.line + lineBreaks, character: offset - lastBreak - 1 };
}

/** `json.loads`: JSON, plus the NaN and Infinity that Python accepts (JSON.parse does not). */
function parsePythonJson(json: string): { parsed: unknown } | undefined {
  try {
    return { parsed: JSON.parse(json) as unknown };
  } catch {
    if (!/NaN|Infinity/.test(json)) return undefined;
    try {
      return { parsed: JSON.parse(json.replace(/-?Infinity|NaN/g, "null")) as unknown };
    } catch {
      return undefined;
    }
  }
}

/** `re.search(r"Paper: (\"|')(.*?)(\1)", entry)`: the paper title a breakdown node's entry names. */
export function paperTitleOfEntry(entry: string): string | undefined {
  return /Paper: (["'])(.*?)\1/.exec(entry)?.[2];
}
