import type { Range } from "vscode-languageserver-types";
import { withoutCodeSpans } from "./links";
import type { ParsedMarkdown } from "./parsedDocument";

/** An attribute of a component written in a page, whose value is a string: `<EntityLink id="E123">`. */
export interface AttributeValue {
  component: string;
  attribute: string;
  value: string;
  /** The value without its quotes. */
  range: Range;
  /** False while the value is being typed (`id="E1` with no closing quote on its line): a completion's place, not a use. */
  closed: boolean;
}

/** The attributes to read: attribute names by component name. */
export type WantedAttributes = ReadonlyMap<string, ReadonlySet<string>>;

const componentStart = /<([A-Za-z_$][\w$.-]*)(?=[\s/>]|$)/g;

/**
 * The string values of the wanted attributes of components in a page's prose (not in code, comments or
 * ESM), as MDX reads them: `id="E1"`, `id='E1'`, or an expression that is a string literal (`id={"E1"}`).
 * A tag may run over several lines. Other expressions (`id={entity.id}`) are computed by the site: skipped.
 */
export function findAttributeValues(parsed: ParsedMarkdown, wanted: WantedAttributes): AttributeValue[] {
  const found: AttributeValue[] = [];
  const { lines, outline } = parsed;
  for (let line = outline.bodyStartLine; line < lines.lineCount; line++) {
    const raw = lines.lines[line];
    if (outline.isOpaqueLine(line) || !raw.includes("<")) continue;
    const prose = withoutCodeSpans(raw);
    for (const match of prose.matchAll(componentStart)) {
      const attributes = wanted.get(match[1]);
      if (!attributes) continue;
      const tagStart = lines.offsetAt({ line, character: match.index });
      for (const attribute of readAttributes(lines.text, tagStart + match[0].length)) {
        if (!attributes.has(attribute.name) || attribute.value === undefined) continue;
        found.push({
          component: match[1],
          attribute: attribute.name,
          value: attribute.value,
          range: lines.rangeOfOffsets(attribute.valueStart, attribute.valueStart + attribute.value.length),
          closed: attribute.closed,
        });
      }
    }
  }
  return found;
}

interface RawAttribute {
  name: string;
  /** The string value; undefined for a boolean attribute or a computed expression. */
  value: string | undefined;
  valueStart: number;
  closed: boolean;
}

/** The attributes of a tag from just after its name to its `>` (or the end of the text). */
function* readAttributes(text: string, from: number): Generator<RawAttribute> {
  let at = from;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at])) at++;
  };
  for (;;) {
    skipSpace();
    if (at >= text.length || text[at] === ">" || text[at] === "/") return;
    if (text[at] === "{") {
      // A spread (`{...props}`): nothing to read.
      at = endOfExpression(text, at);
      continue;
    }
    const name = /^[A-Za-z_$][\w$:.-]*/.exec(text.slice(at, at + 256))?.[0];
    if (!name) return;
    at += name.length;
    skipSpace();
    if (text[at] !== "=") {
      yield { name, value: undefined, valueStart: at, closed: true };
      continue;
    }
    at++;
    skipSpace();
    const quote = text[at];
    if (quote === '"' || quote === "'") {
      const end = text.indexOf(quote, at + 1);
      const lineEnd = text.indexOf("\n", at);
      if (end === -1 || (lineEnd !== -1 && lineEnd < end)) {
        // Still being typed: the value runs to the end of its word.
        const typed = /^[^\s>"'{}]*/.exec(text.slice(at + 1, at + 257))![0];
        yield { name, value: typed, valueStart: at + 1, closed: false };
        return;
      }
      yield { name, value: text.slice(at + 1, end), valueStart: at + 1, closed: true };
      at = end + 1;
    } else if (quote === "{") {
      const end = endOfExpression(text, at);
      const literal = /^\{\s*(["'`])([^"'`\\$]*)\1\s*\}$/.exec(text.slice(at, end));
      const valueStart = literal ? text.indexOf(literal[1], at) + 1 : at;
      yield { name, value: literal?.[2], valueStart, closed: true };
      at = end;
    } else return;
  }
}

/** The offset just after the `}` that closes the expression opening at `start` (strings skipped). */
function endOfExpression(text: string, start: number): number {
  let depth = 0;
  for (let at = start; at < text.length; at++) {
    const character = text[at];
    if (character === '"' || character === "'" || character === "`") {
      const end = text.indexOf(character, at + 1);
      if (end === -1) return text.length;
      at = end;
    } else if (character === "{") depth++;
    else if (character === "}" && --depth === 0) return at + 1;
  }
  return text.length;
}
