import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createLanguageService, type LanguageService } from "../../server/src/core/languageService";
import { buildSite, type SiteOutput } from "../../server/src/core/site/buildSite";
import { pathOfSiteUrl, relativeSiteUrl, siteUrlOfPath } from "../../server/src/core/site/siteUrls";
import { UrlAllocator } from "../../server/src/core/site/urlAllocator";
import { MemoryFileSystem } from "../support/memoryFileSystem";

/** The site's pure parts (core/site), in memory: URLs, the plan, the pages around the renderer's articles. */

const repoRoot = path.resolve(__dirname, "../../..");

describe("static site: URLs", () => {
  it("percent-encodes each segment, and decodes back to the path", () => {
    const url = siteUrlOfPath("Root/Löbian Obstacle/index.html");
    assert.equal(url, "Root/L%C3%B6bian%20Obstacle/index.html");
    assert.equal(pathOfSiteUrl(url), "Root/Löbian Obstacle/index.html");
    assert.equal(siteUrlOfPath("a#b?c/d.html"), "a%23b%3Fc/d.html");
  });

  it("makes a link relative to the page it is written in", () => {
    assert.equal(relativeSiteUrl("A/B/index.html", "index.html"), "../../index.html");
    assert.equal(relativeSiteUrl("A/B/index.html", "A/C/index.html"), "../C/index.html");
    assert.equal(relativeSiteUrl("A/index.html", "A/B/index.html"), "B/index.html");
    assert.equal(relativeSiteUrl("map.html", "A/index.html"), "A/index.html");
    assert.equal(relativeSiteUrl("A/index.html", "A/index.html"), "index.html");
  });

  it("never hands out a URL twice, even differing only in case or Unicode normalisation", () => {
    const urls = new UrlAllocator(["index.html"]);
    assert.equal(urls.allocate("index.html"), "index-2.html");
    assert.equal(urls.allocate("wiki/Page.html"), "wiki/Page.html");
    assert.equal(urls.allocate("wiki/page.html"), "wiki/page-2.html");
    assert.equal(urls.allocate("Lo\u0308bian/index.html"), "Lo%CC%88bian/index.html");
    // The same folder to a file system that normalises names: the page goes beside the first one.
    assert.equal(urls.allocate("L\u00f6bian/index.html"), "Lo%CC%88bian/index-2.html");
    assert.equal(urls.allocate("images/README"), "images/README");
    assert.equal(urls.allocate("images/readme"), "images/readme-2");
  });

  it("never makes a file and a folder of one name: a node folder `index.html`, `page.md` beside `page.html/`", () => {
    const urls = new UrlAllocator([]);
    assert.equal(urls.allocate("Root/index.html"), "Root/index.html");
    assert.equal(urls.allocate("Root/index.html/index.html"), "Root/index-2.html/index.html");
    assert.equal(urls.allocate("Root/index.html/Child/index.html"), "Root/index-2.html/Child/index.html");
    assert.equal(urls.allocate("wiki/page.html/q.html"), "wiki/page.html/q.html");
    assert.equal(urls.allocate("wiki/page.html"), "wiki/page-2.html");
    assert.equal(urls.allocate("wiki/page.html/r.html"), "wiki/page.html/r.html");
  });
});

/** A small map with a node folder that has no file, a topic and a Markdown page. */
function sampleService(): LanguageService {
  const fileSystem = new MemoryFileSystem({
    "/kb/meta.json": '{ "rootDir": "Root" }\n',
    "/kb/Root/Root.md": "### Description\n\nThe root.\n\n### Order\n\n1. Alpha\n2. Empty\n",
    "/kb/Root/Alpha/Alpha.md":
      "### Mini Description\n\nThe first child, see [the topic](../../wiki/topic.md) and [a gap](gone.md).\n",
    "/kb/Root/Empty/Leaf/Leaf.md":
      "### Mini Description\n\nA leaf below a folder without its file. [Gone](gone.md)\n",
    "/kb/wiki/topic.md": "---\ntitle: A topic\ndescription: About it.\n---\n\n## Body\n\nText.\n",
    "/kb/wiki/notes.md": "# Notes\n\nPlain Markdown.\n",
    "/kb/.hidden/secret.md": "# Not published\n",
  });
  return createLanguageService({ fileSystem, workspaceRoots: ["/kb"] });
}

function buildInMemory(service: LanguageService) {
  const files = new Map<string, string>();
  const copies = new Map<string, string>();
  const warnings: string[] = [];
  const output: SiteOutput = {
    writePage: (url, html) => void files.set(url, html),
    copyAsset: (url, source) => void copies.set(url, source),
  };
  const summary = buildSite(service, {
    sourceFolder: "/kb",
    output,
    generator: "kb-author test",
    warn: (message) => void warnings.push(message),
  });
  return { files, copies, warnings, summary };
}

/** A map that is one chain of nodes, `depth` deep. */
function chainService(depth: number): LanguageService {
  const files: Record<string, string> = { "/kb/meta.json": '{ "rootDir": "N0" }\n' };
  let folder = "/kb";
  for (let i = 0; i < depth; i++) {
    folder += `/N${i}`;
    const order = i < depth - 1 ? `\n### Order\n\n1. N${i + 1}\n` : "";
    files[`${folder}/N${i}.md`] = `### Mini Description\n\nNode ${i}.\n\n### Description\n\nD.\n${order}`;
  }
  return createLanguageService({ fileSystem: new MemoryFileSystem(files), workspaceRoots: ["/kb"] });
}

describe("static site: a chain of nodes hundreds deep (issue 16)", () => {
  const totalBytes = (depth: number) =>
    [...buildInMemory(chainService(depth)).files.values()].reduce((sum, html) => sum + html.length, 0);

  it("grows the site linearly with the depth: each page's size is bounded, whatever its depth", () => {
    // Every ancestor in every breadcrumb made it grow with the cube of the depth: 64 times the bytes for 4
    // times the depth. Then the paths, with the square: a `../` per level in each relative link, and each
    // link's title naming its file's full path. Linear: about 4 times the bytes for 4 times the pages.
    const ratio = totalBytes(400) / totalBytes(100);
    assert.ok(ratio < 5, `400 deep is ${ratio.toFixed(1)} times 100 deep`);
  });

  it("keeps a deep page's URL 16 folders deep and its links' titles short", () => {
    const { files } = buildInMemory(chainService(40));
    const urls = [...files.keys()];
    assert.ok(
      urls.includes("N0/N1/N2/N3/N4/N5/N6/N7/N8/N9/N10/N11/N12/N13/N14/N39/index.html"),
      urls.join("\n"),
    );
    const deepest = files.get("N0/N1/N2/N3/N4/N5/N6/N7/N8/N9/N10/N11/N12/N13/N14/N39/index.html")!;
    assert.ok(deepest.includes('title="N0/N1/…/N30/N31/N32/N33/N34/N35/N36/N37/N38/N38.md"'));
  });

  it("shows a long trail's first and last ancestors around a gap that counts the others", () => {
    const { files } = buildInMemory(chainService(12));
    const deepest = [...files].find(([url]) => url.includes("/N11/"))![1];
    const trail = /<nav class="kb-breadcrumb"[^]*?<\/nav>/.exec(deepest)![0];
    assert.deepEqual(
      [...trail.matchAll(/<li[^>]*>(?:<a[^>]*>)?([^<]*)/g)].map((match) => match[1]),
      ["N0", "N1", "…", "N7", "N8", "N9", "N10"],
    );
    assert.match(trail, /title="5 levels left out"/);
  });
});

describe("static site: pages", () => {
  it("plans a page per node (a folder without its file too) and per other Markdown file, skipping hidden folders", () => {
    const { files, summary } = buildInMemory(sampleService());
    assert.deepEqual([...files.keys()].sort(), [
      "Root/Alpha/index.html",
      "Root/Empty/Leaf/index.html",
      "Root/Empty/index.html",
      "Root/index.html",
      "index.html",
      "map.html",
      "wiki/notes.html",
      "wiki/topic.html",
    ]);
    assert.equal(summary.pageCount, 8);
    const empty = files.get("Root/Empty/index.html") ?? "";
    assert.match(empty, /This node folder has no Empty\.md file/);
    assert.match(empty, /href="Leaf\/index\.html"/, "it still links to its children");
  });

  it("frames every page: doctype, language, charset, viewport, title, the no-script policy, header and footer", () => {
    const { files } = buildInMemory(sampleService());
    const page = files.get("Root/Alpha/index.html") ?? "";
    assert.ok(page.startsWith('<!doctype html><html lang="en"><head><meta charset="utf-8">'));
    assert.match(
      page,
      /<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; style-src &#x27;self&#x27;; img-src &#x27;self&#x27;; font-src &#x27;self&#x27;">/,
    );
    assert.match(page, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
    assert.match(page, /<link rel="stylesheet" href="\.\.\/\.\.\/style\.css">/);
    assert.match(page, /<a class="kb-site-nav-link" href="\.\.\/\.\.\/index\.html">Index<\/a>/);
    assert.match(page, /<a class="kb-site-nav-link" href="\.\.\/\.\.\/map\.html">Map<\/a>/);
    assert.match(page, /<main class="kb-site-main" id="main"><article class="kb-page"/);
    assert.match(page, /<footer class="kb-site-footer"><p>Generated by kb-author test/);
  });

  it("the map nests nodes in Order in <details>, links each once and marks nodes with problems", () => {
    const { files } = buildInMemory(sampleService());
    const map = files.get("map.html") ?? "";
    const links = [...map.matchAll(/<a class="kb-node-link" href="([^"]+)"/g)].map((match) => match[1]);
    assert.deepEqual(links, [
      "Root/index.html",
      "Root/Alpha/index.html",
      "Root/Empty/index.html",
      "Root/Empty/Leaf/index.html",
    ]);
    assert.match(map, /<details open><summary><a class="kb-node-link" href="Root\/index.html">Root<\/a>/);
    assert.match(
      map,
      /<details open><summary><a class="kb-node-link" href="Root\/Empty\/index.html">/,
      "open above a mark",
    );
    assert.match(map, /<span class="kb-map-summary">A leaf below a folder without its file\./);
    assert.match(
      map,
      /<li class="kb-map-node kb-map-errors"><a class="kb-node-link" href="Root\/Alpha\/index.html">Alpha<\/a> <span class="kb-map-problems">\(\d errors?\)<\/span>/,
    );
    assert.match(
      map,
      /href="Root\/Empty\/index.html">Empty<\/a> <span class="kb-map-problems">\(no Empty\.md\)<\/span>/,
    );
    assert.doesNotMatch(map, /<script/);
  });

  it("the index links the maps' roots, lists topics and other pages, and totals the problems", () => {
    const { files } = buildInMemory(sampleService());
    const index = files.get("index.html") ?? "";
    assert.match(index, /href="Root\/index\.html"/);
    assert.match(
      index,
      /<section class="kb-section" data-section="topics"><h2>Topics<\/h2>.*href="wiki\/topic\.html"/,
    );
    assert.match(
      index,
      /<section class="kb-section" data-section="pages"><h2>Other pages<\/h2>.*href="wiki\/notes\.html"/,
    );
    assert.match(index, /data-section="problems"/);
    assert.match(
      index,
      /href="Root\/Empty\/index\.html">Empty<\/a>/,
      "the node without a file is listed as a problem",
    );
  });

  it("a page whose rendering throws becomes an error page with a warning; the others are written", () => {
    const service = sampleService();
    const failing: LanguageService = {
      ...service,
      renderPage: (file, target) => {
        if (file.endsWith("topic.md")) throw new Error("boom");
        return service.renderPage(file, target);
      },
    };
    const { files, warnings, summary } = buildInMemory(failing);
    assert.deepEqual(warnings, ["could not render wiki/topic.md: boom"]);
    assert.match(files.get("wiki/topic.html") ?? "", /This page could not be rendered: boom/);
    assert.ok(summary.pages.find((page) => page.source === "wiki/topic.md")?.failed);
    assert.equal(files.size, 8);
  });

  it("links KaTeX's stylesheet and the math layout on pages with math only, and writes one rule per layout", () => {
    const service = createLanguageService({
      fileSystem: new MemoryFileSystem({
        "/kb/kb-author.jsonc": JSON.stringify({ mdx: { syntax: ["math"] } }),
        "/kb/wiki/a.md": "# A\n\n$x^2$ and $\\frac12$\n",
        "/kb/wiki/b.md": "# B\n\n$x^2$\n",
        "/kb/wiki/c.md": "# C\n\nCosts 5 dollars.\n",
      }),
      workspaceRoots: ["/kb"],
    });
    const { files, summary } = buildInMemory(service);
    assert.equal(summary.math, true);
    for (const [page, math] of [
      ["wiki/a.html", true],
      ["wiki/b.html", true],
      ["wiki/c.html", false],
    ] as const) {
      const html = files.get(page) ?? "";
      assert.equal(html.includes('href="../katex/katex.min.css"'), math, page);
      assert.equal(html.includes('href="../math-layout.css"'), math, page);
    }
    const layout = files.get("math-layout.css") ?? "";
    const rules = [...layout.matchAll(/^\.(kb-m-[a-z0-9]+)\{([^}]*)\}$/gm)];
    assert.ok(rules.length > 3);
    assert.equal(new Set(rules.map((rule) => rule[1])).size, rules.length, "each class once");
    const used = [...(files.get("wiki/b.html") ?? "").matchAll(/kb-m-[a-z0-9]+/g)].map((match) => match[0]);
    assert.ok(used.length > 0 && used.every((name) => layout.includes(`.${name}{`)));
  });

  it("writes no math stylesheet for a site without math", () => {
    const { files, summary } = buildInMemory(sampleService());
    assert.equal(summary.math, false);
    assert.ok(!files.has("math-layout.css"));
  });
});

describe("static site: style.css", () => {
  it("media/site.css gives a value to every --vscode-* variable media/preview.css uses", function () {
    const previewPath = path.join(repoRoot, "media", "preview.css");
    if (!fs.existsSync(previewPath)) this.skip();
    const used = new Set(
      [...fs.readFileSync(previewPath, "utf8").matchAll(/var\((--vscode-[\w-]+)/g)].map((m) => m[1]),
    );
    const site = fs.readFileSync(path.join(repoRoot, "media", "site.css"), "utf8");
    const defined = new Set([...site.matchAll(/^\s*(--vscode-[\w-]+):/gm)].map((m) => m[1]));
    assert.deepEqual(
      [...used].filter((name) => !defined.has(name)),
      [],
    );
  });
});
