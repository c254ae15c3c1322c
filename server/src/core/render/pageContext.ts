import type { CoreServices } from "../model/services";
import type { Target } from "../model/linkTargets";
import type { RenderTarget } from "./renderTypes";

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
}

export function createPageContext(path: string, target: RenderTarget, services: CoreServices): PageContext {
  return {
    path,
    target,
    services,
    pageUrl: target.kind === "site" ? target.pageUrlOf(path) : undefined,
    assets: new Set(),
    linkTargets: new Map(),
  };
}
