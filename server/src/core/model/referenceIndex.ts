import type { Range } from "vscode-languageserver-types";
import { type Document, isMap, isScalar, isSeq, type Node } from "yaml";
import type {
  DataFileDefinitions,
  KeyPath,
  PageIdDefinitions,
  ReferenceRegistry,
  ResolvedConfig,
} from "../config/configTypes";
import { matchesGlobs } from "../config/globs";
import { locateInFrontmatter, parseFrontmatter } from "../document/frontmatter";
import { LineIndex } from "../document/lineIndex";
import { parseYamlWithinLimits } from "../document/yamlNesting";
import { dirname, isMarkdownPath, joinPath, relativePath } from "../paths";
import { isSkippedFolderName, type Workspace } from "../workspace/workspace";

/** Where an id is defined: an item of a data file, or a page's frontmatter. */
export interface ReferenceDefinition {
  id: string;
  path: string;
  /** The id's value where it is written (for a map of items, its key). */
  range: Range;
  title?: string;
  summary?: string;
  source: "data" | "page";
}

/** A registry's ids, each with its definitions (more than one: a duplicate). */
export type RegistryIds = ReadonlyMap<string, readonly ReferenceDefinition[]>;

interface BuiltRegistry {
  ids: Map<string, ReferenceDefinition[]>;
  /** The open documents' generation and the workspace's change count it was built at (a page being edited, a data file saved). */
  generation: string;
  /** The ids and how often each is defined: when it changes, pages that use the registry are checked again. */
  signature: string;
}

/**
 * The ids of the configurations' reference registries, read from their data files and pages: built on
 * first use, kept until a file changes or an open page is edited, and rebuilt from the texts that changed
 * only (each file's definitions are kept with the text they were read from).
 */
export class ReferenceIndex {
  private readonly built = new Map<string, BuiltRegistry>();
  private readonly perFile = new Map<string, { text: string; definitions: ReferenceDefinition[] }>();
  /** Folders (configurations' trees) whose registries' ids changed since `takeChangedTrees`. */
  private readonly changedTrees = new Set<string>();

  constructor(
    private readonly workspace: Workspace,
    private readonly openGeneration: () => number,
  ) {
    workspace.onDidChange((change) => {
      this.built.clear();
      if (change.structural.size > 0 || change.rules) this.perFile.clear();
    });
  }

  /** A registry's ids as the files under the configuration's folder define them now. */
  idsOf(config: ResolvedConfig, registry: ReferenceRegistry): RegistryIds {
    const key = `${config.source ?? ""}\0${registry.name}`;
    const known = this.built.get(key);
    const generation = `${this.openGeneration()}/${this.workspace.changeCount}`;
    if (known && known.generation === generation) return known.ids;
    const ids = new Map<string, ReferenceDefinition[]>();
    const add = (definition: ReferenceDefinition) => {
      const list = ids.get(definition.id);
      if (list) list.push(definition);
      else ids.set(definition.id, [definition]);
    };
    const tree = config.baseDir;
    if (tree !== undefined) {
      registry.dataFiles.forEach((spec, index) => {
        for (const path of this.filesOf(tree, spec.files))
          this.definitionsOf(path, `${key}\0d${index}`, config, (text) =>
            dataFileIds(path, text, spec),
          ).forEach(add);
      });
      registry.pageIds.forEach((spec, index) => {
        for (const path of this.pagesOf(tree, spec))
          this.definitionsOf(path, `${key}\0p${index}`, config, (text) => pageIds(path, text, spec)).forEach(
            add,
          );
      });
    }
    const signature = [...ids].map(([id, list]) => `${id}\0${list.length}`).join("\n");
    if (known && known.signature !== signature && tree !== undefined) this.changedTrees.add(tree);
    this.built.set(key, { ids, generation, signature });
    return ids;
  }

  /** Whether a file is a data file of one of the configuration's registries. */
  isDataFile(config: ResolvedConfig, path: string): boolean {
    const tree = config.baseDir;
    return (
      tree !== undefined &&
      config.references.some((registry) =>
        registry.dataFiles.some((spec) => matchesGlobs(spec.files, tree, path)),
      )
    );
  }

  /** The configurations' folders whose registries gained, lost or duplicated ids since the last call. */
  takeChangedTrees(): string[] {
    const trees = [...this.changedTrees];
    this.changedTrees.clear();
    return trees;
  }

  /** A file's definitions for one source of a registry, read again only when its text changed. */
  private definitionsOf(
    path: string,
    sourceKey: string,
    config: ResolvedConfig,
    read: (text: string) => ReferenceDefinition[],
  ): ReferenceDefinition[] {
    const source = this.workspace.readText(path, config.maxFileSize);
    if (!source.ok) return [];
    const cacheKey = `${sourceKey}\0${path}`;
    const kept = this.perFile.get(cacheKey);
    if (kept && kept.text === source.text) return kept.definitions;
    const definitions = read(source.text);
    this.perFile.set(cacheKey, { text: source.text, definitions });
    return definitions;
  }

  private filesOf(tree: string, globs: readonly string[]): string[] {
    return [...filesUnder(this.workspace, tree)].filter((path) => matchesGlobs(globs, tree, path));
  }

  private pagesOf(tree: string, spec: PageIdDefinitions): string[] {
    const pages = [...filesUnder(this.workspace, tree)].filter(isMarkdownPath);
    return spec.files ? pages.filter((path) => matchesGlobs(spec.files!, tree, path)) : pages;
  }
}

/** Every file under a folder, skipping hidden folders and node_modules. */
function* filesUnder(workspace: Workspace, folder: string): Generator<string> {
  for (const entry of workspace.readDirectory(folder)) {
    const path = joinPath(folder, entry.name);
    if (entry.type === "directory") {
      if (!isSkippedFolderName(entry.name)) yield* filesUnder(workspace, path);
    } else yield path;
  }
}

/** The ids a YAML or JSON data file defines (none when it cannot be parsed: its own tools say why). */
function dataFileIds(path: string, text: string, spec: DataFileDefinitions): ReferenceDefinition[] {
  const read = parseYamlWithinLimits(text, { uniqueKeys: false });
  if ("unreadable" in read || read.document.errors.length > 0) return [];
  const { document } = read;
  const lines = new LineIndex(text);
  const rangeOf = (node: Node) => lines.rangeOfOffsets(node.range![0], node.range![1]);
  const items = spec.items.length === 0 ? document.contents : document.getIn(spec.items, true);
  const definitions: ReferenceDefinition[] = [];
  const add = (idNode: unknown, item: unknown) => {
    if (!isScalar(idNode) || !idNode.range) return;
    const id = idValue(idNode.value);
    if (id === undefined) return;
    const data = isMap(item) ? plainItem(item, document) : undefined;
    definitions.push({
      id,
      path,
      range: rangeOf(idNode),
      ...texts(data, spec.title, spec.summary),
      source: "data",
    });
  };
  if (isSeq(items) && spec.id !== "$key") {
    for (const item of items.items) if (isMap(item)) add(item.getIn(spec.id, true), item);
  } else if (isMap(items)) {
    for (const pair of items.items) {
      if (spec.id === "$key") add(pair.key, pair.value);
      else if (isMap(pair.value)) add(pair.value.getIn(spec.id, true), pair.value);
    }
  }
  return definitions;
}

/** An item as plain data, for its title, summary and schema (undefined past 100 aliases: an alias bomb, not data). */
export function plainItem(item: Node, document: Document): unknown {
  try {
    return item.toJS(document, { maxAliasCount: 100 }) as unknown;
  } catch {
    return undefined;
  }
}

/** The id a page's frontmatter defines under the key, if any. */
function pageIds(path: string, text: string, spec: PageIdDefinitions): ReferenceDefinition[] {
  const lines = new LineIndex(text);
  const frontmatter = parseFrontmatter(lines);
  if (!frontmatter || frontmatter.problems.length > 0) return [];
  const id = idValue(valueAt(frontmatter.value, spec.key));
  if (id === undefined) return [];
  const range = locateInFrontmatter(frontmatter, lines, spec.key).valueRange!;
  return [{ id, path, range, ...texts(frontmatter.value, spec.title, spec.summary), source: "page" }];
}

/** Where a definition is, as a message names it from a file: `` `../data/people.yaml:4` ``. */
export function placeOfDefinition(fromPath: string, definition: ReferenceDefinition): string {
  return `\`${relativePath(dirname(fromPath), definition.path)}:${definition.range.start.line + 1}\``;
}

/** An id as pages write it: a string, or a number (`numericId: 123` is used as `"123"`). */
function idValue(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  return typeof value === "number" && Number.isFinite(value) ? String(value) : undefined;
}

export function valueAt(data: unknown, path: KeyPath): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function texts(data: unknown, title: KeyPath, summary: KeyPath): { title?: string; summary?: string } {
  const titleText = valueAt(data, title);
  const summaryText = valueAt(data, summary);
  return {
    ...(typeof titleText === "string" ? { title: titleText } : {}),
    ...(typeof summaryText === "string" ? { summary: summaryText } : {}),
  };
}
