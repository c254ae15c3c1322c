import * as assert from "node:assert/strict";
import {
  assertInert,
  classesOf,
  editorTarget,
  renderIn,
  select,
  selectOne,
  siteTarget,
  textOf,
} from "./renderSupport";

/** A page of a wiki whose site's pipeline has remark-math (and remark-directive). */
function withMath(text: string, file = "/kb/wiki/page.md") {
  return renderIn({ [file]: text, "/kb/kb-author.jsonc": config(["gfm", "math", "directives"]) }, file);
}

function config(syntax: string[]): string {
  return JSON.stringify({ mdx: { syntax } });
}

/** The TeX of each formula, from KaTeX's MathML annotation. */
function formulas(tree: Parameters<typeof select>[0]): string[] {
  return select(tree, "annotation").map(textOf);
}

describe("rendering math", () => {
  it("typesets $inline$ and $$display$$ math with KaTeX, in .md and .mdx", () => {
    for (const file of ["/kb/wiki/page.md", "/kb/wiki/page.mdx"]) {
      const { tree, page } = withMath("# T\n\nEnergy $E = mc^2$ here.\n\n$$\n\\frac{a}{b}\n$$\n", file);
      assert.deepEqual(formulas(tree), ["E = mc^2", "\\frac{a}{b}"], file);
      const display = selectOne(tree, "div.kb-math-display");
      assert.equal(String(display.properties.dataLine), "4", "the display carries the line of its $$");
      assert.equal(select(display, "span.katex-display").length, 1);
      assertInert(page.html);
    }
  });

  it("typesets a ```math fence as display math, as GitHub does; a ```latex fence stays code", () => {
    const { tree } = withMath("```math\nx^2\n```\n\n```latex\ny^2\n```\n");
    assert.deepEqual(formulas(tree), ["x^2\n"]);
    assert.equal(textOf(selectOne(tree, "code.language-latex")), "y^2\n");
  });

  it("moves KaTeX's inline layout to data-kb-style in the editor: no style attribute", () => {
    const { page, tree } = withMath("$\\sqrt{x^2}$\n");
    assert.ok(!page.html.includes(" style="), page.html);
    const styled = select(tree, "span").filter((span) => span.properties.dataKbStyle !== undefined);
    assert.ok(styled.length > 3, "the layout is kept");
    assert.ok(select(tree, "svg").length > 0, "the radical's SVG is kept");
    assert.deepEqual(page.mathStyles, {}, "the editor needs no layout classes");
  });

  it("turns the layout into kb-m-* classes of the site's math stylesheet on the site", () => {
    const files = { "/kb/wiki/page.md": "$\\frac12$\n", "/kb/kb-author.jsonc": config(["math"]) };
    const { page, tree } = renderIn(files, "/kb/wiki/page.md", siteTarget);
    assert.ok(!page.html.includes("data-kb-style") && !page.html.includes(" style="));
    const classes = select(tree, "span")
      .flatMap(classesOf)
      .filter((name) => name.startsWith("kb-m-"));
    assert.ok(classes.length > 0);
    assert.deepEqual(Object.keys(page.mathStyles ?? {}).sort(), [...new Set(classes)].sort());
    assert.ok(Object.values(page.mathStyles ?? {}).some((css) => /^height:[\d.]+em/.test(css)));
  });

  it("says a page without math shows none (no KaTeX stylesheet needed)", () => {
    assert.equal(withMath("No formula.\n").page.mathStyles, undefined);
  });

  it("shows a formula KaTeX cannot read as a visible error box with its source and the reason", () => {
    const { tree } = withMath("Bad $\\frac{1}{$ and $\\undefinedmacro$ then good $x$.\n\n$$\n\\left(\n$$\n");
    const errors = select(tree, ".kb-math-error");
    assert.deepEqual(errors.map(textOf), ["\\frac{1}{", "\\undefinedmacro", "\\left("]);
    assert.match(String(errors[1].properties.title), /Undefined control sequence/);
    assert.deepEqual(classesOf(errors[2]), ["kb-math-display", "kb-math-error"]);
    assert.deepEqual(formulas(tree), ["x"], "the rest of the page is typeset");
  });

  it("follows remark-math's rules: `$5 and $6` is math, a lone `$5` and escaped dollars are not", () => {
    const { tree } = withMath("Costs $5 and $6 today.\n\nIt costs $5.\n\nEscaped \\$5 and \\$6.\n");
    assert.deepEqual(formulas(tree), ["5 and "]);
    const [, single, escaped] = select(tree, "p").map(textOf);
    assert.equal(single, "It costs $5.");
    assert.equal(escaped, "Escaped $5 and $6.");
  });

  it("leaves dollars as text when the site's pipeline has no remark-math (the default)", () => {
    const pages: Record<string, string>[] = [
      { "/kb/wiki/page.md": "Costs $5 and $6, $$x$$.\n" },
      { "/kb/wiki/page.md": "Costs $5 and $6, $$x$$.\n", "/kb/kb-author.jsonc": config(["gfm"]) },
    ];
    for (const files of pages) {
      const { tree } = renderIn(files, "/kb/wiki/page.md");
      assert.equal(select(tree, "span.katex").length, 0);
      assert.equal(textOf(selectOne(tree, "p")), "Costs $5 and $6, $$x$$.");
    }
  });

  it("keeps math in code spans and fences as code", () => {
    const { tree } = withMath("`$x$` and\n\n```\n$$\ny\n$$\n```\n");
    assert.equal(select(tree, "span.katex").length, 0);
    assert.equal(textOf(select(tree, "code")[0]), "$x$");
  });

  it("never lets KaTeX load or link anything: \\href, \\url and \\includegraphics show as text", () => {
    const { tree, page } = withMath(
      "$\\href{https://example.org}{site}$ $\\url{https://example.org}$ $\\includegraphics{a.png}$\n",
    );
    assert.equal(select(tree, "a").length + select(tree, "img").length, 0);
    assert.ok(textOf(tree).includes("\\href"));
    assertInert(page.html);
  });

  it("renders the same formula twice alike (the second from the cache) and independently", () => {
    const { tree } = withMath("$a^2$ and $a^2$\n", "/kb/wiki/page.md");
    const [first, second] = select(tree, "span.katex");
    const shape = (node: unknown) =>
      JSON.stringify(node, (key, value: unknown) => (key === "position" ? undefined : value));
    assert.equal(shape(first), shape(second));
    // The site's layout classes are put on copies: the cached formulas, inline and display, stay as they were.
    const files = { "/kb/wiki/page.md": "$a^2$\n\n$$\nb^2\n$$\n", "/kb/kb-author.jsonc": config(["math"]) };
    const site = renderIn(files, "/kb/wiki/page.md", siteTarget);
    const again = renderIn(files, "/kb/wiki/page.md", editorTarget);
    assert.equal(select(site.tree, "span.katex").length, 2);
    assert.ok(site.page.html.includes("kb-m-") && !site.page.html.includes("data-kb-style"));
    assert.ok(!again.page.html.includes("kb-m-"), "the site's classes do not leak into the editor's page");
    assert.ok(again.page.html.includes("data-kb-style"));
  });

  it("does not typeset a formula over 5,000 characters, or one whose output would be huge: it shows why", () => {
    const long = "x+".repeat(2600) + "x";
    const large = "x+".repeat(2400) + "x";
    const { tree } = withMath(`$${long}$ and $${large}$ and $y$\n`);
    const errors = select(tree, "span.kb-math-error");
    assert.deepEqual(
      errors.map((error) => String(error.properties.title)),
      [
        "This formula is over 5,000 characters long: it is not typeset.",
        "This formula is too large to typeset.",
      ],
    );
    assert.equal(textOf(errors[0]), long, "its source is shown");
    assert.deepEqual(formulas(tree), ["y"]);
  });

  it("stops typesetting a page's math past a budget, showing the rest as sources", () => {
    const formula = "\\frac{a}{b}+".repeat(40) + "c";
    const { tree } = withMath(Array.from({ length: 80 }, () => `$$\n${formula}\n$$\n`).join("\n"));
    const typeset = select(tree, "span.katex-display").length;
    const stopped = select(tree, "div.kb-math-error");
    assert.ok(typeset > 10 && stopped.length > 10 && typeset + stopped.length === 80, `${typeset} typeset`);
    assert.match(String(stopped[0].properties.title), /too much math/);
  });
});
