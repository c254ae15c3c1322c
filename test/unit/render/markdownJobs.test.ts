/**
 * A page's Markdown rendered elsewhere (issue 16, point 4: the language server renders previews' Markdown
 * in a worker thread, so that a heavy page cannot hold hover and diagnostics): `markdownJobsOf` lists the
 * runs as plain data, `renderMarkdownJob` renders one anywhere, and `renderPage` given the results makes
 * the page it would have made itself, byte for byte, rendering here only what it was not given.
 */
import * as assert from "node:assert/strict";
import type { ElementContent } from "hast";
import { renderMarkdownJob } from "../../../server/src/core";
import type { MarkdownJob, RenderedMarkdown } from "../../../server/src/core/render/renderTypes";
import { formerSlowPages } from "../fuzz/formerHangs";
import { editorTarget, serviceOf, siteTarget } from "./renderSupport";

const references = JSON.stringify({
  mdx: { providedComponents: ["EntityLink"] },
  references: {
    entity: {
      definedIn: [{ dataFiles: ["data/entities/*.yaml"], items: "entities", title: "name" }],
      usedIn: [{ component: "EntityLink", attribute: "id" }],
    },
  },
});

const files: Record<string, string> = {
  "/kb/meta.json": JSON.stringify({ rootDir: "Root" }),
  "/kb/Root/Root.md":
    "### Mini Description\n\nThe *root*.\n\n### Description\n\nSee [the child](Child/Child.md) and $x^2$.\n\n## Notes\n\nA note[^1].\n\n[^1]: The footnote.\n\n### Order\n\n1. Child\n",
  "/kb/Root/Child/Child.md": "### Mini Description\n\nA child.\n\n### Description\n\nText.\n",
  "/kb/topic.md":
    "---\ntitle: Topic\n---\n\n# Topic\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n## Topic\n\n<b>raw</b> [ref]\n\n[ref]: https://example.com\n",
  "/kb/kb-author.jsonc": references,
  "/kb/data/entities/labs.yaml": "entities:\n  - id: anthropic\n    name: Anthropic\n",
  "/kb/wiki/page.mdx":
    '---\ntitle: Page\n---\n\nSee <EntityLink id="anthropic" /> and <EntityLink id="nobody">x</EntityLink>.\n\n<Box>{1 + 1}</Box>\n',
  "/kb/wiki/broken.mdx": "---\ntitle: Broken\n---\n\n<Unclosed\n\nText.\n",
  "/kb/heavy.md": formerSlowPages[Object.keys(formerSlowPages)[2]],
};

/** Renders the jobs as another thread would: from a copy of each, answered with a copy (structured clone). */
function renderedElsewhere(jobs: MarkdownJob[]): RenderedMarkdown[] {
  return jobs.map((job) => structuredClone(renderMarkdownJob(structuredClone(job))));
}

/** An answer for each job in turn, checked to be asked for in the order listed. */
function inOrder(jobs: MarkdownJob[], results: (RenderedMarkdown | undefined)[]) {
  let next = 0;
  return (job: MarkdownJob) => {
    // The job asked for carries no reference table: it plays no part in telling runs apart.
    const { references: _table, ...listed } = jobs[next];
    assert.deepEqual(job, listed, "asked for in the order listed");
    return results[next++];
  };
}

describe("a page's Markdown rendered elsewhere (markdownJobsOf, renderMarkdownJob)", () => {
  for (const path of [
    "/kb/Root/Root.md",
    "/kb/topic.md",
    "/kb/wiki/page.mdx",
    "/kb/wiki/broken.mdx",
    "/kb/heavy.md",
  ])
    for (const target of [editorTarget, siteTarget])
      it(`gives the same page, byte for byte: ${path} (${target.kind})`, () => {
        const service = serviceOf(files);
        service.validate(path);
        const jobs = service.markdownJobsOf(path, target);
        assert.ok(jobs.length > 0, "the page has Markdown");
        const here = service.renderPage(path, target);
        const elsewhere = service.renderPage(path, target, {
          rendered: inOrder(jobs, renderedElsewhere(jobs)),
        });
        assert.equal(elsewhere?.html, here?.html);
        assert.deepEqual(elsewhere?.assets, here?.assets);
        assert.deepEqual(elsewhere?.mathStyles, here?.mathStyles);
      });

  it("lists a node's runs in the page's order, with their first lines", () => {
    const service = serviceOf(files);
    const jobs = service.markdownJobsOf("/kb/Root/Root.md", editorTarget);
    assert.deepEqual(
      jobs.map((job) => [job.firstLine, job.text.trim().split("\n")[0]]),
      [
        [1, "The *root*."],
        [5, "See [the child](Child/Child.md) and $x^2$."],
        [9, "A note[^1]."],
      ],
    );
  });

  it("carries the reference components' entries in an MDX page's jobs, so that they resolve there too", () => {
    const service = serviceOf(files);
    const [job] = service.markdownJobsOf("/kb/wiki/page.mdx", editorTarget);
    assert.equal(job.references?.[0]?.entries.get("anthropic")?.title, "Anthropic");
    const html = JSON.stringify(renderMarkdownJob(structuredClone(job)).nodes);
    assert.match(html, /Anthropic/, "the entry's title is the link's text");
    // Near miss: the same job without its table resolves nothing.
    assert.doesNotMatch(
      JSON.stringify(renderMarkdownJob({ ...job, references: undefined }).nodes),
      /Anthropic/,
    );
    // A Markdown page's jobs carry none.
    assert.equal(service.markdownJobsOf("/kb/topic.md", editorTarget)[0].references, undefined);
  });

  it("shows what it is given, and renders here only the runs it was not given", () => {
    const service = serviceOf(files);
    const path = "/kb/Root/Root.md";
    const jobs = service.markdownJobsOf(path, editorTarget);
    const marker: ElementContent = {
      type: "element",
      tagName: "p",
      properties: {},
      children: [{ type: "text", value: "FROM ELSEWHERE" }],
    };
    const results = [{ nodes: [marker], mdxFailure: undefined }, undefined];
    const html = service.renderPage(path, editorTarget, { rendered: inOrder(jobs, results) })?.html ?? "";
    assert.match(html, /FROM ELSEWHERE/);
    assert.doesNotMatch(html, /The <em>root<\/em>/, "the first run is the one given");
    assert.match(html, /See <a [^>]*>the child<\/a>/, "the second run, not given, is rendered here");
  });
});
