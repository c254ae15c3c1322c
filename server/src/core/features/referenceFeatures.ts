import {
  CompletionItemKind,
  type CompletionItem,
  type Hover,
  type Location,
  type Position,
  type Range,
} from "vscode-languageserver-types";
import type { ReferenceRegistry } from "../config/configTypes";
import { markdownContext, type MarkdownContext } from "../model/markdownContext";
import { placeOfDefinition, type ReferenceDefinition } from "../model/referenceIndex";
import { contains } from "../model/locate";
import { findReferenceUses, type ReferenceUse, unquoted } from "../model/referenceUses";
import type { CoreServices } from "../model/services";
import { pathToUri } from "../model/uris";
import { isInside } from "../paths";
import type { RenamePlace } from "./rename";
import { type EditOutcome, refuse, TextEditsByFile } from "./workspaceEdits";

/** The id under the cursor, where a page uses one, with its registry. */
function useAt(
  context: MarkdownContext,
  position: Position,
): { registry: ReferenceRegistry; use: ReferenceUse } | undefined {
  for (const registry of context.config.references)
    for (const use of findReferenceUses(context, registry))
      if (contains(use.range, position)) return { registry, use };
  return undefined;
}

/** In an id's value (`<EntityLink id="|">`): the registry's ids, with their titles. */
export function referenceCompletions(
  context: MarkdownContext,
  position: Position,
): CompletionItem[] | undefined {
  const found = useAt(context, position);
  if (!found) return undefined;
  const ids = context.services.references.idsOf(context.config, found.registry);
  return [...ids].map(([id, definitions]) => {
    const first = definitions[0];
    return {
      label: id,
      kind: CompletionItemKind.Reference,
      detail: first.title,
      // Typing the title finds the id too (`Anthropic` finds `E22`).
      filterText: `${id} ${first.title ?? ""}`,
      documentation: first.summary ? { kind: "markdown", value: first.summary } : undefined,
      textEdit: { range: found.use.range, newText: id },
    };
  });
}

/** On an id a page uses: the entry it names (title, summary, where it is defined), or why it names none. */
export function referenceHover(context: MarkdownContext, position: Position): Hover | undefined {
  const found = useAt(context, position);
  if (!found) return undefined;
  const definitions =
    context.services.references.idsOf(context.config, found.registry).get(found.use.id) ?? [];
  const first = definitions[0];
  const value = first
    ? [
        `**${first.title ?? found.use.id}** — ${found.registry.name} \`${found.use.id}\``,
        ...(first.summary ? ["", first.summary] : []),
        "",
        `Defined in ${definitions.map((definition) => placeOfDefinition(context.path, definition)).join(", ")}`,
      ].join("\n")
    : `No ${found.registry.name} has the id \`${found.use.id}\`.`;
  return { contents: { kind: "markdown", value }, range: found.use.range };
}

/** On an id a page uses: where it is defined. */
export function referenceDefinitions(context: MarkdownContext, position: Position): Location[] | undefined {
  const found = useAt(context, position);
  if (!found) return undefined;
  const definitions =
    context.services.references.idsOf(context.config, found.registry).get(found.use.id) ?? [];
  return definitions.map((definition) => ({ uri: pathToUri(definition.path), range: definition.range }));
}

/** The id under the cursor: where the page uses one, or where its frontmatter defines one. */
function idAt(
  context: MarkdownContext,
  position: Position,
): { registry: ReferenceRegistry; id: string; range: Range } | undefined {
  const used = useAt(context, position);
  if (used) return { registry: used.registry, id: used.use.id, range: used.use.range };
  for (const registry of context.config.references) {
    if (registry.pageIds.length === 0) continue;
    for (const [id, definitions] of context.services.references.idsOf(context.config, registry))
      for (const definition of definitions)
        if (definition.path === context.path && contains(definition.range, position))
          return { registry, id, range: unquotedRange(context, definition) };
  }
  return undefined;
}

/** Every place the id under the cursor is used in the pages of its tree, and (`includeDeclaration`) defined. */
export function referenceLocations(
  context: MarkdownContext,
  position: Position,
  includeDeclaration: boolean,
): Location[] | undefined {
  const found = idAt(context, position);
  if (!found) return undefined;
  const places = placesOf(context, found.registry, found.id);
  return [...(includeDeclaration ? places.definitions : []), ...places.uses].map(({ path, range }) => ({
    uri: pathToUri(path),
    range,
  }));
}

/** What F2 renames on an id: the id itself. */
export function prepareReferenceRename(
  context: MarkdownContext,
  position: Position,
): RenamePlace | undefined {
  const found = idAt(context, position);
  return found && { range: found.range, placeholder: found.id };
}

/** Renames the id under the cursor where it is defined (a data file's item, a page's frontmatter) and everywhere it is used, as one edit. */
export function renameReference(
  context: MarkdownContext,
  position: Position,
  newName: string,
): EditOutcome | undefined {
  const found = idAt(context, position);
  if (!found) return undefined;
  const id = newName.trim();
  if (id === "" || /["'`\s{}<>]/.test(id))
    return refuse(`\`${newName}\` cannot be an id: no spaces, quotes, braces or angle brackets.`);
  if (id === found.id) return refuse(`The id is \`${id}\` already.`);
  const ids = context.services.references.idsOf(context.config, found.registry);
  if (ids.has(id))
    return refuse(`\`${id}\` is the id of another ${found.registry.name}: renaming would merge the two.`);
  const places = placesOf(context, found.registry, found.id);
  const edits = new TextEditsByFile();
  for (const place of [...places.definitions, ...places.uses]) edits.add(place.path, place.range, id);
  return { ok: true, edit: { documentChanges: edits.documentEdits() }, notes: [] };
}

/** The id's definitions (their ranges without quotes) and its uses in every page of the configuration's tree. */
function placesOf(
  context: MarkdownContext,
  registry: ReferenceRegistry,
  id: string,
): { definitions: { path: string; range: Range }[]; uses: { path: string; range: Range }[] } {
  const { services, config } = context;
  const definitions = (services.references.idsOf(config, registry).get(id) ?? []).map((definition) => ({
    path: definition.path,
    range: unquotedRange(context, definition),
  }));
  const uses: { path: string; range: Range }[] = [];
  const tree = config.baseDir;
  for (const page of services.listMarkdownFiles()) {
    if (tree === undefined || !isInside(page, tree)) continue;
    const pageContext = page === context.path ? context : contextOfPage(services, page);
    if (!pageContext || pageContext.config.source !== config.source) continue;
    for (const use of findReferenceUses(pageContext, registry))
      if (use.closed && use.id === id) uses.push({ path: page, range: use.range });
  }
  uses.sort((a, b) =>
    a.path !== b.path
      ? a.path < b.path
        ? -1
        : 1
      : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return { definitions, uses };
}

function contextOfPage(services: CoreServices, path: string): MarkdownContext | undefined {
  const source = services.workspace.readText(path, services.configs.configFor(path).maxFileSize);
  return source.ok ? markdownContext(path, source.text, source.version, services) : undefined;
}

/** A definition's range without the quotes around its value, so that an edit keeps them. */
function unquotedRange(context: MarkdownContext, definition: ReferenceDefinition): Range {
  const { workspace, configs } = context.services;
  const source = workspace.readText(definition.path, configs.configFor(definition.path).maxFileSize);
  const line = source.ok ? source.text.split(/\r\n?|\n/)[definition.range.start.line] : undefined;
  return unquoted(definition.range, line);
}
