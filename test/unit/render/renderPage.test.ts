import * as assert from "node:assert/strict";
import type { EditorRenderTarget } from "../../../server/src/core/render/renderTypes";
import {
  assertInert,
  classesOf,
  editorTarget,
  parseHtml,
  renderIn,
  select,
  selectOne,
  serviceOf,
  siteTarget,
  textOf,
} from "./renderSupport";

const meta = JSON.stringify({ rootDir: "Root", coverRootDescription: "Cover." });
const map = {
  "/kb/meta.json": meta,
  "/kb/Root/Root.md": "### Description\n\nAll.\n\n### Order\n\n1. Alpha\n",
  "/kb/Root/Alpha/Alpha.md": "### Mini Description\n\nFirst.\n",
  "/kb/Root/Alpha/diagram.png": "PNG",
  "/kb/Root/Alpha/notes.pdf": "PDF",
  "/kb/wiki/other.md": "# Other\n",
  "/kb/wiki/image.png": "PNG",
};

const links = [
  "[node](/Root/Alpha/Alpha.md) [folder](../Root/Alpha) [page](other.md#part) [route](other)",
  "[pdf](../Root/Alpha/notes.pdf) [web](https://example.org/x) [mail](mailto:a@example.org)",
  "[missing](nowhere.md) [anchor](#top) [irc](irc://example.org/chan)",
  "",
  "![local](image.png) ![up](../Root/Alpha/diagram.png) ![absent](absent.png) ![remote](https://example.org/r.png)",
  "",
].join("\n");

function linkByText(html: string, text: string) {
  const found = select(parseHtml(html), "a").filter((a) => textOf(a) === text);
  assert.equal(found.length, 1, `one link "${text}"`);
  return found[0];
}

describe("renderPage", () => {
  describe("links and images in the editor target", () => {
    const { page } = renderIn({ ...map, "/kb/wiki/links.md": links }, "/kb/wiki/links.md", editorTarget);

    it("internal links that resolve carry data-kb-open with the file URI and no href", () => {
      for (const [text, uri, kind] of [
        ["node", "file:///kb/Root/Alpha/Alpha.md", "kb-node-link"],
        ["folder", "file:///kb/Root/Alpha/Alpha.md", "kb-node-link"],
        ["page", "file:///kb/wiki/other.md", "kb-file-link"],
        ["route", "file:///kb/wiki/other.md", "kb-file-link"],
        ["pdf", "file:///kb/Root/Alpha/notes.pdf", "kb-file-link"],
      ]) {
        const link = linkByText(page.html, text);
        assert.equal(link.properties.dataKbOpen, uri, text);
        assert.ok(classesOf(link).includes(kind), `${text} is ${kind}`);
        assert.equal(link.properties.href, undefined, `${text} has no href`);
      }
    });

    it("external links are a.kb-external with data-kb-external", () => {
      for (const [text, url] of [
        ["web", "https://example.org/x"],
        ["mail", "mailto:a@example.org"],
      ]) {
        const link = linkByText(page.html, text);
        assert.deepEqual(classesOf(link), ["kb-external"]);
        assert.equal(link.properties.href, url);
        assert.equal(link.properties.dataKbExternal, url);
      }
    });

    it("broken links are a.kb-broken-link with a title saying why, and lead nowhere", () => {
      const missing = linkByText(page.html, "missing");
      assert.deepEqual(classesOf(missing), ["kb-broken-link"]);
      assert.match(String(missing.properties.title), /`nowhere\.md` does not exist/);
      assert.equal(missing.properties.href, undefined);
      const irc = linkByText(page.html, "irc");
      assert.deepEqual(classesOf(irc), ["kb-broken-link"]);
      assert.equal(irc.properties.href, undefined);
    });

    it("keeps in-page anchors, prefixed like the sanitized ids", () => {
      assert.equal(linkByText(page.html, "anchor").properties.href, "#user-content-top");
      const { tree } = renderIn({ "/kb/a.md": '<a name="top"></a>\n\n[up](#top)\n' }, "/kb/a.md");
      const [target, link] = select(tree, "a");
      assert.deepEqual(target.properties, { name: "user-content-top" });
      assert.equal(link.properties.href, "#user-content-top");
    });

    it("shows local images inside a resource root from the webview base; others are placeholders", () => {
      const tree = parseHtml(page.html);
      assert.deepEqual(
        select(tree, "img").map((img) => img.properties.src),
        ["https://webview.test/kb/wiki/image.png", "https://webview.test/kb/Root/Alpha/diagram.png"],
      );
      assert.deepEqual(select(tree, "span.kb-blocked-image").map(textOf), ["absent", "remote"]);
      assertInert(page.html, "editor");
      assert.deepEqual(page.assets, []);
    });

    it("does not show local images outside every resource root", () => {
      const narrow: EditorRenderTarget = {
        kind: "editor",
        resourceRoots: [{ folder: "/kb/Root", webviewBase: "https://webview.test/r" }],
      };
      const { tree } = renderIn({ ...map, "/kb/wiki/links.md": links }, "/kb/wiki/links.md", narrow);
      assert.deepEqual(
        select(tree, "img").map((img) => img.properties.src),
        ["https://webview.test/r/Alpha/diagram.png"],
      );
      assert.deepEqual(select(tree, "span.kb-blocked-image").map(textOf), ["local", "absent", "remote"]);
    });
  });

  describe("links and images in the site target", () => {
    const { page } = renderIn({ ...map, "/kb/wiki/links.md": links }, "/kb/wiki/links.md", siteTarget);

    it("internal links are hrefs relative to the page, without editor attributes", () => {
      const expected: Record<string, string> = {
        node: "../Root/Alpha/Alpha.html",
        folder: "../Root/Alpha/Alpha.html",
        page: "other.html#part",
        route: "other.html",
        pdf: "../assets/Root/Alpha/notes.pdf",
      };
      for (const [text, href] of Object.entries(expected)) {
        const link = linkByText(page.html, text);
        assert.equal(link.properties.href, href, text);
        assert.equal(link.properties.dataKbOpen, undefined);
      }
      const web = linkByText(page.html, "web");
      assert.equal(web.properties.href, "https://example.org/x");
      assert.equal(web.properties.dataKbExternal, undefined);
      assert.equal(linkByText(page.html, "missing").properties.href, undefined);
    });

    it("local images and linked files are published assets, relative to the page", () => {
      const tree = parseHtml(page.html);
      assert.deepEqual(
        select(tree, "img").map((img) => img.properties.src),
        ["../assets/wiki/image.png", "../assets/Root/Alpha/diagram.png"],
      );
      assert.deepEqual([...page.assets].sort(), [
        "/kb/Root/Alpha/diagram.png",
        "/kb/Root/Alpha/notes.pdf",
        "/kb/wiki/image.png",
      ]);
      assertInert(page.html, "site");
    });

    it("links from a node page to its children and ancestors are relative hrefs", () => {
      const { tree } = renderIn(map, "/kb/Root/Alpha/Alpha.md", siteTarget);
      assert.equal(selectOne(selectOne(tree, "nav.kb-breadcrumb"), "a").properties.href, "../Root.html");
    });
  });

  describe("data-line", () => {
    it("points every marked block at its line in the source, past the frontmatter and across sections", () => {
      const text = [
        "---",
        "title: Lines",
        "---",
        "",
        "# Heading",
        "",
        "Paragraph",
        "on two lines.",
        "",
        "- item one",
        "- item two",
        "",
        "> quoted",
        "",
        "```js",
        "code();",
        "```",
        "",
        "| a |",
        "|---|",
        "| 1 |",
        "",
      ].join("\n");
      const { tree } = renderIn({ "/kb/wiki/lines.md": text }, "/kb/wiki/lines.md");
      const lines = text.split("\n");
      const marked = select(selectOne(tree, "div.kb-body"), "").filter(
        (element) => element.properties.dataLine !== undefined,
      );
      const expected: Record<string, string> = {
        h1: "# Heading",
        p: "Paragraph",
        li: "- item one",
        blockquote: "> quoted",
        code: "```js",
        table: "| a |",
      };
      for (const [tag, line] of Object.entries(expected)) {
        const element = marked.find((candidate) => candidate.tagName === tag);
        assert.ok(element, `a marked <${tag}>`);
        assert.equal(lines[Number(element.properties.dataLine)], line, tag);
      }
      assert.deepEqual(
        select(tree, "li").map((li) => lines[Number(li.properties.dataLine)]),
        ["- item one", "- item two"],
      );
    });

    it("marks a node's sections, lead and Order cards at their own lines", () => {
      const text =
        "### Mini Description\n\nShort.\n\n### Description\n\nOne.\n\nTwo.\n\n### Order\n\n1. Alpha\n";
      const { tree } = renderIn({ ...map, "/kb/Root/Root.md": text }, "/kb/Root/Root.md");
      const lines = text.split("\n");
      assert.equal(lines[Number(selectOne(tree, "div.kb-lead").properties.dataLine)], "### Mini Description");
      assert.deepEqual(
        select(tree, "p")
          .filter((p) => p.properties.dataLine !== undefined)
          .map((p) => lines[Number(p.properties.dataLine)]),
        ["Short.", "One.", "Two."],
      );
      assert.equal(lines[Number(selectOne(tree, "li.kb-card").properties.dataLine)], "1. Alpha");
    });
  });

  describe("map node pages", () => {
    it("marks broken Order entries where they stand, and the children the map loses after", () => {
      const files = {
        ...map,
        "/kb/Root/Root.md": "### Description\n\nAll.\n\n### Order\n\n1. Alpa\n2. Beta\n",
        "/kb/Root/Beta/Beta.md": "### Mini Description\n\nSecond.\n",
        "/kb/Root/Gamma/Gamma.md": "### Mini Description\n\nThird.\n",
      };
      const { tree, page } = renderIn(files, "/kb/Root/Root.md");
      const cards = select(tree, "li.kb-card");
      assert.deepEqual(
        cards.map((card) => textOf(selectOne(card, "span.kb-card-title"))),
        // As the builder publishes them: `Alpa` takes Alpha's place, Gamma keeps its sorted place, Alpha is lost.
        ["Alpa", "Beta", "Gamma", "Alpha"],
      );
      assert.deepEqual(
        cards.map((card) => classesOf(card).slice(1)),
        [["kb-broken"], [], ["kb-unlisted"], ["kb-lost"]],
      );
      assert.equal(
        textOf(selectOne(cards[0], "p.kb-broken-reason")),
        "No child folder `Alpa` here: did you mean `Alpha`?",
      );
      assert.equal(textOf(selectOne(cards[2], "p.kb-card-summary")), "Third.");
      assert.ok(page.problems.errors >= 1, "the misspelt entry is an error");
      assert.ok(select(tree, "li.kb-problem").some((li) => textOf(li).includes("order/unknown-entry")));
    });

    it("renders the root of a map without a Mini Description with meta.json's cover description as lead", () => {
      const { tree, page } = renderIn(map, "/kb/Root/Root.md");
      assert.equal(page.title, "Root");
      assert.equal(select(tree, "nav.kb-breadcrumb").length, 0);
      assert.equal(textOf(selectOne(tree, "div.kb-lead")), "Cover.");
      const withoutMeta = renderIn(
        { ...map, "/kb/meta.json": JSON.stringify({ rootDir: "Root" }) },
        "/kb/Root/Root.md",
      );
      assert.equal(select(withoutMeta.tree, "div.kb-lead").length, 0);
      assert.equal(textOf(selectOne(tree, "p.kb-card-summary")), "First.");
    });
  });

  describe("MDX", () => {
    it("shows JSX as boxes with their rendered children, ESM collapsed and expressions as code, nothing as raw source", () => {
      const text =
        'import { Chart } from "./chart"\n\n# Title\n\n<Callout type="warning" onClick={() => go()}>\n\nSome **bold** advice.\n\n</Callout>\n\nSum: {1 + 1} and <Badge>new</Badge>.\n';
      const { tree, page } = renderIn({ "/kb/wiki/page.mdx": text }, "/kb/wiki/page.mdx");
      const jsx = select(tree, "code.kb-jsx").map((code) => textOf(code).trim());
      assert.deepEqual(jsx, ['import { Chart } from "./chart"', "{() => go()}", "{1 + 1}"]);
      assert.deepEqual(select(tree, "span.kb-component-name").map(textOf), ["Callout", "Badge"]);
      assert.ok(!textOf(tree).includes("<Callout") && !textOf(tree).includes("</Badge>"));
      assert.equal(textOf(selectOne(tree, "strong")), "bold");
      assert.equal(select(tree, "div.kb-render-error").length, 0);
      assertInert(page.html);
    });

    it("falls back to plain Markdown with raw HTML as text when the MDX does not parse", () => {
      const { tree } = renderIn(
        { "/kb/wiki/bad.mdx": "Text <b>bold</b> <!-- c -->\n\n*still* Markdown\n" },
        "/kb/wiki/bad.mdx",
      );
      assert.match(textOf(selectOne(tree, "div.kb-render-error")), /could not be read as MDX/);
      assert.equal(select(tree, "b").length, 0);
      assert.ok(textOf(tree).includes("<b>bold</b>"));
      assert.equal(textOf(selectOne(tree, "em")), "still");
    });
  });

  describe("bad input", () => {
    it("gives no page for a missing file or a file that is not Markdown", () => {
      const service = serviceOf(map);
      assert.equal(service.renderPage("/kb/wiki/none.md", editorTarget), undefined);
      assert.equal(service.renderPage("/kb/meta.json", editorTarget), undefined);
    });

    for (const [name, content, message] of [
      ["a binary file", new Uint8Array([0x23, 0x20, 0x00, 0x01, 0x02]), /binary/],
      ["a NUL in the text", "# Title\n\nText\u0000more\n", /binary/],
      ["invalid UTF-8", new Uint8Array([0x23, 0x20, 0xff, 0xfe, 0x0a]), /not valid UTF-8/],
      ["a huge file", "x".repeat(3 * 1024 * 1024), /too large/],
    ] as const) {
      it(`gives a page that says why for ${name}`, () => {
        const { page, tree } = renderIn({ "/kb/wiki/bad.md": content }, "/kb/wiki/bad.md");
        assert.match(textOf(selectOne(tree, "div.kb-render-error")), message);
        assert.equal(page.title, "bad.md");
      });
    }

    it("renders a topic whose YAML is malformed: the title falls back, the body and the problem show", () => {
      const text = "---\ntitle: [unclosed\nimportance: : 3\n---\n\n# Fallback heading\n\nBody text.\n";
      const { page, tree } = renderIn({ "/kb/wiki/yaml.md": text }, "/kb/wiki/yaml.md");
      assert.equal(page.kind, "topic");
      assert.equal(page.title, "Fallback heading");
      assert.ok(textOf(selectOne(tree, "div.kb-body")).includes("Body text."));
      assert.ok(page.problems.errors >= 1);
      assert.equal(select(tree, "span.kb-badge").length, 0);
    });

    it("renders a topic whose frontmatter is never closed, and one with values of the wrong type", () => {
      const unclosed = renderIn({ "/kb/wiki/open.md": "---\ntitle: Open\n\nNo end.\n" }, "/kb/wiki/open.md");
      assert.equal(unclosed.page.kind, "topic");
      assert.ok(select(unclosed.tree, "header.kb-topic-header").length === 1);
      const typed = renderIn(
        {
          "/kb/wiki/typed.md":
            "---\ntitle: 42\nimportance: [1]\nquality: {a: 1}\nllmSummary: true\n---\n\nBody.\n",
        },
        "/kb/wiki/typed.md",
      );
      assert.equal(typed.page.title, "typed");
      assert.equal(select(typed.tree, "span.kb-badge").length, 0);
      assert.equal(select(typed.tree, "div.kb-summary").length, 0);
    });

    it("renders plain Markdown with no kind, titled by its first heading", () => {
      const { page, tree } = renderIn(
        { "/kb/notes/readme.md": "Intro.\n\n## First heading\n\nText.\n" },
        "/kb/notes/readme.md",
      );
      assert.equal(page.kind, "markdown");
      assert.equal(page.title, "First heading");
      assert.equal(selectOne(tree, "article.kb-page").properties.dataKind, "markdown");
    });

    it("renders a 1 MB file of deeply nested and pathological Markdown without throwing", () => {
      const nested = ">".repeat(200) + " deep\n\n" + "*".repeat(5000) + "\n\n" + "[".repeat(3000) + "\n\n";
      // 1 MB in lines of 100 characters: one line of 1 MB is past a content limit (file/too-complex, test/unit/limits).
      const text = nested + ("word ".repeat(20) + "\n").repeat(10_000);
      const { page, tree } = renderIn({ "/kb/wiki/big.md": text }, "/kb/wiki/big.md");
      assert.equal(page.kind, "markdown");
      assert.ok(textOf(tree).includes("deep"));
    });
  });
});
