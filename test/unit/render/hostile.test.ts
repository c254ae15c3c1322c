import * as assert from "node:assert/strict";
import { hostileCases as cases } from "../../support/hostileInputs";
import { hostileCases as allCases } from "../../support/hostileInputs";
import {
  allElements,
  assertInert,
  classesOf,
  editorTarget,
  renderIn,
  select,
  siteTarget,
  textOf,
} from "./renderSupport";

function rendered(name: string, target = editorTarget) {
  const hostile = allCases.find((candidate) => candidate.name === name);
  assert.ok(hostile, name);
  return renderIn(hostile.files, hostile.path, target);
}

describe("rendering hostile input", () => {
  it("has at least 25 named cases", () => {
    assert.ok(cases.length >= 25, `${cases.length} cases`);
  });

  for (const hostile of cases) {
    it(`${hostile.name}: nothing active survives, the harmless text stays`, () => {
      for (const target of [editorTarget, siteTarget]) {
        const { page, tree } = renderIn(hostile.files, hostile.path, target);
        assertInert(page.html, target.kind);
        const text = textOf(tree);
        for (const visible of hostile.visible)
          assert.ok(text.includes(visible), `"${visible}" lost from ${page.html}`);
      }
    });
  }

  it("the inertness check itself rejects each kind of active content", () => {
    for (const html of [
      "<script>x()</script>",
      '<p onclick="x()">a</p>',
      '<p style="color:red">a</p>',
      '<a href="javascript:x()">a</a>',
      '<a href="data:text/html,x">a</a>',
      '<a href="//evil.example/">a</a>',
      '<img src="https://evil.example/t.png">',
      '<iframe srcdoc="x"></iframe>',
      '<div><base href="https://evil.example/"></div>',
      '<button formaction="javascript:x()">a</button>',
      '<span data-kb-style="height:1em">not in a formula</span>',
      '<span class="katex"><span data-kb-style="position:fixed">layout out of the grammar</span></span>',
      '<span class="katex"><span style="height:1em">a style attribute</span></span>',
      "<p><math><mi>x</mi></math> MathML outside a formula</p>",
    ]) {
      assert.throws(() => assertInert(html, "editor"), /survived|unsafe|remote/, html);
    }
    assert.doesNotThrow(() =>
      assertInert('<a href="https://ok.example/">ok</a><img src="https://webview.test/kb/a.png">'),
    );
    assert.doesNotThrow(() =>
      assertInert(
        '<span class="katex"><math><mi>x</mi></math><span data-kb-style="height:1em"><svg><path d="M0 0"></path></svg></span></span>',
      ),
    );
  });

  it("turns remote images into placeholders with their alt text", () => {
    const { tree } = renderIn({ "/kb/a.md": "![tracker](https://evil.example/t.png)\n" }, "/kb/a.md");
    const placeholder = select(tree, "span.kb-blocked-image");
    assert.equal(placeholder.length, 1);
    assert.equal(textOf(placeholder[0]), "tracker");
    assert.equal(select(tree, "img").length, 0);
  });

  it("keeps a javascript: link as text with no href", () => {
    const { tree } = renderIn({ "/kb/a.md": "[click me](javascript:alert(1))\n" }, "/kb/a.md");
    const [link] = select(tree, "a.kb-broken-link");
    assert.equal(textOf(link), "click me");
    assert.equal(link.properties.href, undefined);
  });

  describe("math, directives and components", () => {
    it("KaTeX typesets the link and HTML commands as red text: no link, class, id, style or image", () => {
      const { tree } = rendered("KaTeX link and HTML commands");
      const formulas = select(tree, "span.katex");
      assert.equal(formulas.length, 7, "every formula is typeset");
      const inside = formulas.flatMap(allElements);
      assert.equal(inside.filter((element) => ["a", "img"].includes(element.tagName)).length, 0);
      assert.ok(
        inside.every(
          (element) => element.properties.id === undefined && element.properties.href === undefined,
        ),
      );
      assert.ok(!inside.flatMap(classesOf).some((name) => name.startsWith("kb-")));
      assert.ok(textOf(tree).includes("\\htmlStyle"));
    });

    it("KaTeX refuses colours that are not colours, caps sizes and stops macro bombs", () => {
      const { tree, page } = rendered("KaTeX colour injection, huge sizes and macro bombs");
      assert.deepEqual(
        select(tree, "span.kb-math-error").map((error) =>
          String(error.properties.title).split(":")[1].trim(),
        ),
        ["Invalid color", "Invalid color", "Too many expansions"],
      );
      const layout = allElements(tree)
        .map((element) => element.properties.dataKbStyle)
        .filter((style) => style !== undefined)
        .join(";");
      const lengths = [...layout.matchAll(/(-?[\d.]+)em/g)].map((match) => Math.abs(Number(match[1])));
      assert.ok(page.html.includes("\\rule{100000em}"), "the source stays visible");
      assert.ok(Math.max(...lengths) <= 21, `a length of ${Math.max(...lengths)} em`);
    });

    it("raw HTML cannot pass for a formula or carry its layout", () => {
      const { tree } = rendered("math markers in raw HTML");
      assert.equal(select(tree, "span.katex").length, 1, "only the code.math-inline is typeset");
      const fake = select(tree, "span").find((span) => textOf(span) === "fake katex");
      assert.ok(fake);
      assert.deepEqual(classesOf(fake), []);
      assert.equal(fake.properties.dataKbStyle, undefined);
    });

    it("no directive attribute becomes an attribute of the page", () => {
      const { tree } = rendered("directive attributes with handlers, ids, classes and styles");
      const callouts = select(tree, "div.kb-callout");
      assert.deepEqual(callouts.map(classesOf), [
        ["kb-callout", "kb-callout-note"],
        ["kb-callout", "kb-callout-other"],
        ["kb-callout", "kb-callout-tip"],
      ]);
      const everything = allElements(tree);
      assert.ok(everything.every((element) => element.properties.id === undefined));
      assert.ok(!everything.flatMap(classesOf).includes("kb-evil"));
      assert.equal(select(tree, "img").length, 0);
    });

    it("component props are text: no handler, URL, style or inner HTML reaches an element", () => {
      const { tree } = rendered("MDX component props with handlers, URLs, styles and inner HTML");
      const box = select(tree, "div.kb-component");
      assert.equal(box.length, 1, "the page is read as MDX");
      assert.equal(select(tree, "img").length, 0);
      assert.ok(allElements(tree).every((element) => element.properties.href === undefined));
      const { tree: holding } = rendered("MDX component holding a script, a style and an iframe");
      assert.deepEqual(select(holding, "span.kb-component-name").map(textOf), [
        "Box",
        "script",
        "style",
        "iframe",
      ]);
    });
  });
});
