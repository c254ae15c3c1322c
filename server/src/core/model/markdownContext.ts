import type { KindSettings, MarkdownKind, ResolvedConfig } from "../config/configTypes";
import { breakdownSettings } from "../config/defaults";
import { matchesGlobs } from "../config/globs";
import { hasFrontmatter } from "../document/frontmatter";
import type { ParsedMarkdown } from "../document/parsedDocument";
import { basename, dirname, nfc } from "../paths";
import type { CoreServices } from "./services";
import type { NodeFolder } from "../workspace/maps";

/** A Markdown document with everything known about it: the parse, its kind and configuration, its node. */
export interface MarkdownContext {
  path: string;
  parsed: ParsedMarkdown;
  kind: MarkdownKind | null;
  settings: KindSettings | undefined;
  config: ResolvedConfig;
  /** The node folder the file lies in, when it lies in one (whether or not it is the node's file). */
  nodeFolder: NodeFolder | undefined;
  services: CoreServices;
}

/**
 * Decides what a Markdown document is, in the documented order: the configuration's globs; a map node
 * by the folder convention; a topic if it starts with `---`; else no kind. Undefined when the
 * configuration assigns the file no kind at all (it is then left alone entirely).
 */
export function markdownContext(
  path: string,
  text: string,
  version: number,
  services: CoreServices,
): MarkdownContext | undefined {
  const config = services.configs.configFor(path);
  const assigned = assignedKind(config, path);
  if (assigned === null) return undefined;
  const parsed = services.workspace.parsedMarkdown(path, text, version);
  const nodeFolder = services.maps.nodeFolder(dirname(path));
  const isNodeFile = nodeFolder !== undefined && nfc(basename(path)) === nodeFolder.fileName;
  const assignedSettings = assigned ? config.kinds[assigned] : undefined;
  const kind =
    assignedSettings?.base ?? (isNodeFile ? "map-node" : hasFrontmatter(parsed.lines) ? "topic" : null);
  return {
    path,
    parsed,
    kind,
    settings:
      assignedSettings ??
      (kind === "map-node" && nodeFolder?.role === "breakdown"
        ? breakdownSettings
        : kind
          ? config.kinds[kind]
          : undefined),
    config,
    nodeFolder,
    services,
  };
}

/**
 * The kind the configuration's globs give a file (the first matching entry wins): a kind, null for
 * "no kind", undefined when no glob matches.
 */
function assignedKind(config: ResolvedConfig, path: string): string | null | undefined {
  const baseDir = config.baseDir;
  if (!baseDir) return undefined;
  return config.assignments.find((assignment) => matchesGlobs(assignment.files, baseDir, path))?.kind;
}
