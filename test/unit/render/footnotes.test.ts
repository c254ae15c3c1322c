import * as assert from "node:assert/strict";
import type { Element } from "hast";
import { allElements, assertInert, renderIn, select, selectOne, siteTarget, textOf } from "./renderSupport";

const text = [
  "# Fn 1",
  "",
  "A claim[^1] and another[^note], the first again[^1].",
  "",
  "## Footnote label",
  "",
  "## Footnotes",
  "",
  "[^1]: A source, [linked](https://example.org/).",
  "[^note]: A *second* note.",
  "",
].join("\n");

function ids(elements: Element[]): string[] {
  return elements.flatMap((element) =>
    typeof element.properties.id === "string" ? [element.properties.id] : [],
  );
}

describe("rendering footnotes", () => {
  const { tree, page } = renderIn({ "/kb/wiki/notes.md": text }, "/kb/wiki/notes.md");

  it("makes each reference a superscript link to its note, numbered in order of first use", () => {
    const references = select(tree, "a").filter((a) => a.properties.dataFootnoteRef !== undefined);
    assert.ok(references.every((a) => select(tree, "sup").some((sup) => sup.children.includes(a))));
    assert.deepEqual(references.map(textOf), ["1", "2", "1"]);
    assert.deepEqual(
      references.map((a) => a.properties.href),
      ["#user-content-fn:1", "#user-content-fn:note", "#user-content-fn:1"],
    );
  });

  it("lists the notes in a Footnotes section at the end, each with back links to its references", () => {
    const section = selectOne(tree, "section.footnotes");
    const body = selectOne(tree, "div.kb-body");
    assert.equal(body.children.filter((child) => child.type === "element").pop(), section);
    assert.equal(textOf(selectOne(section, "h2")), "Footnotes");
    const items = select(section, "li");
    assert.deepEqual(
      items.map((li) => textOf(li).replace(/\s+/g, " ").trim()),
      ["A source, linked. ↩ ↩2", "A second note. ↩"],
    );
    const back = select(items[0], "a.data-footnote-backref").map((a) => a.properties.href);
    assert.deepEqual(back, ["#user-content-fnref:1", "#user-content-fnref:1-2"]);
    assertInert(page.html);
  });

  it("gives footnotes ids no heading takes: headings keep their GitHub slugs, every in-page link has one target", () => {
    const label = selectOne(selectOne(tree, "section.footnotes"), "h2");
    assert.equal(label.properties.id, "user-content-fn:label");
    const headings = [...select(tree, "h1"), ...select(tree, "h2")].filter((heading) => heading !== label);
    assert.deepEqual(ids(headings), [
      "user-content-fn-1",
      "user-content-footnote-label",
      "user-content-footnotes",
    ]);
    const all = ids(allElements(tree));
    assert.equal(new Set(all).size, all.length, `duplicate ids: ${all.join(" ")}`);
    for (const link of select(tree, "a").filter((a) => String(a.properties.href ?? "").startsWith("#"))) {
      const target = String(link.properties.href).slice(1);
      assert.ok(all.includes(target), `#${target} leads nowhere`);
    }
  });

  it("keeps the same ids and links on the site", () => {
    const site = renderIn({ "/kb/wiki/notes.md": text }, "/kb/wiki/notes.md", siteTarget);
    assert.ok(site.page.html.includes('href="#user-content-fn:1"'));
    assert.ok(site.page.html.includes('id="user-content-fnref:1"'));
  });

  it("leaves a reference without a definition as text, and a definition without a reference out", () => {
    const { tree } = renderIn(
      { "/kb/wiki/a.md": "Dangling[^x].\n\n[^unused]: Never cited.\n" },
      "/kb/wiki/a.md",
    );
    assert.equal(textOf(selectOne(tree, "p")), "Dangling[^x].");
    assert.equal(select(tree, "section.footnotes").length, 0);
  });
});
