import { referenceResolverFor, referenceTableFor } from "../model/referenceLinks";
import type { ElementContent } from "hast";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";
import { markdownContext } from "../model/markdownContext";
import type { CoreServices } from "../model/services";
import { problemCounts } from "../model/cardData";
import { basename, isMarkdownPath } from "../paths";
import type { SourceText } from "../workspace/workspace";
import { nodePage, type PageBody } from "./nodePage";
import { createPageContext, type PageContext } from "./pageContext";
import { problemsBanner } from "./problemsBanner";
import { renderErrorBlock } from "./renderError";
import { jobOfSlice } from "./markdownJobs";
import { type MarkdownSlice, renderMarkdown } from "./markdownPipeline";
import type {
  MarkdownJob,
  PageKind,
  ReferenceTable,
  RenderedMarkdown,
  RenderOptions,
  RenderTarget,
  RenderedPage,
} from "./renderTypes";
import { markdownPage, topicPage } from "./topicPage";

/**
 * Renders a Markdown file (open document or disk) as a page; undefined when it is not a Markdown
 * file or does not exist. A file that cannot be shown (too large, binary, not UTF-8) gives a page
 * that says so, and a failure while rendering gives a page with the error: never an exception.
 */
export function renderPage(
  path: string,
  target: RenderTarget,
  services: CoreServices,
  options: RenderOptions = {},
): RenderedPage | undefined {
  const { rendered } = options;
  const markdown = rendered
    ? (slice: MarkdownSlice) => rendered(jobOfSlice(slice)) ?? renderMarkdown(slice)
    : renderMarkdown;
  return renderPageWith(path, target, services, options, markdown);
}

/**
 * The runs of Markdown `renderPage` would render for this page, in order, as jobs another thread can
 * render (`renderMarkdownJob`): a host passes their results back as `RenderOptions.rendered`. Costs a
 * rendering of the page without its Markdown (cards, breadcrumb, banner).
 */
export function markdownJobsOf(path: string, target: RenderTarget, services: CoreServices): MarkdownJob[] {
  const jobs: MarkdownJob[] = [];
  let references: ReferenceTable | undefined | null = null;
  renderPageWith(path, target, services, {}, (slice) => {
    const job = jobOfSlice(slice);
    if (slice.mdx) {
      if (references === null) references = referenceTableFor(path, services);
      if (references) job.references = references;
    }
    jobs.push(job);
    return { nodes: [], mdxFailure: undefined };
  });
  return jobs;
}

function renderPageWith(
  path: string,
  target: RenderTarget,
  services: CoreServices,
  options: RenderOptions,
  markdown: (slice: MarkdownSlice) => RenderedMarkdown,
): RenderedPage | undefined {
  if (!isMarkdownPath(path)) return undefined;
  const source = services.workspace.readText(path, services.configs.configFor(path).maxFileSize);
  if (!source.ok && source.problem === "missing") return undefined;
  const page = createPageContext(
    path,
    target,
    services,
    { resolveReference: options.resolveReference ?? referenceResolverFor(path, services) },
    markdown,
  );
  let kind: PageKind = "markdown";
  let body: PageBody;
  try {
    if (source.ok) {
      const context = markdownContext(path, source.text, source.version, services);
      const parsed = context?.parsed ?? services.workspace.parsedMarkdown(path, source.text, source.version);
      kind = context?.kind ?? "markdown";
      // Past a content limit (file/too-complex), the page says why instead of parsing the text.
      if (parsed.tooComplex)
        body = { title: basename(path), content: [renderErrorBlock(parsed.tooComplex.message)] };
      else if (context?.kind === "map-node") body = nodePage(context, page);
      else if (context?.kind === "topic") body = topicPage(context, page);
      else body = markdownPage(parsed, page);
    } else body = { title: basename(path), content: [renderErrorBlock(unreadableMessage(source))] };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    body = {
      title: basename(path),
      content: [renderErrorBlock(`This page could not be rendered: ${reason}`)],
    };
  }
  return finishPage(kind, body, page, source.ok ? source.version : 0);
}

function finishPage(kind: PageKind, body: PageBody, page: PageContext, version: number): RenderedPage {
  const banner = problemsBanner(page.services.diagnosticsOf(page.path), page.target.kind);
  const content: ElementContent[] = banner ? [banner, ...body.content] : body.content;
  return {
    title: body.title,
    kind,
    html: toHtml(h("article.kb-page", { dataKind: kind }, content)),
    assets: [...page.assets],
    mathStyles: page.mathStyles && Object.fromEntries(page.mathStyles),
    problems: problemCounts(page.path, page.services),
    version,
  };
}

function unreadableMessage(source: Exclude<SourceText, { ok: true }>): string {
  switch (source.problem) {
    case "too-large":
      return `This file is too large to preview (${source.size} bytes; see maxFileSize in kb-author.jsonc).`;
    case "binary":
      return `This file is binary (a NUL character on line ${source.position.line + 1}): it is not shown.`;
    case "invalid-utf8":
      return `This file is not valid UTF-8 (from line ${source.position.line + 1}): it is not shown.`;
    case "unreadable":
      return `This file cannot be read (${source.reason}): it is not shown.`;
    case "outside-workspace":
      return "This file is a symbolic link that leads outside the workspace: it is not shown.";
    case "missing":
      return "This file does not exist.";
  }
}
