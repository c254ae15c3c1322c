import type { Schema } from "hast-util-sanitize";

/**
 * What KaTeX's output (`output: "htmlAndMathml"`, `trust: false`) may keep, applied to that output only:
 * the document's own HTML goes through sanitizeSchema.ts, which allows none of this. KaTeX does not echo
 * the TeX as markup (it escapes every character it prints), and with `trust: false` it renders none of the
 * commands that would write a link, a class, an id, a style or an image (`\href`, `\url`, `\htmlClass`,
 * `\htmlId`, `\htmlStyle`, `\htmlData`, `\includegraphics`: they show as red text). This schema is the
 * second line, should a KaTeX version ever write more. Why each allowance is safe:
 *
 * - Elements: `span` (KaTeX's boxes), `svg` with `path` and `line` (stretchy delimiters, radicals, arrows,
 *   `\cancel`), and the presentation MathML elements for screen readers (hidden by katex.min.css). Not
 *   allowed: `a`, `img`, `use`, `image`, `foreignObject`, `annotation-xml`, `maction`, `style`, `script`:
 *   every element that can link, load, run or carry HTML inside MathML.
 * - `className` on `span` only, class names of letters, digits and dashes: styling from katex.min.css.
 * - `dataKbStyle`: the layout KaTeX wrote as `style`, already reduced to the declarations
 *   shared/mathLayout.ts allows (mathRendering.ts moves it there before this schema runs). `style` itself
 *   is never allowed: no page content can carry CSS the Content-Security-Policy would have to refuse.
 * - `ariaHidden` on `span` (the visual copy is hidden from screen readers, the MathML read instead).
 * - `svg`: `width`, `height`, `viewBox`, `preserveAspectRatio`; `path`: `d` (drawing commands); `line`:
 *   coordinates and `strokeWidth`. No attribute can hold a URL (no `href`, `xLinkHref`, `src`, `filter`,
 *   `mask`, `clipPath`), nor an event handler.
 * - MathML: layout attributes whose values are numbers, lengths, keywords and colours (`mathvariant`,
 *   `stretchy`, `columnalign`, `mathcolor`, ...); `encoding` on `annotation` (the TeX source, as text).
 *   No `href` (MathML allows it on any element in some browsers), no `xlink:*`, no `style`.
 */
const mathMlElements: Record<string, string[]> = {
  math: ["display"],
  semantics: [],
  annotation: ["encoding"],
  mrow: [],
  mi: ["mathvariant"],
  mn: ["mathvariant"],
  mo: ["fence", "separator", "stretchy", "lspace", "rspace", "minsize", "maxsize", "movablelimits"],
  ms: [],
  mtext: ["mathvariant"],
  mspace: ["width", "height", "depth", "linebreak", "mathbackground"],
  msup: [],
  msub: [],
  msubsup: [],
  mfrac: ["linethickness"],
  msqrt: [],
  mroot: [],
  mover: ["accent"],
  munder: ["accentunder"],
  munderover: ["accent", "accentunder"],
  mtable: ["columnalign", "rowspacing", "columnspacing", "columnlines", "rowlines", "width"],
  mtr: [],
  mtd: ["columnalign"],
  mstyle: ["displaystyle", "scriptlevel", "mathcolor", "mathsize", "mathbackground"],
  mpadded: ["width", "height", "depth", "lspace", "voffset", "mathbackground"],
  mphantom: [],
  menclose: ["notation", "mathbackground"],
};

export const mathSanitizeSchema: Schema = {
  tagNames: ["span", "svg", "path", "line", ...Object.keys(mathMlElements)],
  attributes: {
    span: [["className", /^[a-z][a-z0-9-]*$/], "dataKbStyle", "ariaHidden"],
    svg: ["width", "height", "viewBox", "preserveAspectRatio", "dataKbStyle"],
    path: ["d"],
    line: ["x1", "y1", "x2", "y2", "strokeWidth"],
    ...mathMlElements,
  },
  protocols: {},
  required: {},
  clobber: [],
  strip: ["script", "style"],
  allowComments: false,
  allowDoctypes: false,
};
