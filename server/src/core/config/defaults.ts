import { builtinSchemaKey } from "../schemas/schemaStore";
import type { KindSettings, MarkdownKind, ResolvedConfig } from "./configTypes";

export const configFileNames = ["kb-author.jsonc", ".kb-author.jsonc"] as const;

/** 2 MB: far above any real node or topic (the largest topic seen is 400 KB), far below what freezes an editor. */
export const defaultMaxFileSize = 2 * 1024 * 1024;

/** Letters, digits, `_` and `-`: what the map sites show (underscores become spaces). */
const defaultNodeNamePattern = "^[\\p{L}\\p{N}_\\-]+$";

const mapNodeSettings: KindSettings = {
  frontmatter: { required: false },
  sections: {
    level: 3,
    allowUnknown: false,
    rules: [
      {
        heading: "Mini Description",
        level: 3,
        presence: "required-except-on-root",
        repeatable: false,
        description: "One paragraph that says what the node covers; shown on the map under the node's title.",
        template: "One paragraph that says what this node covers.",
      },
      {
        heading: "Description",
        level: 3,
        presence: "optional",
        repeatable: false,
        description: "The longer explanation of the node: its scope, key challenges and research directions.",
        template: "A longer explanation of this node.",
      },
      {
        heading: "Related Nodes",
        level: 3,
        presence: "optional",
        repeatable: false,
        description:
          "Links to related nodes elsewhere in the map, `- [Node Name](/Root/Path/Node/Node.md)`, each optionally followed by a TAB-indented `- Reason: ...`.",
      },
      {
        heading: "Order",
        level: 3,
        presence: "required-on-nodes-with-children",
        repeatable: false,
        description:
          "The node's child folders in the order the map shows them, one `N. Folder_Name` per line. Always the last section.",
      },
    ],
  },
};

const topicSettings: KindSettings = {
  frontmatter: { required: true, schema: builtinSchemaKey("topic") },
  sections: { level: 2, allowUnknown: true, rules: [] },
};

export const defaultKinds: Record<MarkdownKind, KindSettings> = {
  "map-node": mapNodeSettings,
  topic: topicSettings,
};

export const defaultConfig: ResolvedConfig = {
  assignments: [],
  kinds: defaultKinds,
  severity: {},
  overrides: [],
  maxFileSize: defaultMaxFileSize,
  nodeNamePattern: defaultNodeNamePattern,
};
