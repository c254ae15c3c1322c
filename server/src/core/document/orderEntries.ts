import type { Range } from "vscode-languageserver-types";
import { nodeFolderName } from "../../shared/nodeNames";
import { nfc } from "../paths";
import type { ParsedMarkdown } from "./parsedDocument";
import { type FoundSection, proseLines } from "./sections";

/** One line of an Order section, read leniently so that a badly written entry still names its child. */
export interface OrderEntry {
  line: number;
  /** The number before the dot, when there is one. */
  number: number | undefined;
  numberRange: Range | undefined;
  /** The folder name the entry means (spaces read as underscores), NFC-normalised. */
  name: string;
  nameRange: Range;
  /** Whether the line is exactly `N. Folder_Name`. */
  wellFormed: boolean;
  /**
   * The name as written (spaces kept), NFC-normalised, when the line is `N. Name With Spaces`: how a
   * folder whose own name has spaces (a node/name problem, not an Order one) is listed.
   */
  spacedName?: string;
  /** The whole entry without surrounding space. */
  range: Range;
}

const wellFormedEntry = /^(\d+)\. (\S+)$/;
// `s`: a line may hold U+2028 or a lone CR (not line breaks here), which `.` would not match (fuzz).
const lenientEntry = /^(\s*)(?:(\d+)\s*[.)]|[-*+])?\s*(.*?)\s*$/s;
const spacedEntry = /^\d+\. \S.*\S$/;

/**
 * The entries read once per document version and section: a quick fix per Order diagnostic reads them
 * again, and a document with hundreds of bad entries made that quadratic (fuzz: 0.5 s of code actions).
 */
const entriesByDocument = new WeakMap<ParsedMarkdown, Map<string, readonly OrderEntry[]>>();

/** The Order entries of a section (a fresh array; the entries themselves are shared, never changed). */
export function readOrderEntries(parsed: ParsedMarkdown, section: FoundSection): OrderEntry[] {
  let bySection = entriesByDocument.get(parsed);
  if (!bySection) entriesByDocument.set(parsed, (bySection = new Map()));
  const key = `${section.heading.line}:${section.contentStartLine}:${section.endLine}`;
  let entries = bySection.get(key);
  if (!entries) bySection.set(key, (entries = readEntries(parsed, section)));
  return [...entries];
}

function readEntries(parsed: ParsedMarkdown, section: FoundSection): OrderEntry[] {
  const entries: OrderEntry[] = [];
  for (const { line, text } of proseLines(parsed, section)) {
    if (text.trim() === "") continue;
    const range = parsed.lines.lineRange(line);
    const strict = text.match(wellFormedEntry);
    if (strict) {
      const nameStart = strict[1].length + 2;
      entries.push({
        line,
        number: Number(strict[1]),
        numberRange: { start: { line, character: 0 }, end: { line, character: strict[1].length } },
        name: nfc(strict[2]),
        nameRange: {
          start: { line, character: nameStart },
          end: { line, character: nameStart + strict[2].length },
        },
        wellFormed: true,
        range,
      });
      continue;
    }
    const loose = text.match(lenientEntry)!;
    const numberStart = loose[2] === undefined ? -1 : text.indexOf(loose[2], loose[1].length);
    const nameText = loose[3];
    const nameStart = nameText ? text.lastIndexOf(nameText) : range.end.character;
    entries.push({
      line,
      number: loose[2] === undefined ? undefined : Number(loose[2]),
      numberRange:
        numberStart === -1
          ? undefined
          : {
              start: { line, character: numberStart },
              end: { line, character: numberStart + loose[2].length },
            },
      name: nfc(nodeFolderName(nameText)),
      nameRange: {
        start: { line, character: nameStart },
        end: { line, character: nameStart + nameText.length },
      },
      wellFormed: false,
      spacedName: spacedEntry.test(text) ? nfc(nameText) : undefined,
      range,
    });
  }
  return entries;
}
