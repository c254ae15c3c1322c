/**
 * The inline layout KaTeX gives its elements (`style="height:0.69em;vertical-align:-0.19em"`): the only
 * CSS a rendered page carries outside the stylesheets. Neither the preview's nor the site's
 * Content-Security-Policy lets a `style` attribute apply, so the renderer moves these declarations to
 * `data-kb-style` (the preview's script applies them through the CSSOM) or to a class of the site's
 * math stylesheet. Both ends accept only what this grammar reads: the properties KaTeX 0.16 writes, each
 * with the values KaTeX writes for it (lengths, colours, two keywords). No value can hold a `url(`, a
 * quote, a brace, a semicolon or a backslash, so nothing read here can load anything, escape its
 * declaration, or place an element outside its line (`position` may only be `relative`).
 * Pure, no dependency: the core and the webview script share it.
 */

/** A CSS length as KaTeX writes them (`0.6944em`, `-0.25em`, `0`, `0.04px`). */
const length = String.raw`-?(?:\d{1,6}(?:\.\d{1,6})?|\.\d{1,6})(?:em|ex|px)?`;
/** A colour as KaTeX's parser accepts them: `#rgb`, `#rrggbb`, `#rrggbbaa` or a name of letters. */
const color = String.raw`#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,30}`;
const borderStyle = "solid|dashed";

const lengths = (min: number, max: number) =>
  new RegExp(String.raw`^${length}(?:\s+${length}){${min - 1},${max - 1}}$`);

/** Each property KaTeX writes, with the values it may have. */
const allowedValues: Record<string, RegExp> = {
  ...Object.fromEntries(
    [
      "height",
      "width",
      "min-width",
      "vertical-align",
      "top",
      "bottom",
      "left",
      "margin-left",
      "margin-right",
      "margin-top",
      "padding-left",
      "border-width",
      "border-top-width",
      "border-right-width",
      "border-bottom-width",
    ].map((property) => [property, lengths(1, 1)]),
  ),
  margin: lengths(1, 4),
  "text-shadow": lengths(2, 3),
  color: new RegExp(`^(?:${color})$`),
  "background-color": new RegExp(`^(?:${color})$`),
  "border-color": new RegExp(`^(?:${color})$`),
  "border-style": new RegExp(`^(?:${borderStyle})$`),
  "border-right-style": new RegExp(`^(?:${borderStyle})$`),
  border: new RegExp(String.raw`^${length}\s+(?:${borderStyle})\s+(?:${color})$`),
  position: /^relative$/,
};

/** Declarations longer than this are not layout KaTeX wrote (its longest are about 60 characters). */
const maxStyleLength = 400;

/**
 * The declarations of a `style` text that the grammar allows, as `[property, value]` pairs in their
 * order; any other declaration is left out (the rest still apply).
 */
export function layoutDeclarations(style: string): [string, string][] {
  if (style.length > maxStyleLength) return [];
  const declarations: [string, string][] = [];
  for (const part of style.split(";")) {
    const colon = part.indexOf(":");
    if (colon === -1) continue;
    const property = part.slice(0, colon).trim().toLowerCase();
    const value = part.slice(colon + 1).trim();
    const allowed = Object.hasOwn(allowedValues, property) ? allowedValues[property] : undefined;
    if (allowed?.test(value)) declarations.push([property, value]);
  }
  return declarations;
}

/** The allowed declarations of a `style` text written back as one (`height:1em;top:0`), or "" when none is. */
export function safeLayoutStyle(style: string): string {
  return layoutDeclarations(style)
    .map(([property, value]) => `${property}:${value}`)
    .join(";");
}
