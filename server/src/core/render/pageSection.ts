import type { Element, ElementContent } from "hast";
import { h } from "hastscript";

/** `section.kb-section[data-section]` with its heading (at its source line) and content. */
export function pageSection(
  name: string,
  heading: string,
  headingLine: number | undefined,
  content: ElementContent[],
): Element {
  return h("section.kb-section", { dataSection: name }, [
    h("h2", { dataLine: headingLine }, heading),
    ...content,
  ]);
}

/** The `data-section` name of a section that has no name of its own in the contract: its heading, as a slug. */
export function sectionSlug(heading: string): string {
  return (
    heading
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "") || "section"
  );
}
