import type { Range } from "vscode-languageserver-types";
import type { ReferenceRegistry } from "../config/configTypes";
import { findAttributeValues } from "../document/componentAttributes";
import { locateInFrontmatter } from "../document/frontmatter";
import type { MarkdownContext } from "./markdownContext";
import { valueAt } from "./referenceIndex";

/** An id a page uses: in a component's attribute, or in a frontmatter field. */
export interface ReferenceUse {
  id: string;
  /** The id as written (without quotes). */
  range: Range;
  /** False while the id is being typed (no closing quote yet): completed, not checked. */
  closed: boolean;
}

/** The ids a page uses for a registry, in the page's order (frontmatter first). */
export function findReferenceUses(context: MarkdownContext, registry: ReferenceRegistry): ReferenceUse[] {
  const uses: ReferenceUse[] = [];
  const { frontmatter, lines } = context.parsed;
  for (const use of registry.uses) {
    if (!("frontmatter" in use) || !frontmatter) continue;
    const value = valueAt(frontmatter.value, use.frontmatter);
    const ids = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
    ids.forEach((id, index) => {
      if (typeof id !== "string") return;
      const path = typeof value === "string" ? use.frontmatter : [...use.frontmatter, String(index)];
      const range = locateInFrontmatter(frontmatter, lines, path).valueRange;
      if (range) uses.push({ id, range: unquoted(range, lines.lines[range.start.line]), closed: true });
    });
  }
  const wanted = new Map<string, Set<string>>();
  for (const use of registry.uses)
    if ("component" in use)
      wanted.set(use.component, (wanted.get(use.component) ?? new Set()).add(use.attribute));
  if (wanted.size > 0)
    for (const found of findAttributeValues(context.parsed, wanted))
      uses.push({ id: found.value, range: found.range, closed: found.closed });
  return uses;
}

/** A one-line YAML scalar's range without its quotes, so that a fix replaces the id only. */
export function unquoted(range: Range, line: string | undefined): Range {
  if (!line || range.start.line !== range.end.line) return range;
  const first = line[range.start.character];
  const last = line[range.end.character - 1];
  if ((first === '"' || first === "'") && last === first && range.end.character - range.start.character >= 2)
    return {
      start: { line: range.start.line, character: range.start.character + 1 },
      end: { line: range.end.line, character: range.end.character - 1 },
    };
  return range;
}
