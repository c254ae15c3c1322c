import type { DiagnosticCode, SeveritySetting } from "../diagnosticCodes";
import type { MdxSyntax } from "../document/mdxSyntax";
import type { SluggerName } from "../document/sluggers";

/** The kinds of file kb-author knows. Markdown files are `map-node` or `topic`; JSON files the rest. */
export type MarkdownKind = "map-node" | "topic";
export type FileKind = MarkdownKind | "papers" | "meta" | "config";

/** When a section must be present. */
type SectionPresence =
  | "required"
  | "optional"
  | "required-on-nodes-with-children"
  | "required-except-on-root"
  /** Expected when more than half of the map's nodes have it (a convention of the map, not of the format). */
  | "usual"
  /** On a node with child folders, expected when more than half of the map's such nodes have it. */
  | "usual-on-nodes-with-children";

export interface SectionRule {
  /** Heading text without the leading `#`s, e.g. `Mini Description`. */
  heading: string;
  /** Heading level (number of `#`). */
  level: number;
  presence: SectionPresence;
  /** May the section appear more than once? */
  repeatable: boolean;
  /** What the section is for (shown on hover). */
  description?: string;
  /** Body inserted by the "add missing section" quick fix. */
  template?: string;
  /** The site fills the section at build time (`## Sources` from a database): an empty one is as meant. */
  allowEmpty?: boolean;
}

export interface SectionRules {
  /** Headings at this level or above (fewer `#`) are sections; deeper headings are section content. */
  level: number;
  /** Sections in their required order. */
  rules: SectionRule[];
  /** Whether headings that match no rule are allowed. */
  allowUnknown: boolean;
  /** Whether the sections must come in the rules' order (section/order). */
  ordered: boolean;
}

export interface KindSettings {
  /** What the files are read as: a map node (the map builder's rules) or a page with frontmatter (a topic). */
  base: MarkdownKind;
  frontmatter: {
    /** Must a file of this kind start with frontmatter? */
    required: boolean;
    /** Absolute path of the JSON Schema for the frontmatter, or undefined for the built-in one. */
    schema?: string;
  };
  sections: SectionRules;
  /** GFM footnotes: the ids the site supplies at build time (patterns, `*` for any text), needing no definition. */
  footnotes?: { provided: string[] };
}

interface KindAssignment {
  /** Globs relative to the configuration file's folder. */
  files: string[];
  /** The kind (a built-in one or one the configuration names) given to matching Markdown files; null means "no kind" (only file checks). */
  kind: string | null;
}

interface SeverityOverride {
  files: string[];
  severity: Partial<Record<DiagnosticCode, SeveritySetting>>;
}

/** A configuration after loading: the built-in defaults with one configuration file applied. */
export interface ResolvedConfig {
  /** Absolute path of the configuration file, or undefined for the built-in defaults. */
  source?: string;
  /** Folder the globs are relative to. */
  baseDir?: string;
  assignments: KindAssignment[];
  /** The built-in kinds and the configuration's own, by name. */
  kinds: Record<MarkdownKind, KindSettings> & Record<string, KindSettings>;
  severity: Partial<Record<DiagnosticCode, SeveritySetting>>;
  overrides: SeverityOverride[];
  /** Files larger than this many bytes are reported and skipped. */
  maxFileSize: number;
  /** Folder names a map allows (Unicode-aware regular expression source): what New Child Node and rename accept. */
  nodeNamePattern: string;
  /** Whether the configuration sets `nodeNamePattern`: only then are existing folders checked (the builder takes any name). */
  nodeNamePatternConfigured: boolean;
  /** Whether nodes with child folders need an Order: `auto` when most of the map's such nodes have one. */
  mapOrder: MapOrderPolicy;
  /** How the site maps URLs to files (the `links` block); undefined: links resolve as in a plain folder. */
  links?: SiteLinks;
  /** How the site compiles `.mdx` pages: the syntax extensions its pipeline adds, the components it provides. */
  mdx: { syntax: MdxSyntax[]; providedComponents: string[] };
  /** Registries of ids that pages reference (`<EntityLink id="E123">`), by name. */
  references: ReferenceRegistry[];
}

/** A key path into data (`["ratings", "overall"]`); empty: the value itself. */
export type KeyPath = string[];

/**
 * Ids that pages reference: where they are defined (items of data files, or a frontmatter key of pages)
 * and where they are used (a component's attribute, or a frontmatter field).
 */
export interface ReferenceRegistry {
  name: string;
  dataFiles: DataFileDefinitions[];
  pageIds: PageIdDefinitions[];
  uses: ReferenceUse[];
}

/** Items of YAML or JSON files, each defining an id. */
export interface DataFileDefinitions {
  /** Globs, relative to the configuration's folder. */
  files: string[];
  /** Where the items are in each file: a list, or a map (then `id` may be `$key`, the map's keys). */
  items: KeyPath;
  /** The id's key path in an item, or `$key`. */
  id: KeyPath | "$key";
  title: KeyPath;
  summary: KeyPath;
  /** The schema each item must satisfy (a schema store key), if one is configured. */
  schema?: string;
}

/** Pages (Markdown files) whose frontmatter defines an id under a key. */
export interface PageIdDefinitions {
  /** Globs, relative to the configuration's folder; undefined: every Markdown file of its tree. */
  files?: string[];
  key: KeyPath;
  title: KeyPath;
  summary: KeyPath;
}

/** Where a page uses an id: `<Component attribute="id">`, or a frontmatter field (a string or a list of strings). */
export type ReferenceUse = { component: string; attribute: string } | { frontmatter: KeyPath };

/** How a site serves pages: what an absolute link (`/guides/setup/#install`) of a page (not a map node) names. */
export interface SiteLinks {
  /** URL prefixes served from content folders (absolute paths), longest prefix first. */
  routes: { prefix: string; folder: string }[];
  /** Extensions tried after a route's path (`/guides/setup` -> `setup.md`), in order. */
  extensions: string[];
  /** File names (without extension) a route ending at a folder serves (`/guides/` -> `guides/index.mdx`). */
  indexFiles: string[];
  /** URL patterns the application serves (`*` within a segment, `**` across segments): accepted as written. */
  appRoutes: string[];
  /** Anchors every page has (Starlight's `_top`), besides its headings' and elements' ids. */
  pageAnchors: string[];
  /** How the site makes headings' ids. */
  slugger: SluggerName;
}

export type MapOrderPolicy = "auto" | "required" | "optional";
