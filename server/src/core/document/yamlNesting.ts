import { type Document, parseDocument } from "yaml";

/**
 * The yaml package recurses once per level of nesting and overflows the stack from about a thousand
 * levels (found by the fuzz suite: `[` 1,000 deep in a frontmatter, `- - - ...` 3,000 deep on one line,
 * a data file nested 3,000 levels). A text nested deeper than these limits is not given to it; no real
 * frontmatter or data file comes near them.
 */
export const maxYamlFlowDepth = 100;
/** Block nesting, counted as indentation columns plus the compact `- ` and `? ` indicators of a line. */
export const maxYamlBlockDepth = 256;

/** Where a YAML text cannot be read, and why, as a phrase ("nests … deep"). */
export interface TooDeep {
  offset: number;
  reason: string;
}

/**
 * A YAML text parsed, unless it cannot be: it nests too deep as the text shows (yamlTooDeep), or as the
 * parser nests it while recovering from errors, which no scan of the text foresees (attack: 1,000 lines
 * of `k: a: b: c`, each read as a mapping inside the one before, overflowed the stack; V8 reports that
 * as a RangeError, or as a SyntaxError when it happens while a regular expression is compiled).
 */
export function parseYamlWithinLimits(
  text: string,
  options: Parameters<typeof parseDocument>[1],
): { document: Document.Parsed } | { unreadable: TooDeep } {
  const tooDeep = yamlTooDeep(text);
  if (tooDeep) return { unreadable: tooDeep };
  try {
    return { document: parseDocument(text, options) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = /call stack/i.test(message)
      ? "nests its entries deeper than the YAML reader can follow"
      : `stops the YAML reader (${message})`;
    return { unreadable: { offset: 0, reason } };
  }
}

/**
 * Where a YAML text first nests past the limits, with what it nests (an overestimate: quotes are not
 * skipped, so only absurd text is flagged), or undefined.
 */
export function yamlTooDeep(text: string): TooDeep | undefined {
  let flow = 0;
  let lineStart = true;
  let block = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) {
      lineStart = true;
      block = 0;
      continue;
    }
    if (lineStart) {
      // Indentation and compact indicators (`- - x`, `? - x`) each open a level of block nesting.
      const indicator = (code === 45 || code === 63) && isBlank(text.charCodeAt(i + 1));
      if (code === 32 || code === 9 || indicator) {
        if (++block > maxYamlBlockDepth)
          return { offset: i, reason: `nests blocks over ${maxYamlBlockDepth} levels deep` };
        continue;
      }
      lineStart = false;
    }
    if (code === 91 || code === 123) {
      if (++flow > maxYamlFlowDepth)
        return { offset: i, reason: `nests \`[\` or \`{\` over ${maxYamlFlowDepth} levels deep` };
    } else if ((code === 93 || code === 125) && flow > 0) flow--;
  }
  return undefined;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || Number.isNaN(code);
}
