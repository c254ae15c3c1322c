import type { CoreServices } from "../model/services";
import type { Target } from "../model/linkTargets";
import { noReferences, type ReferenceResolver } from "./referenceResolver";
import type { RenderedMarkdown, RenderOptions, RenderTarget } from "./renderTypes";
import { type MarkdownSlice, renderMarkdown } from "./markdownPipeline";

/** What every part of one page's rendering needs: the file, where the page is shown, what it references. */
export interface PageContext {
  /** The source file being rendered. */
  path: string;
  target: RenderTarget;
  services: CoreServices;
  /** In the site target, the page's own site-relative URL, which links are made relative to. */
  pageUrl: string | undefined;
  /** Local files the page references that the site must copy (site target). */
  assets: Set<string>;
  /** What each link address of the page leads to, looked up once per address (a page may repeat one hundreds of times). */
  linkTargets: Map<string, Target | undefined>;
  /**
   * Set once the page shows math: the layout classes its math uses (site target: class name ->
   * declarations; empty in the editor, where the layout stays in `data-kb-style`).
   */
  mathStyles?: Map<string, string>;
  /** Which MDX components are references to entries (referenceResolver.ts). */
  resolveReference: ReferenceResolver;
  /** Renders a run of the page's Markdown (markdownPipeline.ts's renderMarkdown, unless the host rendered it already). */
  renderMarkdown: (slice: MarkdownSlice) => RenderedMarkdown;
}

export function createPageContext(
  path: string,
  target: RenderTarget,
  services: CoreServices,
  options: RenderOptions = {},
  markdown: (slice: MarkdownSlice) => RenderedMarkdown = renderMarkdown,
): PageContext {
  return {
    path,
    target,
    services,
    pageUrl: target.kind === "site" ? target.pageUrlOf(path) : undefined,
    assets: new Set(),
    linkTargets: new Map(),
    resolveReference: options.resolveReference ?? noReferences,
    renderMarkdown: markdown,
  };
}
