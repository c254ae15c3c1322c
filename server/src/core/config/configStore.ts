import Ajv, { type ValidateFunction } from "ajv";
import configSchema from "../../../../schemas/kb-author.schema.json";
import type { DiagnosticCode, SeveritySetting } from "../diagnosticCodes";
import { type JsonDocument, parseJsonDocument, rangeAtPath, schemaProblems } from "../json/jsonDocument";
import { basename, dirname, isAbsolutePath, isInside, joinPath } from "../paths";
import type { Problem } from "../problem";
import { patternsNotAppliedMessage, type SchemaStore } from "../schemas/schemaStore";
import type { Range } from "vscode-languageserver-types";
import type { Workspace } from "../workspace/workspace";
import type { MdxSyntax } from "../document/mdxSyntax";
import type { SluggerName } from "../document/sluggers";
import type {
  KeyPath,
  KindSettings,
  MapOrderPolicy,
  MarkdownKind,
  ReferenceRegistry,
  ResolvedConfig,
  SectionRule,
  SiteLinks,
} from "./configTypes";
import { configFileNames, defaultConfig, defaultKinds, defaultMaxFileSize } from "./defaults";
import { linearRegExp } from "../linearRegExp";
import { compileGlob } from "./globs";

/** A configuration file as loaded: what it resolves to and what is wrong with it. */
interface LoadedConfig {
  path: string;
  config: ResolvedConfig;
  problems: Problem[];
}

let configValidator: ValidateFunction | undefined;

/**
 * The configuration file's validator, compiled on first use: compiling it costs tens of milliseconds,
 * which every `kb-author check` of a tree without a configuration file would otherwise pay at start-up.
 */
function validateConfigFile(): ValidateFunction {
  configValidator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(configSchema);
  return configValidator;
}

/**
 * Finds the configuration that applies to each file (the nearest `kb-author.jsonc` above it,
 * applied over the built-in defaults) and loads each configuration file once.
 */
export class ConfigStore {
  private readonly loaded = new Map<string, LoadedConfig>();
  private readonly nearestByFolder = new Map<string, string | null>();
  /**
   * False in a workspace the user has not trusted (VS Code's Restricted Mode): its configuration files
   * are then not applied, as if absent, so that a cloned repository cannot change the rules or point
   * kb-author at its own schema files before the user has decided to trust it.
   */
  private trusted = true;

  constructor(
    private readonly workspace: Workspace,
    private readonly schemas: SchemaStore,
    private readonly explicitConfigPath?: string,
  ) {
    // A configuration names schemas and other configurations' files: any rule file may change it.
    workspace.onDidChange(({ rules }) => {
      if (rules) this.invalidate();
    });
  }

  /** Whether a file is a configuration file: by its name, or because `--config` named it. */
  isConfigFile(path: string): boolean {
    return (
      path === this.explicitConfigPath || (configFileNames as readonly string[]).includes(basename(path))
    );
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    this.invalidate();
  }

  private invalidate(): void {
    this.loaded.clear();
    this.nearestByFolder.clear();
  }

  /** The configuration that applies to a file. */
  configFor(path: string): ResolvedConfig {
    if (!this.trusted) return defaultConfig;
    const explicit = this.explicitConfigPath;
    if (explicit) return this.loadOver(explicit, this.treeOf(path, explicit)).config;
    const configPath = this.nearestConfigPath(dirname(path));
    return configPath ? this.load(configPath).config : defaultConfig;
  }

  /** A configuration file as it applies to the tree around it (its problems are reported on it). */
  load(configPath: string): LoadedConfig {
    return this.loadOver(configPath, dirname(configPath));
  }

  /**
   * The folder a configuration's globs and route folders are read from: its own folder, except for a
   * `--config` file outside the tree being checked (kept beside other projects' files, as
   * docs/examples/astro-docs is), which describes the workspace root that holds the file.
   */
  private treeOf(path: string, configPath: string): string {
    const configDir = dirname(configPath);
    if (isInside(path, configDir)) return configDir;
    return this.workspace.rootOf(path) ?? configDir;
  }

  /** Loads a configuration file once per tree it applies to. */
  private loadOver(configPath: string, treeDir: string): LoadedConfig {
    // Untrusted: the file is not even read, so it reports nothing either (the client says why).
    if (!this.trusted) return { path: configPath, config: defaultConfig, problems: [] };
    const key = `${configPath}\0${treeDir}`;
    let loaded = this.loaded.get(key);
    if (!loaded) {
      loaded = this.read(configPath, treeDir);
      this.loaded.set(key, loaded);
    }
    return loaded;
  }

  private nearestConfigPath(folder: string): string | undefined {
    const cached = this.nearestByFolder.get(folder);
    if (cached !== undefined) return cached ?? undefined;
    let found: string | undefined;
    for (const name of configFileNames) {
      if (this.workspace.hasFile(folder, name)) {
        found = joinPath(folder, name);
        break;
      }
    }
    if (!found) {
      const parent = dirname(folder);
      const parentInWorkspace = parent !== folder && this.workspace.isInWorkspace(parent);
      found = parentInWorkspace ? this.nearestConfigPath(parent) : undefined;
    }
    this.nearestByFolder.set(folder, found ?? null);
    return found;
  }

  private read(path: string, treeDir: string): LoadedConfig {
    const fallback = { path, config: defaultConfig };
    const source = this.workspace.readText(path, defaultMaxFileSize, false);
    if (!source.ok) return { ...fallback, problems: [] };
    const document = parseJsonDocument(source.text, true);
    if (document.syntaxProblems.length > 0) return { ...fallback, problems: document.syntaxProblems };
    const validate = validateConfigFile();
    if (!validate(document.value)) {
      return {
        ...fallback,
        problems: schemaProblems(document, validate.errors ?? [], "config/invalid"),
      };
    }
    return this.resolve(path, document, treeDir);
  }

  /**
   * Applies a valid configuration file over the defaults, checking the schemas and pattern it names. Schema
   * paths are read from the file's folder; globs and route folders from `treeDir`.
   */
  private resolve(path: string, document: JsonDocument, treeDir: string): LoadedConfig {
    const raw = document.value as RawConfig;
    const baseDir = dirname(path);
    const problems: Problem[] = [];
    const kinds: ResolvedConfig["kinds"] = { ...defaultKinds };
    for (const kind of Object.keys(raw.kinds ?? {})) {
      const settings = this.resolveKind(kind, raw.kinds![kind], baseDir, document, problems);
      kinds[kind] = settings;
    }
    // An assignment to a kind nobody defined: its files are checked as if unassigned (and the file says so).
    (raw.assign ?? []).forEach((assignment, index) => {
      if (assignment.kind !== null && !(assignment.kind in kinds))
        problems.push({
          code: "config/invalid",
          range: rangeAtPath(document, ["assign", String(index), "kind"]),
          message: `No kind \`${assignment.kind}\` is defined: add it under "kinds" (with a "base" of "topic" or "map-node"), or use "topic", "map-node" or null.`,
        });
    });
    problems.push(...globProblems(raw, document));
    let nodeNamePattern = raw.nodeNamePattern ?? defaultConfig.nodeNamePattern;
    try {
      linearRegExp(nodeNamePattern);
    } catch (error) {
      problems.push({
        code: "config/invalid",
        range: rangeAtPath(document, ["nodeNamePattern"]),
        message: `\`nodeNamePattern\` is not a regular expression kb-author can run in linear time (RE2: no lookaround, no backreferences): ${(error as Error).message}.`,
      });
      nodeNamePattern = defaultConfig.nodeNamePattern;
    }
    const config: ResolvedConfig = {
      source: path,
      baseDir: treeDir,
      assignments: (raw.assign ?? []).filter(
        (assignment) => assignment.kind === null || assignment.kind in kinds,
      ),
      kinds,
      severity: raw.severity ?? {},
      overrides: raw.overrides ?? [],
      maxFileSize: raw.maxFileSize ?? defaultMaxFileSize,
      nodeNamePattern,
      nodeNamePatternConfigured: raw.nodeNamePattern !== undefined && nodeNamePattern === raw.nodeNamePattern,
      mapOrder: raw.maps?.order ?? defaultConfig.mapOrder,
      ...(raw.links ? { links: siteLinks(raw.links, treeDir) } : {}),
      mdx: {
        syntax: raw.mdx?.syntax ?? defaultConfig.mdx.syntax,
        providedComponents: raw.mdx?.providedComponents ?? defaultConfig.mdx.providedComponents,
      },
      references: Object.entries(raw.references ?? {}).map(([name, registry]) =>
        this.resolveRegistry(name, registry, baseDir, document, problems),
      ),
    };
    return { path, config, problems };
  }

  /** A registry with its data files' schemas resolved (an unusable one is reported and left out). */
  private resolveRegistry(
    name: string,
    raw: RawRegistry,
    baseDir: string,
    document: JsonDocument,
    problems: Problem[],
  ): ReferenceRegistry {
    const registry = referenceRegistry(name, raw);
    raw.definedIn.forEach((source, index) => {
      if (!("dataFiles" in source) || source.schema === undefined) return;
      const spec = registry.dataFiles.find((candidate) => candidate.files === source.dataFiles)!;
      const resolved = this.resolveSchemaReference(source.schema, baseDir);
      const range = rangeAtPath(document, ["references", name, "definedIn", String(index), "schema"]);
      if (resolved.ok) spec.schema = resolved.key;
      problems.push(...schemaReferenceProblems(resolved, range));
    });
    return registry;
  }

  /** A kind's settings over its base's defaults (a kind of the configuration's own is a topic unless it says otherwise). */
  private resolveKind(
    kind: string,
    raw: RawKind,
    baseDir: string,
    document: JsonDocument,
    problems: Problem[],
  ): KindSettings {
    const base: MarkdownKind = kind === "map-node" || kind === "topic" ? kind : (raw.base ?? "topic");
    const defaults = defaultKinds[base];
    const frontmatter = { ...defaults.frontmatter, ...(raw.frontmatter ?? {}) };
    if (raw.frontmatter?.schema !== undefined) {
      const resolved = this.resolveSchemaReference(raw.frontmatter.schema, baseDir);
      frontmatter.schema = resolved.ok ? resolved.key : undefined;
      const range = rangeAtPath(document, ["kinds", kind, "frontmatter", "schema"]);
      problems.push(...schemaReferenceProblems(resolved, range));
    }
    const sections = raw.sections
      ? {
          level: raw.sections.level ?? defaults.sections.level,
          allowUnknown: raw.sections.allowUnknown ?? defaults.sections.allowUnknown,
          ordered: raw.sections.ordered ?? defaults.sections.ordered,
          rules: raw.sections.rules?.map(completeRule) ?? defaults.sections.rules,
        }
      : defaults.sections;
    const footnotes = raw.footnotes ? { provided: raw.footnotes.provided ?? [] } : defaults.footnotes;
    return { base, frontmatter, sections, ...(footnotes ? { footnotes } : {}) };
  }

  private resolveSchemaReference(reference: string, baseDir: string): SchemaReference {
    const builtin = this.schemas.builtinKeyForId(reference);
    if (builtin) return { ok: true, key: builtin };
    if (/^[a-z][a-z0-9+.-]*:/i.test(reference)) {
      return {
        ok: false,
        message: `The schema \`${reference}\` is refused: kb-author never fetches schemas from the network.`,
      };
    }
    const path = isAbsolutePath(reference) ? reference : joinPath(baseDir, reference);
    if (!this.workspace.isInWorkspace(path)) {
      return { ok: false, message: `The schema \`${reference}\` is refused: it is outside the workspace.` };
    }
    const compiled = this.schemas.get(path);
    if (!compiled.ok)
      return { ok: false, message: `The schema \`${reference}\` cannot be used: ${compiled.message}.` };
    const notApplied = compiled.patternsNotApplied;
    return {
      ok: true,
      key: path,
      ...(notApplied.length > 0 ? { partly: patternsNotAppliedMessage(reference, notApplied) } : {}),
    };
  }
}

/** Every glob of the configuration that cannot be run (an extglob), on the glob itself. */
function globProblems(raw: RawConfig, document: JsonDocument): Problem[] {
  const places: { globs: string[] | undefined; at: string[] }[] = [
    ...(raw.assign ?? []).map((assignment, index) => ({
      globs: assignment.files,
      at: ["assign", String(index), "files"],
    })),
    ...(raw.overrides ?? []).map((override, index) => ({
      globs: override.files,
      at: ["overrides", String(index), "files"],
    })),
    ...Object.entries(raw.references ?? {}).flatMap(([name, registry]) =>
      registry.definedIn.map((source, index) => {
        const at = ["references", name, "definedIn", String(index)];
        return "dataFiles" in source
          ? { globs: source.dataFiles, at: [...at, "dataFiles"] }
          : { globs: source.files, at: [...at, "files"] };
      }),
    ),
  ];
  return places.flatMap(({ globs, at }) =>
    (globs ?? []).flatMap((glob, index) => {
      const compiled = compileGlob(glob);
      if (!("problem" in compiled)) return [];
      return [
        {
          code: "config/invalid" as const,
          range: rangeAtPath(document, [...at, String(index)]),
          message: compiled.problem,
        },
      ];
    }),
  );
}

/** A schema the configuration names: its key, or why it cannot be used; `partly` says what of it is left out. */
type SchemaReference = { ok: true; key: string; partly?: string } | { ok: false; message: string };

function schemaReferenceProblems(resolved: SchemaReference, range: Range): Problem[] {
  if (!resolved.ok) return [{ code: "config/invalid", range, message: resolved.message }];
  return resolved.partly ? [{ code: "schema/pattern-not-applied", range, message: resolved.partly }] : [];
}

function completeRule(rule: Partial<SectionRule> & { heading: string; level: number }): SectionRule {
  return { presence: "optional", repeatable: false, ...rule };
}

interface RawKind {
  base?: MarkdownKind;
  frontmatter?: { required?: boolean; schema?: string };
  sections?: {
    level?: number;
    allowUnknown?: boolean;
    ordered?: boolean;
    rules?: (Partial<SectionRule> & { heading: string; level: number })[];
  };
  footnotes?: { provided?: string[] };
}

interface RawConfig {
  assign?: { files: string[]; kind: string | null }[];
  kinds?: Record<string, RawKind>;
  severity?: Partial<Record<DiagnosticCode, SeveritySetting>>;
  overrides?: { files: string[]; severity: Partial<Record<DiagnosticCode, SeveritySetting>> }[];
  maxFileSize?: number;
  nodeNamePattern?: string;
  maps?: { order?: MapOrderPolicy };
  links?: RawLinks;
  mdx?: { syntax?: MdxSyntax[]; providedComponents?: string[] };
  references?: Record<string, RawRegistry>;
}

interface RawRegistry {
  definedIn: (
    | { dataFiles: string[]; items?: string; id?: string; title?: string; summary?: string; schema?: string }
    | { frontmatter: string; files?: string[]; title?: string; summary?: string }
  )[];
  usedIn: ({ component: string; attribute: string } | { frontmatter: string })[];
}

interface RawLinks {
  routes?: { prefix: string; folder: string }[];
  extensions?: string[];
  indexFiles?: string[];
  appRoutes?: string[];
  pageAnchors?: string[];
  slugger?: SluggerName;
}

/** A dotted key path (`ratings.overall`) as its keys; "" is the value itself. */
function keyPath(dotted: string): KeyPath {
  return dotted === "" ? [] : dotted.split(".");
}

/** A registry of the `references` block, its key paths split (titles and summaries default to `title`, `description`). */
function referenceRegistry(name: string, raw: RawRegistry): ReferenceRegistry {
  const registry: ReferenceRegistry = { name, dataFiles: [], pageIds: [], uses: [] };
  for (const source of raw.definedIn) {
    const title = keyPath(source.title ?? "title");
    const summary = keyPath(source.summary ?? "description");
    if ("dataFiles" in source) {
      const id = source.id === "$key" ? "$key" : keyPath(source.id ?? "id");
      registry.dataFiles.push({
        files: source.dataFiles,
        items: keyPath(source.items ?? ""),
        id,
        title,
        summary,
      });
    } else
      registry.pageIds.push({
        ...(source.files ? { files: source.files } : {}),
        key: keyPath(source.frontmatter),
        title,
        summary,
      });
  }
  for (const use of raw.usedIn)
    registry.uses.push("component" in use ? use : { frontmatter: keyPath(use.frontmatter) });
  return registry;
}

/** The `links` block with its folders made absolute and its routes longest prefix first. */
function siteLinks(raw: RawLinks, baseDir: string): SiteLinks {
  const routes = (raw.routes ?? []).map((route) => ({
    prefix: "/" + route.prefix.replace(/^\/+|\/+$/g, ""),
    folder: isAbsolutePath(route.folder) ? route.folder : joinPath(baseDir, route.folder),
  }));
  return {
    routes: routes.sort((a, b) => b.prefix.length - a.prefix.length),
    extensions: raw.extensions ?? [".md", ".mdx"],
    indexFiles: raw.indexFiles ?? ["index"],
    appRoutes: raw.appRoutes ?? [],
    pageAnchors: raw.pageAnchors ?? [],
    slugger: raw.slugger ?? "github",
  };
}
