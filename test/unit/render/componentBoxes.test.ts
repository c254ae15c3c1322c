import * as assert from "node:assert/strict";
import type { ReferenceResolver } from "../../../server/src/core/render/referenceResolver";
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

const files = (text: string) => ({ "/kb/wiki/page.mdx": text, "/kb/wiki/entry.md": "# Entry One\n" });

/** A fake of the references feature: `<EntityLink id="E1">` is the entry wiki/entry.md. */
const entities: ReferenceResolver = (component, props) =>
  component === "EntityLink" && props.id === "E1" ? { title: "Entry One", href: "entry.md" } : undefined;

describe("rendering MDX components", () => {
  it("shows a component as a labelled box: its name, its props as text, its children rendered", () => {
    const text = '<Aside type="tip" count={3} open {...rest}>\n\nSome **bold** advice.\n\n</Aside>\n';
    const { tree, page } = renderIn(files(text), "/kb/wiki/page.mdx");
    const box = selectOne(tree, "div.kb-component");
    assert.equal(textOf(selectOne(box, "span.kb-component-name")), "Aside");
    assert.deepEqual(select(box, "span.kb-component-prop").map(textOf), [
      "type=tip",
      "count={3}",
      "open",
      "{...rest}",
    ]);
    assert.deepEqual(select(box, "code.kb-jsx").map(textOf), ["{3}", "{...rest}"]);
    assert.equal(textOf(selectOne(selectOne(box, "div.kb-component-body"), "strong")), "bold");
    assert.equal(box.properties.type, undefined, "no prop becomes an attribute");
    assert.equal(select(tree, "div.kb-render-error").length, 0);
    assertInert(page.html);
  });

  it("shows a component in a paragraph as a labelled inline element around its children", () => {
    const { tree } = renderIn(
      files('Status: <Badge text="new">*fresh*</Badge> today.\n'),
      "/kb/wiki/page.mdx",
    );
    const badge = selectOne(tree, "span.kb-component");
    assert.deepEqual(classesOf(badge), ["kb-component", "kb-component-inline"]);
    assert.equal(textOf(selectOne(badge, "span.kb-component-name")), "Badge");
    assert.equal(textOf(selectOne(badge, "em")), "fresh");
    assert.equal(textOf(selectOne(tree, "p")), "Status: Badgetext=newfresh today.");
  });

  it("unwraps a paragraph holding only JSX, as the MDX compiler does: a one-line component is a box", () => {
    const { tree } = renderIn(
      files("<Aside>Short</Aside>\n\n<p>An *HTML* paragraph</p>\n"),
      "/kb/wiki/page.mdx",
    );
    assert.equal(select(tree, "span.kb-component").length, 0);
    assert.equal(textOf(selectOne(tree, "div.kb-component-body")), "Short");
    const paragraph = select(tree, "p").find((p) => textOf(p) === "An HTML paragraph");
    assert.ok(paragraph, "the <p> is one paragraph");
    assert.equal(textOf(selectOne(paragraph, "em")), "HTML");
  });

  it("renders lower-case JSX naming an HTML element as that element, sanitized like raw HTML", () => {
    const text =
      'Line<br />break, <kbd>Ctrl</kbd>, <a href="https://example.org/" onClick="go()">out</a>.\n\n<details>\n<summary>More</summary>\n\nHidden *text*\n</details>\n';
    const { tree, page } = renderIn(files(text), "/kb/wiki/page.mdx");
    assert.equal(select(tree, "br").length, 1);
    assert.equal(textOf(selectOne(tree, "kbd")), "Ctrl");
    const link = selectOne(tree, "a.kb-external");
    assert.equal(link.properties.href, "https://example.org/");
    assert.equal(textOf(selectOne(selectOne(tree, "details"), "summary")), "More");
    assert.equal(select(tree, "div.kb-component").length, 0);
    assertInert(page.html);
  });

  it("shows JSX naming an element a page may not hold (<script>, <iframe>) as a labelled box", () => {
    const { tree } = renderIn(files('<iframe src="https://example.org/" />\n'), "/kb/wiki/page.mdx");
    assert.equal(textOf(selectOne(tree, "span.kb-component-name")), "iframe");
    assert.equal(select(tree, "iframe").length, 0);
  });

  it("renders a reference component as a link to its entry: its children as text, else the entry's title", () => {
    const text =
      'See <EntityLink id="E1">the entry</EntityLink> and <EntityLink id="E1" />.\n\n<EntityLink id="E1" />\n\nNot one: <EntityLink id="E9">unknown</EntityLink>.\n';
    for (const target of [editorTarget, siteTarget]) {
      const { tree, page } = renderIn(files(text), "/kb/wiki/page.mdx", target, {
        resolveReference: entities,
      });
      const links = select(tree, "a.kb-file-link");
      assert.deepEqual(links.map(textOf), ["the entry", "Entry One", "Entry One"]);
      if (target.kind === "editor") assert.equal(links[0].properties.dataKbOpen, "file:///kb/wiki/entry.md");
      else assert.equal(links[0].properties.href, "entry.html");
      const unresolved = selectOne(tree, "span.kb-component");
      assert.equal(textOf(selectOne(unresolved, "span.kb-component-prop")), "id=E9");
      assertInert(page.html, target.kind);
    }
  });

  it("gives the resolver every component with its string props only, never an expression's value", () => {
    const calls: [string, Record<string, string>][] = [];
    renderIn(
      files('<Card title="T" n={1 + 1} flag>\n\nx\n\n</Card>\n\n<b>html</b>\n'),
      "/kb/wiki/page.mdx",
      editorTarget,
      {
        resolveReference: (component, props) => {
          calls.push([component, { ...props }]);
          return undefined;
        },
      },
    );
    assert.deepEqual(calls, [["Card", { title: "T" }]]);
  });

  it("treats what a resolver answers as a Markdown link: a javascript: address is a broken link, a title only text", () => {
    const hostile: ReferenceResolver = () => ({
      title: "<img src=x onerror=alert(1)>",
      href: "javascript:alert(2)",
    });
    const { tree, page } = renderIn(files("<EntityLink id='E1' />\n"), "/kb/wiki/page.mdx", editorTarget, {
      resolveReference: hostile,
    });
    const link = selectOne(tree, "a.kb-broken-link");
    assert.equal(textOf(link), "<img src=x onerror=alert(1)>");
    assert.equal(link.properties.href, undefined);
    assertInert(page.html);
  });

  it("shows a component as a box when its resolver throws", () => {
    const { tree } = renderIn(
      files('<EntityLink id="E1">x</EntityLink>\n'),
      "/kb/wiki/page.mdx",
      editorTarget,
      {
        resolveReference: () => {
          throw new Error("index not ready");
        },
      },
    );
    assert.equal(select(tree, "div.kb-component").length, 1);
    assert.equal(select(tree, "div.kb-render-error").length, 0);
  });

  it("collapses import/export into a details block and keeps {expressions} as code", () => {
    const text = 'import { Chart } from "./chart"\n\n# Title\n\nSum: {1 + 1}.\n\n{props.items}\n';
    const { tree } = renderIn(files(text), "/kb/wiki/page.mdx");
    const esm = selectOne(tree, "details.kb-esm");
    assert.equal(esm.properties.open, undefined, "collapsed");
    assert.equal(String(esm.properties.dataLine), "0");
    assert.equal(textOf(selectOne(esm, "code")).trim(), 'import { Chart } from "./chart"');
    assert.deepEqual(
      select(tree, "code.kb-jsx")
        .map((code) => textOf(code).trim())
        .slice(1),
      ["{1 + 1}", "{props.items}"],
    );
  });
});
