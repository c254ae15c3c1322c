import { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";

/** The class of MDX source shown as inert code (ESM, expressions, expression props). */
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
  "details",
] as const;

/**
 * The `kb-*` classes the renderer's own elements carry (callouts, component boxes, directives, the
 * collapsed ESM), by element. They are allowed here because the renderer builds those elements in the
 * Markdown tree, before sanitizing; raw HTML in a `.md` file may use them too, which can only style its
 * text like a callout: a class selects rules of the page's own stylesheet, it cannot load or run anything.
 */
const renderedClasses: Record<string, string[]> = {
  div: [
    "kb-callout",
    "kb-callout-note",
    "kb-callout-tip",
    "kb-callout-caution",
    "kb-callout-danger",
    "kb-callout-warning",
    "kb-callout-other",
    "kb-component",
    "kb-component-label",
    "kb-component-body",
  ],
  span: [
    "kb-component",
    "kb-component-inline",
    "kb-component-name",
    "kb-component-body",
    "kb-component-props",
    "kb-component-prop",
    "kb-component-prop-name",
    "kb-component-prop-value",
    "kb-callout-name",
    "kb-directive",
  ],
  p: ["kb-callout-title", "kb-directive"],
  details: ["kb-esm"],
};

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
 * somewhere, and extended with `data-line` on blocks, the renderer's `kb-*` classes, and remark-math's
 * `math-inline`/`math-display` on `code` (the placeholders mathRendering.ts typesets after sanitizing:
 * KaTeX's output never passes through this schema, and this schema allows none of it: no `style`, no
 * SVG, no MathML). Everything else the page needs (link classes, cards) is added after sanitizing.
 */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...Object.fromEntries(
      Object.entries(defaultAttributes).map(([tag, list]) => [tag, withoutDropped(list)]),
    ),
    ...Object.fromEntries(
      [...new Set([...lineMarkedTags, ...Object.keys(renderedClasses)])].map((tag) => [
        tag,
        [
          ...withoutDropped(defaultAttributes[tag] ?? []),
          ...((lineMarkedTags as readonly string[]).includes(tag) ? ["dataLine"] : []),
          ...(renderedClasses[tag] ? [["className", ...renderedClasses[tag]] as [string, ...string[]]] : []),
        ],
      ]),
    ),
    code: [["className", /^language-./, jsxClass, "math-inline", "math-display"], "dataLine"],
  },
};
