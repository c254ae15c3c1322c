import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { CompletionItem, Hover } from "vscode-languageserver-types";
import { createLanguageService } from "../../../server/src/core/languageService";
import { NodeFileSystem } from "../../../server/src/node/nodeFileSystem";
import { applyWorkspaceEdit, serviceWithCursor } from "../../support/cursor";
import { MemoryFileSystem } from "../../support/memoryFileSystem";
import { checkNodeName } from "../../../server/src/shared/nodeNames";
import type { EditOutcome } from "../../../server/src/core/features/workspaceEdits";
import { examplesFiles } from "../faults/examplesTree";

const examples = path.resolve(__dirname, "../../../../examples/breakdowns");
/** The breakdown map of examples/ (examples/breakdowns) in an in-memory workspace at /kb. */
const exampleFiles = () => examplesFiles("breakdowns");

const breakdownNode = "/kb/Oversight/Approaches./Approaches.md";

const debateEntry = '1. Paper: "AI safety via debate"';

/** The in-memory breakdown map after an edit, and what the checks then say of every file. */
function afterEdit(fileSystem: MemoryFileSystem, outcome: EditOutcome) {
  if (!outcome.ok) assert.fail(`refused: ${outcome.message}`);
  applyWorkspaceEdit(fileSystem, outcome.edit);
  const service = createLanguageService({ fileSystem, workspaceRoots: ["/kb"] });
  const problems = service
    .listCheckedFiles()
    .flatMap((file) => (service.validate(file)?.diagnostics ?? []).map((found) => `${file}: ${found.code}`));
  return { files: fileSystem.snapshot(), problems, notes: outcome.notes, service };
}

function markdownOf(hover: Hover | undefined): string {
  assert.ok(hover, "expected a hover");
  return (hover.contents as { value: string }).value;
}

describe("breakdown maps (examples/breakdowns)", () => {
  it("checks clean: breakdowns have Paper, Explanation and Order, not the node sections", () => {
    const service = createLanguageService({ fileSystem: new NodeFileSystem(), workspaceRoots: [examples] });
    const files = service.listCheckedFiles();
    const found = files.flatMap((file) => service.validate(file)?.diagnostics ?? []);
    assert.deepEqual(found, []);
    assert.ok(
      files.some((file) => file.endsWith("Untitled_1/Untitled_1.md")),
      "the breakdowns are checked",
    );
  });

  it('shows a breakdown\'s card, with its paper and Explanation, on a `Paper: "Title"` entry', () => {
    const files = exampleFiles();
    const text = files[breakdownNode].replace('1. Paper: "AI safety', '1. Paper: "AI sa<|>fety');
    const { service, position } = serviceWithCursor(files, breakdownNode, text);
    const card = markdownOf(service.getHover(breakdownNode, position));
    assert.match(card, /^\*\*AI safety via debate\*\* \(breakdown\)/);
    assert.match(
      card,
      /Paper: \[AI safety via debate\]\(https:\/\/arxiv\.org\/abs\/1805\.00899\) \(2018-05-02\)/,
    );
    assert.match(card, /Two agents argue for opposite answers/);
    assert.match(card, /2 children/);
  });

  it("says so on a `Paper:` entry whose title no breakdown has", () => {
    const files = exampleFiles();
    const text = files[breakdownNode].replace(
      '1. Paper: "AI safety via debate"',
      '1. Paper: "AI safety by de<|>bate"',
    );
    const { service, position } = serviceWithCursor(files, breakdownNode, text);
    assert.match(
      markdownOf(service.getHover(breakdownNode, position)),
      /No breakdown here has a paper titled `AI safety by debate`/,
    );
  });

  it("completes an Order line with the unlisted breakdowns, by their paper's title", () => {
    const files = exampleFiles();
    // The Order without its first two entries: the two titled breakdowns are unlisted.
    const text = files[breakdownNode]
      .replace(
        '1. Paper: "AI safety via debate"\n2. Paper: "Supervising strong learners by amplifying weak experts"\n',
        "",
      )
      .replace("3. By_Method\n", "1. By_Method\n<|>");
    const { service, position } = serviceWithCursor(files, breakdownNode, text);
    const items: CompletionItem[] = service.getCompletions(breakdownNode, position).items;
    const entries = items
      .map((item) => (item.textEdit as { newText: string } | undefined)?.newText)
      .filter(Boolean);
    assert.deepEqual(entries.sort(), [
      '2. Paper: "AI safety via debate"',
      '2. Paper: "Supervising strong learners by amplifying weak experts"',
    ]);
    const debate = items.find((item) => item.label === 'Paper: "AI safety via debate"');
    assert.match(String((debate?.documentation as { value: string } | undefined)?.value), /Two agents argue/);
  });

  it('finds a breakdown\'s `Paper: "Title"` entry among its references', () => {
    const files = exampleFiles();
    const breakdown = "/kb/Oversight/Approaches./Untitled_1/Untitled_1.md";
    const { service } = serviceWithCursor(files, breakdown, "<|>" + files[breakdown]);
    const found = service
      .getReferences(breakdown, { line: 0, character: 0 }, false)
      .map((location) => `${location.uri.replace("file://", "")}:${location.range.start.line}`);
    assert.deepEqual(found, [`${breakdownNode}:11`]);
  });

  it("renames a breakdown from its `Paper:` entry: the folder and file move, the entry (by title) stays", () => {
    const files = exampleFiles();
    const text = files[breakdownNode].replace(debateEntry, '1. Paper: "AI safety <|>via debate"');
    const { service, fileSystem, position } = serviceWithCursor(files, breakdownNode, text);
    assert.equal(service.prepareRename(breakdownNode, position)?.placeholder, "Untitled_1");
    const result = afterEdit(fileSystem, service.rename(breakdownNode, position, "Debate")!);
    assert.equal(
      result.files[breakdownNode],
      files[breakdownNode],
      "the Order names the paper, not the folder",
    );
    assert.ok(result.files["/kb/Oversight/Approaches./Debate/Debate.md"]);
    assert.equal(result.files["/kb/Oversight/Approaches./Untitled_1/Untitled_1.md"], undefined);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.service.getMapChildren("/kb/Oversight/Approaches.").map((item) => [item.name, item.unlisted]),
      [
        ["Debate", false],
        ["Untitled_2", false],
        ["By_Method", false],
      ],
    );
  });

  it("renames a breakdown node with its identifier: `Name./Name.md`, its entry, the links to it and their texts follow", () => {
    const files = exampleFiles();
    const evaluation = "/kb/Oversight/Evaluation/Evaluation.md";
    files[evaluation] += "\n### Related Nodes\n\n- [Approaches](/Oversight/Approaches./Approaches.md)\n";
    const parent = "/kb/Oversight/Oversight.md";
    const text = files[parent].replace("1. Approaches.", "1. Appro<|>aches.");
    const { service, fileSystem, position } = serviceWithCursor(files, parent, text);
    const result = afterEdit(fileSystem, service.rename(parent, position, "Methods.")!);
    assert.match(result.files[parent], /^1\. Methods\.$/m);
    assert.ok(result.files["/kb/Oversight/Methods./Methods.md"], "the file of `Methods.` is Methods.md");
    assert.match(result.files[evaluation], /- \[Methods\]\(\/Oversight\/Methods\.\/Methods\.md\)/);
    assert.deepEqual(result.notes, []);
    assert.deepEqual(result.problems, []);
  });

  it("says so when a rename takes the identifier off a breakdown node; the name pattern applies before it", () => {
    const files = exampleFiles();
    const parent = "/kb/Oversight/Oversight.md";
    const text = files[parent].replace("1. Approaches.", "1. Appro<|>aches.");
    const { service, position } = serviceWithCursor(files, parent, text);
    const outcome = service.rename(parent, position, "Methods");
    assert.ok(outcome?.ok);
    assert.match(outcome.notes.join(" "), /Methods does not end with the breakdowns identifier `\.`/);
    const moved = outcome.edit.documentChanges?.map((change) =>
      "newUri" in change ? change.newUri : undefined,
    );
    assert.ok(moved?.includes("file:///kb/Oversight/Approaches./Methods.md"), "Methods/Methods.md");
    const bare = checkNodeName("-bd", {
      pattern: ".*",
      matchesPattern: () => true,
      siblings: [],
      breakdownsIdentifier: "-bd",
    });
    assert.match(bare.error ?? "", /only the breakdowns identifier/);
    const named = checkNodeName("Methods-bd", {
      pattern: "^[A-Za-z]+$",
      matchesPattern: (name) => /^[A-Za-z]+$/.test(name),
      siblings: [],
      breakdownsIdentifier: "-bd",
    });
    assert.equal(named.error, undefined, "the pattern applies to the name before the identifier");
  });

  it("New Child Node under a breakdown node creates a breakdown with its Explanation", () => {
    const files = exampleFiles();
    const fileSystem = new MemoryFileSystem(files);
    const service = createLanguageService({ fileSystem, workspaceRoots: ["/kb"] });
    const outcome = service.newChildNode("/kb/Oversight/Approaches.", "By Cost");
    const result = afterEdit(fileSystem, outcome);
    assert.equal(
      result.files["/kb/Oversight/Approaches./By_Cost/By_Cost.md"],
      "### Explanation\n\nHow this breakdown divides the node, and the paper it follows.\n",
    );
    assert.match(result.files[breakdownNode], /3\. By_Method\n4\. By_Cost\n$/);
    assert.deepEqual(result.problems, []);
  });

  it("New Child Node may create a breakdown node: `Name./Name.md`", () => {
    const files = exampleFiles();
    const fileSystem = new MemoryFileSystem(files);
    const service = createLanguageService({ fileSystem, workspaceRoots: ["/kb"] });
    const result = afterEdit(fileSystem, service.newChildNode("/kb/Oversight", "Failures."));
    assert.ok(result.files["/kb/Oversight/Failures./Failures.md"]);
    assert.match(result.files["/kb/Oversight/Oversight.md"], /3\. Failures\.\n$/);
    assert.deepEqual(result.problems, []);
  });

  it("--fix corrects a `Paper:` title to the paper it nearly matches, and nothing else", () => {
    const files = exampleFiles();
    const misspelt = files[breakdownNode].replace("strong learners by", "strong learner by");
    const fileSystem = new MemoryFileSystem({ ...files, [breakdownNode]: misspelt });
    const service = createLanguageService({ fileSystem, workspaceRoots: ["/kb"] });
    const result = service.fixAll(breakdownNode);
    assert.deepEqual(
      result?.fixed.map((fixed) => fixed.code),
      ["breakdown/unknown-paper"],
    );
    assert.equal(result?.text, files[breakdownNode]);
    // Near miss: a title far from every paper's is reported, and left alone.
    const far = files[breakdownNode].replace("Supervising strong learners by amplifying weak experts", "Zzz");
    const farService = createLanguageService({
      fileSystem: new MemoryFileSystem({ ...files, [breakdownNode]: far }),
      workspaceRoots: ["/kb"],
    });
    const farResult = farService.fixAll(breakdownNode);
    assert.deepEqual(farResult?.fixed, []);
    assert.deepEqual(
      farResult?.remaining.map((found) => found.code),
      ["breakdown/unknown-paper"],
    );
  });
});
