import { referenceResolverFor } from "../model/referenceLinks";
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
import type { PageKind, RenderOptions, RenderTarget, RenderedPage } from "./renderTypes";
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
  if (!isMarkdownPath(path)) return undefined;
  const source = services.workspace.readText(path, services.configs.configFor(path).maxFileSize);
  if (!source.ok && source.problem === "missing") return undefined;
  const page = createPageContext(path, target, services, {
    resolveReference: options.resolveReference ?? referenceResolverFor(path, services),
  });
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
