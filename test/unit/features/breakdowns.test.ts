import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { CompletionItem, Hover } from "vscode-languageserver-types";
import { createLanguageService } from "../../../server/src/core/languageService";
import { NodeFileSystem } from "../../../server/src/node/nodeFileSystem";
import { serviceWithCursor } from "../../support/cursor";
import { examplesFiles } from "../faults/examplesTree";

const examples = path.resolve(__dirname, "../../../../examples/breakdowns");
/** The breakdown map of examples/ (examples/breakdowns) in an in-memory workspace at /kb. */
const exampleFiles = () => examplesFiles("breakdowns");

const breakdownNode = "/kb/Oversight/Approaches./Approaches.md";

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
});
