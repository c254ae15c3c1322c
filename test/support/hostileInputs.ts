/**
 * Hostile inputs for the renderer: Markdown, MDX, frontmatter, Related Nodes, papers.json and folder names
 * carrying active content (scripts, event handlers, javascript: and data: URLs, remote resources, frames,
 * forms, meta refresh, base href). The unit test (test/unit/render/hostile.test.ts) renders each in memory;
 * the UI test (test/e2e/ui/hostile.ui.ts) writes them into a real workspace and opens them in the preview
 * and the map. Paths are in the in-memory workspace `/kb` whose meta.json names the root folder `Root`.
 */

/** A hostile input: files of a workspace, the file rendered, and the harmless text that must stay visible. */
export interface HostileCase {
  name: string;
  /** Where the input goes: a plain Markdown page, an MDX page, a topic entry's frontmatter, a map node. */
  kind: "markdown" | "mdx" | "topic" | "map";
  files: Record<string, string>;
  path: string;
  visible: string[];
}

export const hostileMeta = JSON.stringify({ rootDir: "Root" });
/**
 * The configuration of the pages of the math, directive and component cases: the site's pipeline has
 * remark-math and remark-directive, so that the renderer reads both (the UI test writes it beside its pages).
 */
export const hostileConfig = JSON.stringify({ mdx: { syntax: ["gfm", "math", "directives"] } });
const configured = { "/kb/kb-author.jsonc": hostileConfig };
const plain = (name: string, text: string, visible: string[]): HostileCase => ({
  name,
  kind: "markdown",
  files: { [`/kb/pages/${name.replace(/\W+/g, "-")}.md`]: text },
  path: `/kb/pages/${name.replace(/\W+/g, "-")}.md`,
  visible,
});
const mdx = (name: string, text: string, visible: string[]): HostileCase => ({
  name,
  kind: "mdx",
  files: { "/kb/pages/page.mdx": text, ...configured },
  path: "/kb/pages/page.mdx",
  visible,
});
/** A plain Markdown page whose site reads math and directives. */
const extended = (name: string, text: string, visible: string[]): HostileCase => {
  const hostile = plain(name, text, visible);
  return { ...hostile, files: { ...hostile.files, ...configured } };
};
const node = (
  name: string,
  text: string,
  visible: string[],
  extra: Record<string, string> = {},
): HostileCase => ({
  name,
  kind: "map",
  files: {
    "/kb/meta.json": hostileMeta,
    "/kb/Root/Root.md": "### Description\n\nThe root.\n\n### Order\n\n1. Child\n",
    "/kb/Root/Child/Child.md": text,
    ...extra,
  },
  path: "/kb/Root/Child/Child.md",
  visible,
});

export const hostileCases: readonly HostileCase[] = [
  plain("script tag", "Before <script>alert(1)</script> after\n", ["Before", "after"]),
  plain("script block", "<script>\nalert(1)\n</script>\n\nStill here.\n", ["Still here."]),
  plain("event handler attributes", '<p onclick="alert(1)" onmouseover="alert(2)">Click text</p>\n', [
    "Click text",
  ]),
  plain("img onerror", 'Picture: <img src="x.png" onerror="alert(1)" alt="kitten">\n', ["Picture:"]),
  plain("javascript: link", "[click me](javascript:alert(1))\n", ["click me"]),
  plain("data: link", "[data link](data:text/html;base64,PHNjcmlwdD4=)\n", ["data link"]),
  plain("vbscript: link", "[vb link](vbscript:msgbox(1))\n", ["vb link"]),
  plain("javascript: image", "![js image](javascript:alert(1))\n", ["js image"]),
  plain("data: image", "![pixel](data:image/png;base64,iVBORw0KGgo=)\n", ["pixel"]),
  plain("entity-encoded javascript: in raw HTML", '<a href="jav&#x61;script:alert(1)">encoded</a>\n', [
    "encoded",
  ]),
  plain("entity-encoded javascript: in Markdown", "[encoded md](jav&#x61;script:alert(1))\n", ["encoded md"]),
  plain(
    "javascript: autolink and reference",
    "<javascript:alert(1)>\n\n[ref text][r]\n\n[r]: javascript:alert(2)\n",
    ["ref text"],
  ),
  plain("iframe", '<iframe src="https://evil.example/"></iframe>\n\nFrame text\n', ["Frame text"]),
  plain("srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe> srcdoc text\n', ["srcdoc text"]),
  plain("object and embed", '<object data="x.swf"><embed src="y.swf"></object> Object text\n', [
    "Object text",
  ]),
  plain(
    "SVG with script and onload",
    '<svg onload="alert(1)"><script>alert(2)</script><text>svg text</text></svg>\n',
    ["svg text"],
  ),
  plain("SVG xlink:href", '<svg><a xlink:href="javascript:alert(1)"><text>xlink text</text></a></svg>\n', [
    "xlink text",
  ]),
  plain(
    "math namespace confusion",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math> math text\n",
    ["math text"],
  ),
  plain("raw style element", "<style>body { display: none }</style>\n\nStyled text\n", ["Styled text"]),
  plain("link element", '<link rel="stylesheet" href="https://evil.example/x.css">\n\nLinked text\n', [
    "Linked text",
  ]),
  plain("meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">\n\nMeta text\n', [
    "Meta text",
  ]),
  plain("base href", '<base href="https://evil.example/">\n\n[relative](other.md) base text\n', [
    "base text",
    "relative",
  ]),
  plain(
    "form action and formaction",
    '<form action="https://evil.example/"><input type="text" name="q"><button formaction="javascript:alert(1)">Send</button></form>\n',
    ["Send"],
  ),
  plain(
    "CSS url() in a style attribute",
    '<p style="background:url(https://evil.example/x.png)">styled para</p>\n',
    ["styled para"],
  ),
  plain("remote images", "![tracker](https://evil.example/t.png) and ![also](http://evil.example/u.png)\n", [
    "tracker",
    "also",
  ]),
  plain(
    "srcset and picture sources",
    '<picture><source srcset="https://evil.example/a.png"><img src="https://evil.example/b.png" alt="pic alt"></picture> <img srcset="https://evil.example/c.png 1x" alt="set">\n',
    [],
  ),
  plain(
    "protocol-relative and file: links",
    '<a href="//evil.example/">proto rel</a> <a href="file:///etc/passwd">file link</a>\n',
    ["proto rel", "file link"],
  ),
  plain(
    "details ontoggle",
    '<details open ontoggle="alert(1)"><summary>Sum</summary>Detail text</details>\n',
    ["Sum", "Detail text"],
  ),
  plain(
    "target and handler on a good link",
    '<a href="https://ok.example/" target="_blank" onmouseover="x()">good link</a>\n',
    ["good link"],
  ),
  mdx(
    "MDX JSX with handlers",
    "# T\n\n<Button onClick={() => alert(1)} style={{color: 'red'}}>Press</Button>\n",
    ["Press", "onClick"],
  ),
  mdx(
    "MDX expressions and ESM",
    "export const x = () => alert(1)\n\nValue: {alert(2)}\n\n{document.cookie}\n",
    ["alert(2)", "document.cookie", "export const x"],
  ),
  mdx(
    "MDX script and iframe as JSX",
    '<script>{"alert(1)"}</script>\n\n<iframe src="https://evil.example/" />\n\nAfter.\n',
    ["script", "iframe", "After."],
  ),
  mdx(
    "MDX component props with handlers, URLs, styles and inner HTML",
    '<Aside onClick="alert(1)" href="javascript:alert(2)" style="position:fixed;background:url(https://evil.example/x.png)" dangerouslySetInnerHTML={{ __html: "<img src=x onerror=alert(3)>" }} {...{ onMouseOver: handler }}>\n\nAside text\n\n</Aside>\n',
    ["Aside", "Aside text", "onClick", "dangerouslySetInnerHTML"],
  ),
  mdx(
    "MDX HTML elements with handlers, javascript: and remote sources",
    '<a href="javascript:alert(1)" onClick="alert(2)">js link</a> <img src="https://evil.example/x.png" onError="alert(3)" alt="remote jsx" /> <div style="position:fixed;inset:0" id="hijack" className="kb-callout" tabIndex="1">div text</div>\n\n<details open onToggle="alert(4)"><summary>jsx summary</summary>jsx detail</details>\n',
    ["js link", "remote jsx", "div text", "jsx summary"],
  ),
  mdx(
    "MDX component holding a script, a style and an iframe",
    '<Box title="<script>alert(1)</script>">\n<script>alert(2)</script>\n<style>{"body { background: url(https://evil.example/x.png) }"}</style>\n<iframe srcDoc="<script>alert(3)</script>" />\n</Box>\n\nBox after.\n',
    ["Box", "<script>alert(1)</script>", "Box after."],
  ),
  extended(
    "KaTeX link and HTML commands",
    "$\\href{javascript:alert(1)}{click}$ $\\url{javascript:alert(2)}$ $\\htmlClass{kb-callout}{cls}$ $\\htmlId{hijack}{id}$ $\\htmlStyle{position:fixed}{sty}$ $\\htmlData{x=y}{dat}$ math text\n\n$$\n\\includegraphics{https://evil.example/x.png}\n$$\n",
    ["math text", "\\href"],
  ),
  extended(
    "KaTeX colour injection, huge sizes and macro bombs",
    "$\\color{red;background:url(https://evil.example/x.png)}{a}$ $\\textcolor{expression(alert(1))}{b}$ $\\rule{100000em}{100000em}$ $\\def\\a{\\a\\a}\\a$ $\\text{<script>alert(2)</script>}$ sizes text\n",
    ["sizes text", "<script>alert(2)</script>"],
  ),
  extended(
    "math markers in raw HTML",
    '<code class="math-inline">\\href{javascript:alert(1)}{x}</code> <span class="katex" style="position:fixed" data-kb-style="position:fixed">fake katex</span> raw math text\n',
    ["fake katex", "raw math text"],
  ),
  extended(
    "directive attributes with handlers, ids, classes and styles",
    ':::note{#hijack .kb-evil onclick="alert(1)" style="background:url(https://evil.example/x.png)"}\nNote body\n:::\n\n:::evil{onmouseover=alert(2) href=javascript:alert(3)}\nEvil body\n:::\n\nText :abbr[hover]{onclick=alert(4) style="color:red"} and\n\n::leaf[leaf text]{src=javascript:alert(5)}\n\n:::tip[<img src=x onerror=alert(6)> title]\nTip body\n:::\n',
    ["Note body", "evil", "Evil body", "hover", "leaf text", "title", "Tip body"],
  ),
  mdx("invalid MDX falls back to text", "<!-- comment --> <img src=x onerror=alert(1)> text <div\n", [
    "onerror=alert(1)",
    "text",
  ]),
  {
    name: "frontmatter title and description containing HTML",
    kind: "topic",
    files: {
      "/kb/wiki/t.md":
        '---\ntitle: "<img src=x onerror=alert(1)>Title"\ndescription: "<script>alert(2)</script> Desc"\nimportance: "<b>high</b>"\nllmSummary: "<iframe src=https://evil.example/></iframe>Summary"\n---\n\nBody.\n',
    },
    path: "/kb/wiki/t.md",
    visible: ["<img src=x onerror=alert(1)>Title", "<script>alert(2)</script> Desc", "Summary", "Body."],
  },
  node(
    "Related Node link with javascript:",
    "### Mini Description\n\nA child.\n\n### Related Nodes\n\n- [Evil](javascript:alert(1))\n\t- Reason: <script>alert(2)</script> because\n",
    ["Evil", "because"],
  ),
  node("papers.json url javascript:", "### Mini Description\n\nA child.\n", ["Paper title", "2024-01-01"], {
    "/kb/Root/Child/papers.json": JSON.stringify([
      { url: "javascript:alert(1)", title: "Paper title", published_date: "2024-01-01" },
      { url: "data:text/html,x", title: "<script>alert(1)</script>", published_date: "<b>date</b>" },
    ]),
  }),
  {
    name: "node folder name with <script>",
    kind: "map",
    files: {
      "/kb/meta.json": hostileMeta,
      "/kb/Root/Root.md": "### Description\n\nThe root.\n\n### Order\n\n1. <script>alert(1)\n",
      "/kb/Root/<script>alert(1)/<script>alert(1).md":
        "### Mini Description\n\n<img src=x onerror=alert(2)> mini\n",
    },
    path: "/kb/Root/Root.md",
    visible: ["<script>alert(1)", "mini"],
  },
  {
    name: "node page of a folder named with <img onerror>",
    kind: "map",
    files: {
      "/kb/meta.json": hostileMeta,
      "/kb/Root/Root.md": "### Description\n\nThe root.\n\n### Order\n\n1. <img src=x onerror=alert(1)>\n",
      "/kb/Root/<img src=x onerror=alert(1)>/<img src=x onerror=alert(1)>.md":
        "### Mini Description\n\nmini\n",
    },
    path: "/kb/Root/<img src=x onerror=alert(1)>/<img src=x onerror=alert(1)>.md",
    visible: ["<img src=x onerror=alert(1)>", "mini"],
  },
];
