import * as assert from "node:assert/strict";
import katex from "katex";
import { layoutDeclarations, safeLayoutStyle } from "../../../server/src/shared/mathLayout";

describe("the math layout grammar (shared/mathLayout.ts)", () => {
  it("keeps every declaration KaTeX writes for a range of formulas", () => {
    const formulas = [
      "\\frac{a}{b}",
      "\\sqrt[3]{x}",
      "\\sum_{i=0}^n x_i^2",
      "\\begin{array}{c|c}a&b\\\\\\hline c&d\\end{array}",
      "\\fcolorbox{red}{yellow}{x}",
      "\\color{#00ff00}{y}",
      "\\rule{1em}{2em}",
      "\\overrightarrow{AB}",
      "\\cancel{x}",
      "\\pmb{x}",
      "\\phantom{x}",
    ];
    let seen = 0;
    for (const formula of formulas) {
      const html = katex.renderToString(formula, { displayMode: true, strict: "ignore" });
      for (const [, style] of html.matchAll(/style="([^"]*)"/g)) {
        // (KaTeX 0.16 writes `style="false"` on some array cells: no declaration.)
        const written = style.split(";").filter((part) => part.includes(":"));
        assert.equal(layoutDeclarations(style).length, written.length, `${formula}: ${style}`);
        seen++;
      }
    }
    assert.ok(seen > 50, `${seen} styles read`);
  });

  it("drops declarations of other properties or with other values, keeping the rest", () => {
    assert.equal(
      safeLayoutStyle("height:1em;position:fixed;top:-2em;background:url(https://evil.example/x)"),
      "height:1em;top:-2em",
    );
    for (const style of [
      "position:absolute",
      "width:expression(alert(1))",
      "height:1em !important",
      "border:1px solid url(x)",
      "color:'red'",
      "margin-left:calc(100vw)",
      "background-color:var(--x)",
      "content:'x'",
      "height:\\31 em",
    ])
      assert.deepEqual(layoutDeclarations(style), [], style);
    // A declaration cannot end its rule: what follows a `;` is read as the next declaration, and dropped.
    assert.equal(safeLayoutStyle("color:red;}body{display:none"), "color:red");
  });

  it("reads nothing from a text too long to be KaTeX's", () => {
    assert.equal(safeLayoutStyle("height:1em;".repeat(100)), "");
  });
});
