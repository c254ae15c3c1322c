import type { RegExpEngine } from "ajv/dist/types";
import { RE2JS } from "re2js";
import { ecmaToRe2 } from "./ecmaToRe2";

/**
 * Regular expressions that a workspace supplies (a schema's `pattern` and `patternProperties`, the
 * configuration's `nodeNamePattern`, route and footnote globs) run on RE2 (re2js): matching takes time
 * linear in the text, so no pattern can hang a check. JavaScript's own engine backtracks: `^(a+)+$`
 * against 32 `a` then `!` took 52 s.
 *
 * Patterns are written in JavaScript's syntax (JSON Schema's) and translated to RE2's with the same
 * meaning (`ecmaToRe2.ts`: `\u` escapes and surrogate pairs, `.`, `\s`, long Unicode property names).
 * RE2 has no lookaround and no backreferences: such a pattern cannot be compiled, and the callers say
 * what happens then (a schema's pattern is not applied; a configured one is reported).
 */
export interface LinearRegExp {
  test(text: string): boolean;
  /** Names the pattern: ajv keys the patterns it has compiled by it. */
  toString(): string;
}

/** Compiled patterns, by flags and source: a map's 5,800 nodes test one `nodeNamePattern`. */
const compiled = new Map<string, LinearRegExp>();
const maxCompiled = 256;

/** The pattern compiled for RE2; throws an Error saying why when RE2 cannot compile it. */
export function linearRegExp(pattern: string, caseInsensitive = false): LinearRegExp {
  const key = (caseInsensitive ? "i:" : ":") + pattern;
  let regExp = compiled.get(key);
  if (!regExp) {
    // JavaScript's parser first: the translation reads valid ECMAScript only (compiling never backtracks).
    new RegExp(pattern, "u");
    const translated = ecmaToRe2(pattern);
    if (!translated.ok) throw new Error(`it uses ${translated.feature}`);
    const re2 = RE2JS.compile(translated.source, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
    regExp = { test: (text) => re2.test(text), toString: () => key };
    if (compiled.size >= maxCompiled) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, regExp);
  }
  return regExp;
}

/** Whether a text matches a pattern; undefined when RE2 cannot compile the pattern. */
export function testLinear(pattern: string, text: string): boolean | undefined {
  try {
    return linearRegExp(pattern).test(text);
  } catch {
    return undefined;
  }
}

/**
 * ajv's engine for `pattern`, `patternProperties` and `propertyNames` (option `code.regExp`). A pattern
 * that RE2 cannot compile is not applied (every value passes it) rather than failing the whole schema:
 * a schema with a lookahead is valid JSON Schema, and refusing it would be a false alarm on every page.
 * `notApplied` hears of each such pattern and why, so that the file naming the schema can say so.
 */
export function linearRegExpEngine(notApplied: (pattern: string, reason: string) => void): RegExpEngine {
  return Object.assign(
    (pattern: string): LinearRegExp => {
      try {
        return linearRegExp(pattern);
      } catch (error) {
        notApplied(pattern, (error as Error).message);
        return { test: () => true, toString: () => `not applied:${pattern}` };
      }
    },
    { code: "kbAuthorLinearRegExp" },
  );
}
