import type { Diagnostic } from "vscode-languageserver-types";
import type { ConfigStore } from "../config/configStore";
import type { SchemaStore } from "../schemas/schemaStore";
import type { BuilderView } from "../map/builderView";
import type { MapLocator } from "../workspace/maps";
import type { NodeIndex } from "../workspace/nodeIndex";
import type { ReferenceIndex } from "./referenceIndex";
import type { Workspace } from "../workspace/workspace";

/**
 * The services every check, editor feature and renderer may consult: the one object the language
 * service builds and passes to all of them.
 */
export interface CoreServices {
  workspace: Workspace;
  maps: MapLocator;
  /** The maps as their builder reads them: sections, Orders, published children. */
  builder: BuilderView;
  schemas: SchemaStore;
  configs: ConfigStore;
  /** Every node of the maps under the workspace roots (built on first use). */
  nodes: NodeIndex;
  /** The ids of the configurations' reference registries (built on first use). */
  references: ReferenceIndex;
  /** The diagnostics of a file from its last validation (empty when it had none or was never validated). */
  diagnosticsOf(path: string): readonly Diagnostic[];
  /** Every Markdown file under the workspace roots (hidden folders and node_modules skipped), for workspace scans. */
  listMarkdownFiles(): string[];
}
