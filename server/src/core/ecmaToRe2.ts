/**
 * Rewrites an ECMAScript regular expression (as JSON Schema and `nodeNamePattern` write them: the `u`
 * flag, already known to be valid) into RE2 syntax with the same meaning, or names the feature RE2 lacks.
 * RE2 spells some things differently (`\x{…}` for `\u…`), gives others another meaning (`.`, `\s`, `[`
 * inside a class) and has no lookaround or backreference: those are what make a backtracking engine
 * necessary, so a pattern using them cannot be matched in linear time at all.
 */
export type Translation = { ok: true; source: string } | { ok: false; feature: string };

/** ECMAScript's `\s` (white space and line terminators), which RE2 limits to ASCII. */
const whiteSpace = String.raw`\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`;
/** ECMAScript's `.` without the `s` flag excludes every line terminator, RE2's only `\n`. */
const anyButLineTerminator = String.raw`[^\n\r\x{2028}\x{2029}]`;
const everything = String.raw`\x{0}-\x{10ffff}`;

/** Long General_Category names, which ECMAScript accepts and RE2 knows only by their short form. */
const categoryAliases: Record<string, string> = {
  Letter: "L",
  Cased_Letter: "LC",
  Uppercase_Letter: "Lu",
  Lowercase_Letter: "Ll",
  Titlecase_Letter: "Lt",
  Modifier_Letter: "Lm",
  Other_Letter: "Lo",
  Mark: "M",
  Combining_Mark: "M",
  Nonspacing_Mark: "Mn",
  Spacing_Mark: "Mc",
  Enclosing_Mark: "Me",
  Number: "N",
  Decimal_Number: "Nd",
  digit: "Nd",
  Letter_Number: "Nl",
  Other_Number: "No",
  Punctuation: "P",
  punct: "P",
  Connector_Punctuation: "Pc",
  Dash_Punctuation: "Pd",
  Open_Punctuation: "Ps",
  Close_Punctuation: "Pe",
  Initial_Punctuation: "Pi",
  Final_Punctuation: "Pf",
  Other_Punctuation: "Po",
  Symbol: "S",
  Math_Symbol: "Sm",
  Currency_Symbol: "Sc",
  Modifier_Symbol: "Sk",
  Other_Symbol: "So",
  Separator: "Z",
  Space_Separator: "Zs",
  Line_Separator: "Zl",
  Paragraph_Separator: "Zp",
  Other: "C",
  Control: "Cc",
  cntrl: "Cc",
  Format: "Cf",
  Surrogate: "Cs",
  Private_Use: "Co",
  Unassigned: "Cn",
};

export function ecmaToRe2(pattern: string): Translation {
  let out = "";
  let inClass = false;
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i];
    if (char === "\\") {
      const escape = translateEscape(pattern, i, inClass);
      if ("feature" in escape) return { ok: false, feature: escape.feature };
      out += escape.text;
      i = escape.end;
    } else if (inClass) {
      if (char === "]") inClass = false;
      // `[` is an ordinary character in an ECMAScript class; RE2 would read `[:alpha:]` as a POSIX class.
      out += char === "[" ? "\\[" : char;
      i++;
    } else if (char === "[") {
      if (pattern.startsWith("[^]", i)) {
        out += `[${everything}]`;
        i += 3;
      } else if (pattern.startsWith("[]", i)) {
        out += `[^${everything}]`;
        i += 2;
      } else {
        inClass = true;
        // A leading `]` cannot occur: ECMAScript would have closed the (empty) class with it.
        out += pattern.startsWith("[^", i) ? "[^" : "[";
        i += pattern.startsWith("[^", i) ? 2 : 1;
      }
    } else if (char === "(" && pattern[i + 1] === "?") {
      if (pattern[i + 2] === "=" || pattern[i + 2] === "!")
        return { ok: false, feature: "lookahead `(?=…)`" };
      if (pattern.startsWith("<=", i + 2) || pattern.startsWith("<!", i + 2))
        return { ok: false, feature: "lookbehind `(?<=…)`" };
      out += char;
      i++;
    } else {
      out += char === "." ? anyButLineTerminator : char;
      i++;
    }
  }
  return { ok: true, source: out };
}

type Escape = { text: string; end: number } | { feature: string };

/** The escape at `start` (a backslash) in RE2 syntax, and where it ends. */
function translateEscape(pattern: string, start: number, inClass: boolean): Escape {
  const letter = pattern[start + 1];
  const end = start + 2;
  switch (letter) {
    case "u":
      return unicodeEscape(pattern, start);
    case "c":
      return { text: codePoint(pattern.charCodeAt(end) % 32), end: end + 1 };
    case "0":
      return { text: codePoint(0), end };
    case "k":
      return { feature: "a backreference `\\k<…>`" };
    case "s":
      return { text: inClass ? whiteSpace : `[${whiteSpace}]`, end };
    case "S":
      // Inside a class RE2's ASCII `\S` stays: it differs only on the non-ASCII spaces listed above.
      return { text: inClass ? "\\S" : `[^${whiteSpace}]`, end };
    case "b":
      return { text: inClass ? codePoint(8) : "\\b", end };
    case "p":
    case "P":
      return propertyEscape(pattern, start);
    default:
      if (letter >= "1" && letter <= "9") return { feature: "a backreference `\\1`" };
      return { text: "\\" + letter, end };
  }
}

/** `\uXXXX` (a surrogate pair of them is one code point under the `u` flag) or `\u{X…}`. */
function unicodeEscape(pattern: string, start: number): Escape {
  if (pattern[start + 2] === "{") {
    const close = pattern.indexOf("}", start);
    return { text: `\\x{${pattern.slice(start + 3, close)}}`, end: close + 1 };
  }
  const high = parseInt(pattern.slice(start + 2, start + 6), 16);
  const low = /^\\u[\dA-Fa-f]{4}/.test(pattern.slice(start + 6, start + 12))
    ? parseInt(pattern.slice(start + 8, start + 12), 16)
    : NaN;
  if (high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff)
    return { text: codePoint(0x10000 + (high - 0xd800) * 0x400 + (low - 0xdc00)), end: start + 12 };
  return { text: codePoint(high), end: start + 6 };
}

/** `\p{…}`: `Script=Greek` and long category names become the short names RE2 knows. */
function propertyEscape(pattern: string, start: number): Escape {
  const close = pattern.indexOf("}", start);
  const body = pattern.slice(start + 3, close);
  const [key, value] = body.includes("=") ? body.split("=") : ["", body];
  if (key === "Script_Extensions" || key === "scx") return { feature: `the Unicode property \`${key}\`` };
  const name = categoryAliases[value] ?? value;
  return { text: `\\${pattern[start + 1]}{${name}}`, end: close + 1 };
}

function codePoint(value: number): string {
  return `\\x{${value.toString(16)}}`;
}
