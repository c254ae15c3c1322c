/**
 * remark-directive's cost grows much faster than the nesting of `:::` containers (found while adding it:
 * 400 nested containers take 0.7 s, 800 take 2.6 s, and 800 separated by blank lines 8.9 s), and blank
 * lines do not end a container, so the parse guard's blocks cannot isolate one. A text nested deeper
 * than this is read without directives (they show as text, after a notice); no real page comes near it.
 */
const maxDirectiveDepth = 20;

const opening = /^[ \t]*(:{3,})[A-Za-z]/;
const closing = /^[ \t]*:{3,}[ \t]*$/;

/**
 * Why the text's directives are not read, if they are not: the deepest nesting of container directives,
 * counted over its lines (an opening `:::name` line goes one deeper, a closing `:::` line one back; lines
 * in code fences count too, which can only make a text look deeper than it is).
 */
export function directivesTooDeep(text: string): string | undefined {
  if (!text.includes(":::")) return undefined;
  let depth = 0;
  for (const line of text.split("\n")) {
    if (opening.test(line)) depth++;
    else if (closing.test(line)) depth = Math.max(0, depth - 1);
    if (depth > maxDirectiveDepth) return `\`:::\` directives are nested over ${maxDirectiveDepth} deep`;
  }
  return undefined;
}
