import type { Element, ElementContent } from "hast";
import { h } from "hastscript";

/** A visible note in place of a part of the page that could not be rendered. */
export function renderErrorBlock(message: string): Element {
  return h("div.kb-render-error", { role: "status" }, message);
}

/**
 * Renders one part of a page; an exception inside it becomes a visible error block instead of
 * losing the whole page (bad input must degrade, never throw).
 */
export function guarded(what: string, build: () => ElementContent[]): ElementContent[] {
  try {
    return build();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [renderErrorBlock(`Could not render ${what}: ${reason}`)];
  }
}
