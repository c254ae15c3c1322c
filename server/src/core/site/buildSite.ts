import type { LanguageService, PageKind, RenderedPage } from "../languageService";
import { basename, extname, relativePath } from "../paths";
import { errorPageHtml, nodeWithoutFileHtml } from "./fallbackPages";
import { indexPageHtml, type WrittenPage } from "./indexPage";
import { mapPageHtml } from "./mapPage";
import { siteDocument } from "./siteDocument";
import { safeLayoutStyle } from "../../shared/mathLayout";
import { siteFiles } from "./siteFiles";
import type { SiteMapNode } from "./siteMap";
import { type PlannedPage, planSite, type SitePlan, type SitePlanOptions } from "./sitePlan";

/** Where the site goes: the CLI writes to disk, tests may keep it in memory. */
export interface SiteOutput {
  writePage(url: string, html: string): void;
  /** Copies a file of the knowledge base to a site URL; reports its own failures (the page stays). */
  copyAsset(url: string, source: string): void;
}

interface SiteBuildOptions extends SitePlanOptions {
  output: SiteOutput;
  /** Shown in every page's footer and head, e.g. `kb-author 0.1.0`. */
  generator: string;
  /** Told about each page that could not be rendered (the site gets an error page instead). */
  warn(message: string): void;
}

export interface SiteSummary {
  /** Every HTML page written: the knowledge base's pages, then the index and the map. */
  pageCount: number;
  /** The knowledge base's pages, with their problems. */
  pages: WrittenPage[];
  assetCount: number;
  /** Some page shows math: the site needs KaTeX's stylesheet and fonts (siteFiles.katexFolder), which the caller copies. */
  math: boolean;
}

/**
 * Renders the knowledge base in the source folder as a static site: a page per node and per other
 * Markdown file (each validated first, so banners show the problems), the assets
 * those pages reference, then the map (whose marks need those validations) and the index.
 */
export function buildSite(service: LanguageService, options: SiteBuildOptions): SiteSummary {
  const plan = planSite(service, options);
  const trees = plan.trees;
  const siteName = trees.length === 1 ? trees[0].item.title : basename(options.sourceFolder);
  const frame = (url: string, title: string, contentHtml: string, math = false) =>
    siteDocument({ url, title, siteName, contentHtml, generator: options.generator, math });
  const mathLayout = new Map<string, string>();
  let mathUsed = false;
  const pages = plan.pages.map((planned) => {
    const { written, rendered, assets, mathStyles } = renderPlannedPage(service, plan, planned, options.warn);
    mathUsed ||= mathStyles !== undefined;
    for (const [name, declarations] of Object.entries(mathStyles ?? {})) mathLayout.set(name, declarations);
    options.output.writePage(
      planned.url,
      frame(planned.url, written.title, rendered, mathStyles !== undefined),
    );
    // The assets listed get a URL too, should the renderer not have asked for one.
    for (const asset of assets) plan.target.assetUrlOf(asset);
    return written;
  });
  for (const [source, url] of plan.assets) options.output.copyAsset(url, source);
  const validatedTrees = withFreshProblems(trees, plan.pages, pages);
  const pageUrlOf = plan.target.pageUrlOf;
  options.output.writePage(
    siteFiles.map,
    frame(siteFiles.map, "Map", mapPageHtml(validatedTrees, pageUrlOf)),
  );
  const index = indexPageHtml({ name: siteName, trees: validatedTrees, pages, pageUrlOf });
  options.output.writePage(siteFiles.index, frame(siteFiles.index, siteName, index));
  if (mathUsed) options.output.writePage(siteFiles.mathLayout, mathLayoutCss(mathLayout));
  return { pageCount: pages.length + 2, pages, assetCount: plan.assets.size, math: mathUsed };
}

/**
 * The trees with each node's problems as its page found them: the map was read before the pages
 * validated their files, so its counts are those of no validation yet.
 */
function withFreshProblems(
  trees: readonly SiteMapNode[],
  planned: readonly PlannedPage[],
  written: readonly WrittenPage[],
): SiteMapNode[] {
  const problemsByFolder = new Map<string, WrittenPage["problems"]>();
  planned.forEach((page, i) => {
    if (page.node && page.file) problemsByFolder.set(page.node.item.folder, written[i].problems);
  });
  const update = (node: SiteMapNode): SiteMapNode => ({
    item: { ...node.item, ...problemsByFolder.get(node.item.folder) },
    children: node.children.map(update),
  });
  return trees.map(update);
}

/** One page's article, or an error page when the renderer fails: a bad file never stops the site. */
function renderPlannedPage(
  service: LanguageService,
  plan: SitePlan,
  planned: PlannedPage,
  warn: (message: string) => void,
): { written: WrittenPage; rendered: string; assets: string[]; mathStyles?: Record<string, string> } {
  const source = relativePath(plan.sourceFolder, planned.file ?? planned.node?.item.folder ?? "");
  const base = { url: planned.url, source, failed: false, problems: { errors: 0, warnings: 0 } };
  if (!planned.file && planned.node) {
    const html = nodeWithoutFileHtml(planned.node, planned.url, plan.target.pageUrlOf);
    const written = { ...base, title: planned.node.item.title, kind: "map-node" as const };
    return { written: { ...written, problems: { errors: 1, warnings: 0 } }, rendered: html, assets: [] };
  }
  let page: RenderedPage | undefined;
  let reason = "the file could not be read";
  try {
    // The banner shows the page's problems: its file is validated first (rendering only reads them).
    if (planned.file) service.validate(planned.file);
    page = planned.file ? service.renderPage(planned.file, plan.target) : undefined;
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  if (page) {
    // A node's page is listed as a node whatever the renderer made of its file.
    const kind: PageKind = planned.node ? "map-node" : page.kind;
    const written = { ...base, title: page.title, kind, problems: page.problems };
    return { written, rendered: page.html, assets: page.assets, mathStyles: page.mathStyles };
  }
  warn(`could not render ${source}: ${reason}`);
  const title = planned.node?.item.title ?? basename(source, extname(source));
  const kind: PageKind = planned.node ? "map-node" : "markdown";
  const written = { ...base, title, kind, failed: true };
  return { written, rendered: errorPageHtml(title, kind, reason), assets: [] };
}

/**
 * The site's math stylesheet: a rule per layout class. The declarations are read again through the
 * layout grammar: nothing but lengths, colours and two keywords reaches the file.
 */
function mathLayoutCss(layout: ReadonlyMap<string, string>): string {
  const rules = [...layout]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, declarations]) => `.${name}{${safeLayoutStyle(declarations)}}`);
  return `/* The layout KaTeX gives the site's formulas, one class per layout (kb-author render). */\n${rules.join("\n")}\n`;
}
