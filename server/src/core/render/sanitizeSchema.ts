import { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";

/** The classes document content may carry after sanitizing: GitHub's own, and the inert MDX marker. */
export const jsxClass = "kb-jsx";

/** Blocks that carry `data-line` (0-based source line) for scroll sync. */
const lineMarkedTags = [
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "table",
  "tr",
  "pre",
  "code",
  "blockquote",
  "hr",
] as const;

/**
 * Attributes GitHub's schema allows that can still fetch or point somewhere: `action` (allowed on
 * every element, with no protocol check), `longDesc` on images and `srcSet` on `<source>` (remote
 * images the webview must never load).
 */
const droppedAttributes = new Set(["action", "longDesc", "srcSet"]);

function withoutDropped(list: NonNullable<SanitizeSchema["attributes"]>[string]) {
  return list.filter((entry) => !droppedAttributes.has(typeof entry === "string" ? entry : entry[0]));
}

const defaultAttributes = defaultSchema.attributes ?? {};

/**
 * GitHub's sanitizing schema (what a README may contain), narrowed where it could load or point
 * somewhere, and extended with `data-line` on blocks and the one `kb-*` class document content uses
 * (`code.kb-jsx`). Everything else the page needs (link classes, cards) is added after sanitizing.
 */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...Object.fromEntries(
      Object.entries(defaultAttributes).map(([tag, list]) => [tag, withoutDropped(list)]),
    ),
    ...Object.fromEntries(
      lineMarkedTags.map((tag) => [tag, [...withoutDropped(defaultAttributes[tag] ?? []), "dataLine"]]),
    ),
    code: [["className", /^language-./, jsxClass], "dataLine"],
  },
};
