/**
 * KaTeX's layout (heights, shifts, colours) arrives as `data-kb-style`, not as `style` attributes, which the
 * webview's Content-Security-Policy refuses (style-src allows our stylesheets only). The CSSOM is not
 * subject to it: each declaration the layout grammar allows (server/src/shared/mathLayout.ts: lengths,
 * colours, two keywords, on KaTeX's own properties) is set with `style.setProperty`. Only elements inside
 * a formula (`.katex`) are read.
 */
import { layoutDeclarations } from "../../server/src/shared/mathLayout";

export function applyMathLayout(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLElement | SVGElement>(".katex [data-kb-style]")) {
    for (const [property, value] of layoutDeclarations(element.getAttribute("data-kb-style") ?? ""))
      element.style.setProperty(property, value);
  }
}
