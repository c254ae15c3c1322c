import { builtinSchemaKey } from "../schemas/schemaStore";
import type { KindSettings, MarkdownKind, ResolvedConfig } from "./configTypes";

export const configFileNames = ["kb-author.jsonc", ".kb-author.jsonc"] as const;

/** 2 MB: far above any real node or topic (the largest topic seen is 400 KB), far below what freezes an editor. */
export const defaultMaxFileSize = 2 * 1024 * 1024;

/** Letters, digits, `_` and `-`: what the map sites show (underscores become spaces). */
const defaultNodeNamePattern = "^[\\p{L}\\p{N}_\\-]+$";

const mapNodeSettings: KindSettings = {
  base: "map-node",
  frontmatter: { required: false },
  sections: {
    level: 3,
    allowUnknown: false,
    ordered: false,
    rules: [
      {
        heading: "Mini Description",
        level: 3,
        presence: "usual",
        repeatable: false,
        description: "One paragraph that says what the node covers; shown on the map under the node's title.",
        template: "One paragraph that says what this node covers.",
      },
      {
        heading: "Description",
        level: 3,
        presence: "usual",
        repeatable: false,
        description: "The longer explanation of the node: its scope, key challenges and research directions.",
        template: "A longer explanation of this node.",
      },
      {
        heading: "Questions",
        level: 3,
        presence: "optional",
        repeatable: false,
        description:
          "Open research questions, one list item each (`1. ...` or `- ...`, as the first line sets); the map lists them under the node.",
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
        presence: "usual-on-nodes-with-children",
        repeatable: false,
        description:
          "The node's child folders in the order the map shows them, one `N. Folder_Name` per line (one-digit numbers: the builder reads them as positions). Without it the children are published in sorted order.",
      },
    ],
  },
};

/** A breakdown's file (a sub-folder of a breakdown node `Name.`): the builder reads these three sections. */
export const breakdownSettings: KindSettings = {
  base: "map-node",
  frontmatter: { required: false },
  sections: {
    level: 3,
    allowUnknown: false,
    ordered: false,
    rules: [
      {
        heading: "Paper",
        level: 3,
        presence: "optional",
        repeatable: false,
        description:
          'The paper that proposes this breakdown: a ```json block holding an object with `title`, `url`, ... (the breakdown node\'s Order names it `Paper: "Title"`).',
      },
      {
        heading: "Explanation",
        level: 3,
        presence: "optional",
        repeatable: false,
        description: "How this breakdown divides its node.",
        template: "How this breakdown divides the node, and the paper it follows.",
      },
      {
        heading: "Order",
        level: 3,
        presence: "optional",
        repeatable: false,
        description:
          "The breakdown's child node folders in the order the map shows them, one `N. Folder_Name` per line.",
      },
    ],
  },
};

const topicSettings: KindSettings = {
  base: "topic",
  frontmatter: { required: true, schema: builtinSchemaKey("topic") },
  sections: { level: 2, allowUnknown: true, ordered: true, rules: [] },
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
  nodeNamePatternConfigured: false,
  mapOrder: "auto",
  // remark-gfm is in nearly every MDX site's pipeline; math and directives change what compiles, so they are declared.
  mdx: { syntax: ["gfm"], providedComponents: [] },
  references: [],
};
