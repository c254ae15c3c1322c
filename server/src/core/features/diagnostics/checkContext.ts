import type { KindSettings, MarkdownKind, ResolvedConfig } from "../../config/configTypes";
import type { ParsedMarkdown } from "../../document/parsedDocument";
import type { SchemaStore } from "../../schemas/schemaStore";
import type { MapLocator, NodeFolder } from "../../workspace/maps";
import type { Workspace } from "../../workspace/workspace";

/** The services every check may consult. */
export interface CheckServices {
  workspace: Workspace;
  maps: MapLocator;
  schemas: SchemaStore;
}

/** What a Markdown check is given: the parse, the file's kind and configuration, and its node if it is one. */
export interface MarkdownCheckContext {
  path: string;
  parsed: ParsedMarkdown;
  kind: MarkdownKind | null;
  settings: KindSettings | undefined;
  config: ResolvedConfig;
  /** The node folder the file lies in, when it lies in one (whether or not it is the node's file). */
  nodeFolder: NodeFolder | undefined;
  services: CheckServices;
}
