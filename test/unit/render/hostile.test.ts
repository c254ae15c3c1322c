import * as assert from "node:assert/strict";
import { hostileCases as cases } from "../../support/hostileInputs";
import { assertInert, editorTarget, renderIn, select, siteTarget, textOf } from "./renderSupport";

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
    ]) {
      assert.throws(() => assertInert(html, "editor"), /survived|unsafe|remote/, html);
    }
    assert.doesNotThrow(() =>
      assertInert('<a href="https://ok.example/">ok</a><img src="https://webview.test/kb/a.png">'),
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
});
