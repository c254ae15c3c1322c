import * as assert from "node:assert/strict";
import { assertInert, classesOf, renderIn, select, selectOne, textOf } from "./renderSupport";

const withDirectives = (text: string, syntax = ["gfm", "directives"]) =>
  renderIn(
    { "/kb/wiki/page.mdx": text, "/kb/kb-author.jsonc": JSON.stringify({ mdx: { syntax } }) },
    "/kb/wiki/page.mdx",
  );

describe("rendering directives", () => {
  it("shows :::note, :::tip, :::caution, :::danger and :::warning as titled callouts", () => {
    const text = ["note", "tip", "caution", "danger", "warning"]
      .map((name) => `:::${name}\nThe **${name}** body.\n:::\n`)
      .join("\n");
    const { tree, page } = withDirectives(text);
    const callouts = select(tree, "div.kb-callout");
    assert.deepEqual(
      callouts.map(classesOf),
      ["note", "tip", "caution", "danger", "warning"].map((name) => ["kb-callout", `kb-callout-${name}`]),
    );
    assert.deepEqual(
      callouts.map((callout) => textOf(selectOne(callout, "p.kb-callout-title"))),
      ["Note", "Tip", "Caution", "Danger", "Warning"],
    );
    assert.equal(textOf(selectOne(callouts[1], "strong")), "tip");
    assertInert(page.html);
  });

  it("titles a callout with its label, rendered: :::note[Custom *title*]", () => {
    const { tree } = withDirectives(":::note[Custom *title*]\nBody.\n:::\n");
    const title = selectOne(tree, "p.kb-callout-title");
    assert.equal(textOf(title), "Custom title");
    assert.equal(textOf(selectOne(title, "em")), "title");
    assert.deepEqual(select(selectOne(tree, "div.kb-callout"), "p").map(textOf), ["Custom title", "Body."]);
  });

  it("shows an unknown directive as a neutral callout labelled with its name, its attributes as text", () => {
    const { tree } = withDirectives(":::youtube[Talk]{id=abc autoplay}\nSee it.\n:::\n");
    const callout = selectOne(tree, "div.kb-callout");
    assert.deepEqual(classesOf(callout), ["kb-callout", "kb-callout-other"]);
    assert.equal(textOf(selectOne(callout, "span.kb-callout-name")), "youtube");
    assert.deepEqual(select(callout, "span.kb-component-prop").map(textOf), ["id=abc", "autoplay"]);
    assert.ok(textOf(callout).includes("Talk") && textOf(callout).includes("See it."));
    assert.equal(callout.properties.id, undefined);
  });

  it("shows leaf and text directives' labels, and their source when they have none (never dropped)", () => {
    const { tree } = withDirectives(
      "Read JSON:API at localhost:4321 and :abbr[HTML]{title=x}.\n\n::video[A video]{src=v.mp4}\n\n::break\n",
    );
    const [prose, leaf, bare] = select(tree, "p");
    assert.equal(textOf(prose), "Read JSON:API at localhost:4321 and HTML.");
    assert.equal(selectOne(prose, "span.kb-directive").properties.title, ":abbr");
    assert.equal(textOf(leaf), "A video");
    assert.equal(leaf.properties.title, "::video");
    assert.equal(textOf(bare), "::break");
  });

  it("keeps a ::: line in a code fence as code, and reads no directive when the site's pipeline has none", () => {
    const fenced = withDirectives("```\n:::note\nNot a callout.\n:::\n```\n");
    assert.equal(select(fenced.tree, "div.kb-callout").length, 0);
    assert.match(textOf(selectOne(fenced.tree, "code")), /^:::note/);
    const off = withDirectives(":::note\nPlain.\n:::\n", ["gfm"]);
    assert.equal(select(off.tree, "div.kb-callout").length, 0);
    assert.equal(textOf(selectOne(off.tree, "p")), ":::note\nPlain.\n:::");
  });

  it("renders callouts in .md pages too, with math inside", () => {
    const { tree } = renderIn(
      {
        "/kb/wiki/page.md": ":::tip\nUse $x^2$.\n:::\n",
        "/kb/kb-author.jsonc": JSON.stringify({ mdx: { syntax: ["math", "directives"] } }),
      },
      "/kb/wiki/page.md",
    );
    const callout = selectOne(tree, "div.kb-callout-tip");
    assert.equal(select(callout, "span.katex").length, 1);
  });

  it("reads directives nested deeper than 20 as text, after a notice (remark-directive's cost explodes)", () => {
    const deep = ":::note\n".repeat(25) + "Inside.\n" + ":::\n".repeat(25);
    const { tree } = withDirectives(deep);
    assert.match(textOf(selectOne(tree, "div.kb-render-error")), /nested over 20 deep/);
    assert.equal(select(tree, "div.kb-callout").length, 0);
    assert.ok(textOf(tree).includes("Inside."));
    const nested = withDirectives(":::note\n".repeat(5) + "Inside.\n" + ":::\n".repeat(5));
    assert.equal(select(nested.tree, "div.kb-callout").length, 5, "five deep is read");
    assert.equal(select(nested.tree, "div.kb-render-error").length, 0);
  });
});
