import type { Position, Range } from "vscode-languageserver-types";
import { parseJsonDocument, schemaProblems } from "../../../json/jsonDocument";
import type { NodeReading } from "../../../map/nodeReading";
import type { MarkdownContext } from "../../../model/markdownContext";
import type { Problem } from "../../../problem";
import { builtinValidators } from "../jsonChecks";

/**
 * A breakdown's `### Paper`: JSON the builder parses (invalid JSON, or anything but an object, stops the
 * build), then the paper schema, with every range inside the block.
 */
export function checkBreakdownPaper(context: MarkdownContext, reading: NodeReading): Problem[] {
  const paper = reading.paper;
  if (!paper) return [];
  const heading = context.parsed.lines.lineRange(paper.section.headingLine);
  const document = parseJsonDocument(paper.json, false);
  if (!paper.value) {
    const first = document.syntaxProblems[0];
    return [
      {
        code: "breakdown/invalid-paper",
        range: first ? shift(first.range, paper.start) : heading,
        message: `The Paper is not valid JSON${first ? ` (${first.message.replace(/^Invalid JSON: /, "").replace(/\.$/, "")})` : ""}: the map build stops.`,
      },
    ];
  }
  const value = paper.value.parsed;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [
      {
        code: "breakdown/invalid-paper",
        range: heading,
        message: `The Paper is ${Array.isArray(value) ? "a list" : value === null ? "null" : `a ${typeof value}`}, not a JSON object: the map build stops (the builder reads its \`title\`).`,
      },
    ];
  }
  const validate = builtinValidators().breakdownPaper;
  if (validate(value)) return [];
  return schemaProblems(document, validate.errors ?? [], "breakdown/paper-schema").map((problem) => ({
    ...problem,
    range: shift(problem.range, paper.start),
  }));
}

/** A range within the block's JSON moved to the document. */
function shift(range: Range, start: Position): Range {
  const move = (position: Position): Position =>
    position.line === 0
      ? { line: start.line, character: start.character + position.character }
      : { line: start.line + position.line, character: position.character };
  return { start: move(range.start), end: move(range.end) };
}
