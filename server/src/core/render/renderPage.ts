import type { FeatureServices } from "../features/featureServices";
import type { RenderTarget, RenderedPage } from "./renderTypes";

/** Renders a Markdown file (open document or disk) as a page; undefined when it is not a readable Markdown file. */
export function renderPage(
  path: string,
  target: RenderTarget,
  services: FeatureServices,
): RenderedPage | undefined {
  // STUB: replaced by the renderer implementation.
  void target;
  const source = services.workspace.readText(path, Number.MAX_SAFE_INTEGER);
  if (!source.ok) return undefined;
  return {
    title: path,
    kind: "markdown",
    html: '<article class="kb-page"></article>',
    assets: [],
    problems: { errors: 0, warnings: 0 },
    version: source.version,
  };
}
