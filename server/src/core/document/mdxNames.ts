/**
 * What a page's MDX names: the components it uses and the names its `import`s and `export`s bind (read
 * from the MDX tree or from the tokens alike).
 */

/** A component a page uses: `<Aside>`, `<Tabs.Item>` (by its first part), where its name is written. */
export interface UsedComponent {
  name: string;
  line: number;
  character: number;
}

/**
 * Adds the component of an element named `name` (as the MDX tree names it: `Tabs.Item`, `svg:rect`)
 * whose tag starts on `line` (0-based) with its `<` at 1-based `column` (so that `column` is the name's
 * 0-based character). Lower-case names are HTML elements, names with `-` custom elements: only
 * components need defining.
 */
export function addComponent(components: UsedComponent[], name: string, line: number, column: number): void {
  const first = name.split(".")[0];
  if (/^[A-Z_$]/.test(first)) components.push({ name: first, line, character: column });
}

/** The names an ESM block binds: `import X, { A, B as C } from`, `import * as NS from`, `export const X`. */
export function definedNames(esm: string, names: Set<string>): void {
  for (const match of esm.matchAll(/\bimport\s+([^'";]*?)\s+from\b/g)) {
    const clause = match[1];
    const named = /\{([^}]*)\}/.exec(clause);
    for (const part of named?.[1].split(",") ?? []) {
      const binding = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (binding) names.add(binding.replace(/^type\s+/, ""));
    }
    const rest = clause.replace(/\{[^}]*\}/, "");
    const namespace = /\*\s*as\s+([\w$]+)/.exec(rest);
    if (namespace) names.add(namespace[1]);
    const defaultBinding = /^\s*([\w$]+)/.exec(rest);
    if (defaultBinding && defaultBinding[1] !== "type") names.add(defaultBinding[1]);
  }
  for (const match of esm.matchAll(
    /\bexport\s+(?:default\s+)?(?:const|let|var|function\*?|class)\s+([\w$]+)/g,
  ))
    names.add(match[1]);
  for (const match of esm.matchAll(/\b(?:const|let|var)\s+\{([^}]*)\}\s*=/g))
    for (const part of match[1].split(",")) {
      const binding = part.split(":").pop()?.trim();
      if (binding) names.add(binding);
    }
}
