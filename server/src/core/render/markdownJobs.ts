import { renderMarkdown, type MarkdownSlice } from "./markdownPipeline";
import { noReferences, type ReferenceResolver } from "./referenceResolver";
import type { MarkdownJob, ReferenceTable, RenderedMarkdown } from "./renderTypes";

/**
 * Renders one job of `markdownJobsOf` (the language server runs this in its worker thread): the same
 * nodes as the page's own rendering of that run of Markdown gives. Pure; never throws on bad Markdown.
 */
export function renderMarkdownJob(job: MarkdownJob): RenderedMarkdown {
  const { text, firstLine, mdx, math, directives, references } = job;
  const resolveReference = references ? resolverOfTable(references) : noReferences;
  return renderMarkdown({ text, firstLine, mdx, math, directives, resolveReference });
}

/** A slice as a job, without its resolver (what a page's rendered runs are told apart by). */
export function jobOfSlice(slice: MarkdownSlice): MarkdownJob {
  const { text, firstLine, mdx } = slice;
  return { text, firstLine, mdx, math: slice.math ?? false, directives: slice.directives ?? false };
}

/** The resolver a reference table stands for: referenceLinks.ts's, answered from the table. */
function resolverOfTable(table: ReferenceTable): ReferenceResolver {
  return (component, props) => {
    for (const use of table) {
      if (use.component !== component) continue;
      const id = props[use.attribute];
      const entry = id === undefined ? undefined : use.entries.get(id);
      if (entry) return entry;
    }
    return undefined;
  };
}
