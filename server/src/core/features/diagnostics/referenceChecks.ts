import type { ReferenceRegistry } from "../../config/configTypes";
import { matchesGlobs } from "../../config/globs";
import type { MarkdownContext } from "../../model/markdownContext";
import { findReferenceUses } from "../../model/referenceUses";
import { placeOfDefinition, type RegistryIds } from "../../model/referenceIndex";
import { NameIndex } from "../../names";
import type { Problem } from "../../problem";

/**
 * References by id (the configuration's `references`): every id a page uses must be defined by the
 * registry's data files or pages, and an id the page itself defines must be defined nowhere else.
 */
export function checkReferences(context: MarkdownContext): Problem[] {
  const problems: Problem[] = [];
  for (const registry of context.config.references) {
    const definesHere = definesIds(context, registry);
    const uses = findReferenceUses(context, registry).filter((use) => use.closed);
    if (uses.length === 0 && !definesHere) continue;
    const ids = context.services.references.idsOf(context.config, registry);
    let names: NameIndex | undefined;
    for (const use of uses) {
      if (ids.has(use.id)) continue;
      names ??= new NameIndex(ids.keys());
      const nearest = names.nearest(use.id);
      const title = nearest === undefined ? undefined : ids.get(nearest)?.[0]?.title;
      problems.push({
        code: "reference/unresolved",
        range: use.range,
        message: `No ${registry.name} has the id \`${use.id}\`: the site has nothing to link it to.${
          nearest ? ` Did you mean \`${nearest}\`${title ? ` (${title})` : ""}?` : ""
        }`,
        data: nearest ? { suggestion: nearest } : undefined,
      });
    }
    if (definesHere) problems.push(...duplicateIdProblems(context.path, registry, ids));
  }
  return problems;
}

/** Whether the page is one whose frontmatter defines the registry's ids. */
function definesIds(context: MarkdownContext, registry: ReferenceRegistry): boolean {
  const tree = context.config.baseDir;
  return (
    context.parsed.frontmatter !== undefined &&
    registry.pageIds.some(
      (spec) => !spec.files || (tree !== undefined && matchesGlobs(spec.files, tree, context.path)),
    )
  );
}

/**
 * The ids a file (a page or a data file) defines that are defined elsewhere too, reported on the file's
 * own definition and naming the others.
 */
export function duplicateIdProblems(path: string, registry: ReferenceRegistry, ids: RegistryIds): Problem[] {
  const problems: Problem[] = [];
  for (const definitions of ids.values()) {
    if (definitions.length < 2) continue;
    for (const here of definitions.filter((definition) => definition.path === path)) {
      const others = definitions.filter((definition) => definition !== here);
      problems.push({
        code: "reference/duplicate-id",
        range: here.range,
        message: `The ${registry.name} id \`${here.id}\` is also defined in ${others
          .map((other) => placeOfDefinition(path, other))
          .join(", ")}: references to it may reach either.`,
      });
    }
  }
  return problems;
}
