import * as assert from "node:assert/strict";
import type { CompletionItem } from "vscode-languageserver-types";
import { serviceWithCursor } from "../../support/cursor";

const files: Record<string, string> = {
  "/kb/kb-author.jsonc": JSON.stringify({
    assign: [{ files: ["wiki/risks/*.md"], kind: "risk" }],
    kinds: { risk: { base: "topic", frontmatter: { schema: "./schemas/risk.schema.json" } } },
  }),
  "/kb/schemas/risk.schema.json": JSON.stringify({
    type: "object",
    required: ["title"],
    properties: {
      title: { type: "string", description: "The page's title." },
      severity: { enum: ["low", "medium", "high"], description: "How bad the risk is." },
    },
  }),
};
const page = "/kb/wiki/risks/misuse.md";

describe("kinds of the configuration's own in the editor", () => {
  it("completes frontmatter keys and values from the schema the kind names (no $schema in the page)", () => {
    const keys = serviceWithCursor(files, page, "---\ntitle: Misuse\nsev<|>\n---\n\nText.\n");
    const labels = keys.service
      .getCompletions(page, keys.position)
      .items.map((item: CompletionItem) => item.label);
    assert.ok(labels.includes("severity"), labels.join(", "));
    const values = serviceWithCursor(files, page, "---\ntitle: Misuse\nseverity: <|>\n---\n\nText.\n");
    const offered = values.service.getCompletions(page, values.position).items.map((item) => item.label);
    assert.deepEqual([...offered].sort(), ["high", "low", "medium"]);
  });

  it("shows the property's description from that schema on hover", () => {
    const { service, position } = serviceWithCursor(
      files,
      page,
      "---\ntitle: Misuse\nsever<|>ity: high\n---\n\nText.\n",
    );
    const hover = service.getHover(page, position);
    assert.match(String((hover?.contents as { value: string } | undefined)?.value), /How bad the risk is/);
  });
});
