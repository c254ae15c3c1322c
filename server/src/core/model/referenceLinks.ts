import { dirname, relativePath } from "../paths";
import type { ResolvedReference } from "../render/referenceResolver";
import type { ReferenceTable } from "../render/renderTypes";
import type { CoreServices } from "./services";

/**
 * How a page's reference components (`<EntityLink id="E12">`, as the configuration's `references` name
 * them) are shown: as links to the page or data file that defines the id, with the entry's title; an id
 * nothing defines is not resolved (the component is shown as a labelled box, and the check reports it).
 */
export function referenceResolverFor(
  path: string,
  services: CoreServices,
): (
  component: string,
  props: Readonly<Record<string, string>>,
) => { title: string; href: string } | undefined {
  const config = services.configs.configFor(path);
  if (config.references.length === 0) return () => undefined;
  return (component, props) => {
    for (const registry of config.references)
      for (const use of registry.uses) {
        if (!("component" in use) || use.component !== component) continue;
        const id = props[use.attribute];
        const definition =
          id === undefined ? undefined : services.references.idsOf(config, registry).get(id)?.[0];
        if (definition)
          return { title: definition.title ?? id, href: relativePath(dirname(path), definition.path) };
      }
    return undefined;
  };
}

/**
 * The same resolver as data, for a page rendered on another thread (render/markdownJobs.ts): every
 * entry each reference component use can lead to. Undefined when the configuration names none.
 */
export function referenceTableFor(path: string, services: CoreServices): ReferenceTable | undefined {
  const config = services.configs.configFor(path);
  if (config.references.length === 0) return undefined;
  const table: ReferenceTable = [];
  for (const registry of config.references)
    for (const use of registry.uses) {
      if (!("component" in use)) continue;
      const entries = new Map<string, ResolvedReference>();
      for (const [id, definitions] of services.references.idsOf(config, registry)) {
        const definition = definitions[0];
        if (definition)
          entries.set(id, {
            title: definition.title ?? id,
            href: relativePath(dirname(path), definition.path),
          });
      }
      table.push({ component: use.component, attribute: use.attribute, entries });
    }
  return table;
}
