/*
 * Python's string semantics, where the map builder (a Python program) depends on them: what
 * `str.strip()` removes, what `str.isdigit()` accepts and `int()` reads, how `sorted()` orders names.
 * JavaScript differs on each (`trim()` removes a BOM and keeps U+001C-U+001F; `<` compares UTF-16 units).
 */

/** The characters `str.isspace()` accepts (and `\s` matches in a Python `re` pattern over `str`). */
export const pythonWhitespaceClass =
  "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

const leadingWhitespace = new RegExp(`^[${pythonWhitespaceClass}]+`);
const trailingWhitespace = new RegExp(`[${pythonWhitespaceClass}]+$`);

/** `s.lstrip()`. */
export function pythonLstrip(text: string): string {
  return text.replace(leadingWhitespace, "");
}

/** `s.strip()`. */
export function pythonStrip(text: string): string {
  return text.replace(leadingWhitespace, "").replace(trailingWhitespace, "");
}

/** `s.lstrip(chars)`: removes any of `chars` from the start (a set of characters, not a prefix). */
export function pythonLstripChars(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text[start])) start++;
  return text.slice(start);
}

const decimalDigit = /^\p{Nd}$/u;
/** Digits that `str.isdigit()` accepts but `int()` refuses: superscripts, subscripts, circled digits. */
const nonDecimalDigit =
  /^[\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24f5-\u24fd\u24ea\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\u1369-\u1371\u19da]$/u;

/** `c.isdigit()` for one character (a code point). */
export function pythonIsDigit(char: string): boolean {
  return decimalDigit.test(char) || nonDecimalDigit.test(char);
}

/** `int(c)` for one digit character: its value, or undefined where Python raises ValueError. */
export function pythonDigitValue(char: string): number | undefined {
  if (!decimalDigit.test(char)) return undefined;
  // Decimal digits come in runs of ten from zero, and runs may adjoin (the mathematical digits): the
  // distance from the start of the whole run, modulo ten.
  let before = 0;
  while (decimalDigit.test(String.fromCodePoint(char.codePointAt(0)! - before - 1))) before++;
  return before % 10;
}

/** Python's order of strings: by code point (JavaScript's `<` compares UTF-16 units, which differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    // A surrogate (a code point above U+FFFF) sorts after every BMP character, though its unit may be lower.
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
