import { findFootnotes, type Footnote } from "../../document/footnotes";
import type { MarkdownContext } from "../../model/markdownContext";
import { NameIndex, suggestionBudget } from "../../names";
import type { Problem } from "../../problem";
import { type LinearRegExp, linearRegExp } from "../../linearRegExp";

/**
 * GFM footnotes as the site renders them (remark-gfm, GitHub): a reference whose label has no definition is
 * shown as plain `[^id]`; a definition no reference uses is left out; of two definitions of a label, the
 * first is used. Ids the site supplies at build time (the kind's `footnotes.provided`) need no definition.
 */
export function checkFootnotes(context: MarkdownContext): Problem[] {
  const { references, definitions } = findFootnotes(context.parsed);
  if (references.length === 0 && definitions.length === 0) return [];
  const problems: Problem[] = [];
  const provided = providedPattern(context.settings?.footnotes?.provided ?? []);
  const defined = new Map<string, Footnote>();
  for (const definition of definitions) {
    const first = defined.get(definition.key);
    if (!first) {
      defined.set(definition.key, definition);
      continue;
    }
    problems.push({
      code: "footnote/duplicate",
      range: definition.range,
      message: `The footnote \`[^${definition.label}]\` is already defined on line ${first.range.start.line + 1}: the site shows that definition and drops this one.`,
    });
  }
  const used = new Set(references.map((found) => found.key));
  // The unused definitions, prepared once, with a bounded total of comparisons: 8,000 undefined
  // references beside 8,000 definitions compared every pair and took 2.5 s.
  const unused = new NameIndex(
    [...defined.values()]
      .filter((definition) => !used.has(definition.key))
      .map((definition) => definition.label),
    suggestionBudget,
  );
  for (const found of references) {
    if (defined.has(found.key) || provided?.test(found.label)) continue;
    const suggestion = unused.nearest(found.label);
    problems.push({
      code: "footnote/undefined",
      range: found.range,
      message: `No footnote definition \`[^${found.label}]: …\` in this file: the site shows \`[^${found.label}]\` as plain text.${suggestion ? ` Did you mean \`[^${suggestion}]\`?` : ""}`,
    });
  }
  for (const definition of defined.values()) {
    if (used.has(definition.key)) continue;
    problems.push({
      code: "footnote/unused",
      range: definition.range,
      message: `No reference \`[^${definition.label}]\` uses this footnote: the site leaves it out.`,
    });
  }
  return problems;
}

/** The kind's provided ids (`rc-*`: `*` stands for any text) as one case-insensitive pattern. */
function providedPattern(patterns: readonly string[]): LinearRegExp | undefined {
  if (patterns.length === 0) return undefined;
  const alternatives = patterns.map((pattern) =>
    pattern
      .split("*")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*"),
  );
  return linearRegExp(`^(?:${alternatives.join("|")})$`, true);
}
