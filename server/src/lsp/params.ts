import { ErrorCodes, type Position, type Range, ResponseError } from "vscode-languageserver";

/**
 * The parts of a request's params that the handlers read, checked: a client that sends `params: null`
 * or a position that is no position gets InvalidParams (-32602), not an internal error from the handler.
 */
export function documentUri(params: unknown): string {
  const uri = (params as { textDocument?: { uri?: unknown } } | null | undefined)?.textDocument?.uri;
  if (typeof uri !== "string") throw invalid("textDocument.uri must be a string");
  return uri;
}

export function positionOf(params: unknown): Position {
  const position = (params as { position?: unknown } | null | undefined)?.position;
  if (!isPosition(position)) throw invalid("position must be { line, character } with whole numbers from 0");
  return position;
}

export function rangeOf(params: unknown): Range {
  const range = (params as { range?: { start?: unknown; end?: unknown } } | null | undefined)?.range;
  if (!range || !isPosition(range.start) || !isPosition(range.end))
    throw invalid("range must hold a start and an end position");
  return { start: range.start, end: range.end };
}

function isPosition(value: unknown): value is Position {
  const { line, character } = (value ?? {}) as { line?: unknown; character?: unknown };
  return isIndex(line) && isIndex(character);
}

function isIndex(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `Invalid params: ${message}.`);
}
