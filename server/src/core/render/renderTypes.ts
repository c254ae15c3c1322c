/**
 * What the renderer (preview panel, map view, static site) takes and gives. The renderer is part of
 * the pure core: it reads through the core services, never the disk, and returns HTML strings whose
 * every piece of document content has passed rehype-sanitize.
 *
 * The HTML contract shared with the webview scripts (client/webview) and the stylesheet
 * (media/preview.css), so that all three agree on names:
 *
 * - `article.kb-page` with `data-kind` = `map-node` | `topic` | `markdown`.
 * - `div.kb-problems[role=alert]`: the file's problems (errors first); each `li.kb-problem.kb-error|kb-warning|kb-info`
 *   holds an `a.kb-line-link[data-kb-line=N]` (0-based line) that reveals the line in the editor (on the
 *   site a `span.kb-line-link`, as there is no editor), then
 *   the code in a `code` and the message in a `span`.
 * - `nav.kb-breadcrumb > ol > li > a.kb-node-link` (ancestors, root first).
 * - `h1.kb-title`; `div.kb-lead` (the Mini Description); `section.kb-section` per section,
 *   with `data-section="description|related|order|papers|..."` (any other section: its heading as a
 *   lower-case slug, `Open Problems` -> `open-problems`), holding an `h2` (the heading) then its content.
 *   Text before a node's first section is a `div.kb-body`. A node with children but no Order section
 *   gets an `order` section headed `Children` (its children in the builder's sorted order).
 * - Cards: `ul.kb-cards|ol.kb-cards > li.kb-card[data-line]`, containing `a.kb-card-link.kb-node-link` with a
 *   `span.kb-card-title`, then `p.kb-card-summary` (child's Mini Description) or `p.kb-card-reason`
 *   (a Related Node's Reason). A broken Order entry or related link: `li.kb-card.kb-broken` whose link
 *   is `a.kb-card-link.kb-broken-link[title=why]`, with `p.kb-broken-reason` (before any reason); a child
 *   folder missing from the Order: `li.kb-card.kb-unlisted`; a child the published map loses (after the
 *   others): `li.kb-card.kb-lost`. A related link to a file that is not a
 *   node is `a.kb-card-link.kb-file-link`.
 * - Papers: `ol.kb-references > li.kb-paper` with `a.kb-external` (title; a plain `span` when the url is
 *   not http/https), `span.kb-paper-date`, `span.kb-paper-citations`.
 * - Topic header: `header.kb-topic-header` with `h1.kb-title`, `p.kb-description`,
 *   `span.kb-badge.kb-badge-importance|kb-badge-quality`, `div.kb-summary` (llmSummary).
 * - Markdown body: `div.kb-body`. Block elements carry `data-line` (0-based line in the source file)
 *   for scroll sync: `p`, `h1`-`h6`, `li`, `table`, `tr`, `code` (inside `pre`), `blockquote`, `hr`, and
 *   `div.kb-lead`, section `h2`s, cards, the topic header. Links: internal ones that resolve are
 *   `a.kb-node-link` (a node) or `a.kb-file-link`; ones that do not resolve (or whose scheme is not
 *   http, https or mailto) are `a.kb-broken-link[title=why]` without `href`; external ones
 *   `a.kb-external`. In-page `#anchors` are kept, prefixed `user-content-` like the sanitized ids.
 *   Footnotes (GFM): `sup > a[data-footnote-ref]` to `section.footnotes[data-footnotes] > ol > li`, whose
 *   `a.data-footnote-backref` (↩) leads back; their ids are `user-content-fn:N`, `user-content-fnref:N`
 *   and `user-content-fn:label`, which no heading id can be.
 * - MDX: lower-case JSX naming an HTML element a page may hold is that element (sanitized like raw HTML);
 *   a component the resolver knows (referenceResolver.ts) is a link to its entry; any other JSX is a
 *   labelled box, `div.kb-component` (`span.kb-component.kb-component-inline` in a paragraph) holding
 *   `div.kb-component-label` (`span.kb-component-name`, then `span.kb-component-props` with a
 *   `span.kb-component-prop` per prop: `span.kb-component-prop-name`, `=`, `span.kb-component-prop-value`
 *   or, for an expression, `code.kb-jsx`) and `div.kb-component-body` (its children, rendered). ESM is a
 *   collapsed `details.kb-esm` holding the code; `{expressions}` are `code.kb-jsx`.
 * - Directives (when the site's syntax has them): `div.kb-callout.kb-callout-note|tip|caution|danger|warning|other`
 *   with `p.kb-callout-title` (an unknown name in `span.kb-callout-name`, its attributes as props) then
 *   the content; a labelled leaf or text directive is `p.kb-directive` / `span.kb-directive[title=name]`.
 * - Math (when the site's syntax has it): KaTeX's `span.katex` inline, `div.kb-math-display` as a block;
 *   its layout in `data-kb-style` (editor) or `kb-m-*` classes of the site's math stylesheet (site); a
 *   formula KaTeX cannot read is `span.kb-math-error[title=why]` (`div.kb-math-display.kb-math-error`).
 * - Images: local images allowed by the target are `img`; every other image (remote, outside the
 *   resource roots, missing, unpublished) is `span.kb-blocked-image[title=why]` showing its alt text.
 * - `div.kb-render-error[role=status]`: a part of the page (or the whole file: too large, binary, not
 *   UTF-8) that could not be rendered, or an MDX file shown as plain Markdown because it is not valid MDX.
 * - In the editor target every internal link also carries `data-kb-open` = the `file:` URI to open
 *   (and no `href`: `role=link` and `tabindex=0` keep it focusable), and external links
 *   `data-kb-external` = the URL; the webview script handles clicks on those two attributes only (and
 *   on `a.kb-line-link`). The site target carries neither (plain relative `href`s).
 */

import type { ElementContent } from "hast";
import type { ReferenceResolver, ResolvedReference } from "./referenceResolver";

/** Where links and images lead: the editor's webview or a static site. */
export type RenderTarget = EditorRenderTarget | SiteRenderTarget;

export interface EditorRenderTarget {
  kind: "editor";
  /**
   * Folders local images may come from, each with the URI the webview loads it by (the client's
   * `asWebviewUri(folder)`): an image at `folder/a/b.png` is shown from `webviewBase + "/a/b.png"`.
   * Images elsewhere, and every remote image, are replaced by a placeholder.
   */
  resourceRoots: { folder: string; webviewBase: string }[];
}

export interface SiteRenderTarget {
  kind: "site";
  /**
   * The site-relative URL (`AI_Safety/Governance/index.html`, `wiki/page.html`) of the page made from
   * a source file (a node's file or folder, a topic, a Markdown file), or undefined when the site has
   * no page for it. Links and images are written relative to the page being rendered.
   */
  pageUrlOf(path: string): string | undefined;
  /** The site-relative URL a local asset (an image, a linked non-Markdown file) is copied to; undefined: not published. */
  assetUrlOf(path: string): string | undefined;
}

export type PageKind = "map-node" | "topic" | "markdown";

/** What a host may add to a rendering. */
export interface RenderOptions {
  /** Which MDX components are references to entries, shown as links to them (none by default). */
  resolveReference?: ReferenceResolver;
  /**
   * The page's Markdown already rendered elsewhere (by `renderMarkdownJob`, for the jobs `markdownJobsOf`
   * listed): asked for each run of Markdown the page shows, in order; a run it has no answer for
   * (undefined) is rendered here. Lets a host keep parsing, the costly part, off the thread that answers
   * requests (the language server's preview renders in a worker thread).
   */
  rendered?: (job: MarkdownJob) => RenderedMarkdown | undefined;
}

/**
 * A run of a page's Markdown to render, as plain data that can be copied to another thread: everything
 * `renderMarkdownJob` needs. Two jobs with the same text, first line and syntax give the same nodes.
 */
export interface MarkdownJob {
  text: string;
  /** The 0-based line of the file the text starts at (for `data-line`). */
  firstLine: number;
  /** Read as MDX: JSX, ESM and expressions are shown, never run. */
  mdx: boolean;
  math: boolean;
  directives: boolean;
  /**
   * The entries the page's reference components lead to, when it is MDX and the configuration names
   * reference components (referenceLinks.ts): the resolver, as data. Absent from the jobs given to
   * `RenderOptions.rendered`, where it plays no part in telling jobs apart.
   */
  references?: ReferenceTable;
}

/** For each reference component use, in the configuration's order, the entries by the id its attribute gives. */
export type ReferenceTable = {
  component: string;
  attribute: string;
  entries: Map<string, ResolvedReference>;
}[];

/** A run of Markdown rendered: sanitized HTML nodes, links and images not yet rewritten for the target. */
export interface RenderedMarkdown {
  nodes: ElementContent[];
  /** Why an MDX run was read as plain Markdown instead, when it was. */
  mdxFailure: string | undefined;
}

export interface RenderedPage {
  /** The page title: a node's folder name with spaces, a topic's `title`, else the first heading or file name. */
  title: string;
  kind: PageKind;
  /** The `article.kb-page` element, sanitized. */
  html: string;
  /** Local files the page references (images, linked files) that the site must copy (site target only). */
  assets: string[];
  /**
   * Undefined when the page shows no math; else the classes of the site's math stylesheet its formulas
   * use (class name -> CSS declarations; site target only, empty in the editor).
   */
  mathStyles: Record<string, string> | undefined;
  /** The problems shown in the banner. */
  problems: { errors: number; warnings: number };
  /** The document version rendered (the open document's, or the disk's). */
  version: number;
}

/** One node of the map view's tree. */
export interface MapTreeItem {
  /** The node's folder (core path). */
  folder: string;
  /** Its `Name/Name.md`, when the folder has one. */
  file: string | undefined;
  name: string;
  /** The folder name with spaces. */
  title: string;
  /** The first paragraph of its Mini Description (a map root: meta.json's cover description). */
  summary: string | undefined;
  /** Number of child nodes (so the tree shows a twisty without loading them). */
  childCount: number;
  /** The problems of the node's file at its last validation. */
  errors: number;
  warnings: number;
  /** The folder is a child missing from its parent's Order (published at its sorted place). */
  unlisted: boolean;
  /** The published map loses the child (its parent's Order removes it); shown after the published ones. */
  lost: boolean;
}

export interface MapTree {
  /** The maps' roots. */
  roots: MapTreeItem[];
  /** The children of every node to expand initially (the focus node's ancestors and the focus), by folder. */
  expanded: Record<string, MapTreeItem[]>;
  /** The node the view starts at (its folder), when one was asked for and found. */
  focus: string | undefined;
}
