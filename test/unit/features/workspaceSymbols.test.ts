import * as assert from "node:assert/strict";
import { SymbolKind } from "vscode-languageserver-types";
import { pathToUri } from "../../../server/src/core/model/uris";
import { maxWorkspaceSymbols } from "../../../server/src/core/features/workspaceSymbols";
import { createLanguageService } from "../../../server/src/core/languageService";
import { NodeFileSystem } from "../../../server/src/node/nodeFileSystem";
import { serviceWithCursor } from "../../support/cursor";
import { corpusDir, describeWithShared } from "../../support/sharedData";

const map = {
  "/kb/meta.json": JSON.stringify({ rootDir: "AI_Safety", coverRootDescription: "The root." }),
  "/kb/AI_Safety/Governance/Governance.md": "### Mini Description\n\nG.\n",
  "/kb/AI_Safety/Governance/Treaty_Frameworks/Treaty_Frameworks.md": "### Mini Description\n\nT.\n",
  "/kb/AI_Safety/Governance/Uncertainty_Quantification/Uncertainty_Quantification.md":
    "### Mini Description\n\nU.\n",
  "/kb/AI_Safety/Technical/Technical.md": "### Mini Description\n\nT.\n",
  "/kb/AI_Safety/Technical/AI_Governance_Tools/AI_Governance_Tools.md": "### Mini Description\n\nA.\n",
  "/kb/AI_Safety/Technical/Uncertainty_Quantification/": "",
  "/kb/AI_Safety/Technical/Subgovernance/Subgovernance.md": "### Mini Description\n\nS.\n",
};

function symbols(query: string, files: Record<string, string> = map) {
  const { service } = serviceWithCursor(files, "/kb/AI_Safety/AI_Safety.md", "<|>### Order\n");
  return service.getWorkspaceSymbols(query);
}

describe("workspace symbols", () => {
  it("lists every node by title, with its parent's breadcrumb as container and its file as location", () => {
    const found = symbols("uncertainty quantification");
    assert.deepEqual(
      found.map((symbol) => [symbol.name, symbol.containerName, symbol.kind]),
      [
        ["Uncertainty Quantification", "AI Safety › Governance", SymbolKind.Module],
        ["Uncertainty Quantification", "AI Safety › Technical", SymbolKind.Module],
      ],
    );
    assert.deepEqual(found[0].location, {
      uri: pathToUri("/kb/AI_Safety/Governance/Uncertainty_Quantification/Uncertainty_Quantification.md"),
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
    assert.equal(
      (found[1].location as { uri: string }).uri,
      pathToUri("/kb/AI_Safety/Technical/Uncertainty_Quantification"),
    );
  });

  it("ranks exact, prefix and word-start matches before matches inside words and subsequences", () => {
    assert.deepEqual(
      symbols("gov").map((symbol) => symbol.name),
      ["Governance", "AI Governance Tools", "Subgovernance"],
    );
    assert.deepEqual(
      symbols("UQ").map((symbol) => symbol.name),
      ["Uncertainty Quantification", "Uncertainty Quantification"],
    );
    assert.deepEqual(
      symbols("tf").map((symbol) => symbol.name),
      ["Treaty Frameworks", "Uncertainty Quantification", "Uncertainty Quantification"],
      "letters on word starts first",
    );
    assert.deepEqual(
      symbols("Treaty_Frame").map((symbol) => symbol.name),
      ["Treaty Frameworks"],
      "underscores match spaces",
    );
    assert.deepEqual(symbols("zzz"), []);
  });

  it("lists every node for an empty query, in tree order, and caps the list", () => {
    assert.deepEqual(
      symbols("").map((symbol) => symbol.name),
      [
        "AI Safety",
        "Governance",
        "Treaty Frameworks",
        "Uncertainty Quantification",
        "Technical",
        "AI Governance Tools",
        "Uncertainty Quantification",
        "Subgovernance",
      ],
    );
    const many: Record<string, string> = { "/kb/meta.json": map["/kb/meta.json"] };
    for (let i = 0; i < maxWorkspaceSymbols + 50; i++) many[`/kb/AI_Safety/Node_${i}/Node_${i}.md`] = "x\n";
    assert.equal(symbols("node", many).length, maxWorkspaceSymbols);
  });

  describeWithShared("corpus", "on the shared corpus (llm-ai-safety-map)", function () {
    it("returns the 31 nodes named Uncertainty Quantification first, each with a distinct container", () => {
      const service = createLanguageService({
        fileSystem: new NodeFileSystem(),
        workspaceRoots: [corpusDir],
      });
      const found = service.getWorkspaceSymbols("Uncertainty Quantification");
      const exact = found.filter((symbol) => symbol.name === "Uncertainty Quantification");
      assert.equal(exact.length, 31);
      assert.deepEqual(found.slice(0, 31), exact);
      assert.equal(new Set(exact.map((symbol) => symbol.containerName)).size, 31);
      assert.ok(exact.every((symbol) => symbol.containerName?.startsWith("AI Safety › ")));
      // A second, abbreviated query on the warm index finds the same nodes first (its time is
      // measured by bench/limits.mjs, not asserted here).
      const abbreviated = service.getWorkspaceSymbols("unc quant");
      assert.deepEqual(abbreviated.slice(0, 31), exact);
    });
  });
});
