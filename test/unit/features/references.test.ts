import * as assert from "node:assert/strict";
import type { TextEdit } from "vscode-languageserver-types";
import { applyEdits, serviceWithCursor } from "../../support/cursor";
import { MemoryFileSystem } from "../../support/memoryFileSystem";
import { SessionDriver } from "../../support/sessionDriver";

const files: Record<string, string> = {
  "/kb/kb-author.jsonc": JSON.stringify({
    mdx: { providedComponents: ["EntityLink"] },
    references: {
      entity: {
        definedIn: [
          { dataFiles: ["data/entities/*.yaml"], items: "entities", title: "name" },
          { frontmatter: "numericId", summary: "llmSummary" },
        ],
        usedIn: [{ component: "EntityLink", attribute: "id" }],
      },
    },
  }),
  "/kb/data/entities/labs.yaml":
    "entities:\n  - id: anthropic\n    name: Anthropic\n    description: An AI safety company.\n  - id: deepmind\n    name: Google DeepMind\n",
  "/kb/wiki/audits.mdx":
    "---\ntitle: Audits\ndescription: Audits.\nnumericId: E14\nllmSummary: Third-party audits of AI systems.\n---\n\nAudits.\n",
};
const page = "/kb/wiki/governance.mdx";
const header = "---\ntitle: Governance\ndescription: Governance.\n---\n\n";

const codesOf = (driver: SessionDriver, path: string) =>
  (driver.published.get(path) ?? []).map((diagnostic) => diagnostic.code);

describe("references by id in the editor", () => {
  it("completes an id with the registry's ids, titled, and filters by title", () => {
    const { service, position } = serviceWithCursor(
      files,
      page,
      `${header}See <EntityLink id="<|>">x</EntityLink>.\n`,
    );
    const items = service.getCompletions(page, position).items;
    assert.deepEqual(items.map((item) => [item.label, item.detail]).sort(), [
      ["E14", "Audits"],
      ["anthropic", "Anthropic"],
      ["deepmind", "Google DeepMind"],
    ]);
    assert.match(items.find((item) => item.label === "deepmind")!.filterText!, /Google DeepMind/);
    // While typed, before its closing quote: the same ids, replacing what is typed; not yet checked.
    const typing = serviceWithCursor(files, page, `${header}See <EntityLink id="Goo<|>\n`);
    const typed = typing.service.getCompletions(page, typing.position).items;
    assert.deepEqual(typed.find((item) => item.label === "deepmind")?.textEdit, {
      range: { start: { line: 5, character: 20 }, end: { line: 5, character: 23 } },
      newText: "deepmind",
    });
    assert.ok(
      !typing.service.validate(page)!.diagnostics.some((d) => d.code === "reference/unresolved"),
      "an id being typed is not reported",
    );
    // Near miss: outside the attribute's value, no ids are offered.
    const outside = serviceWithCursor(
      files,
      page,
      `${header}See <EntityLink id="anthropic">x<|></EntityLink>.\n`,
    );
    assert.ok(
      !outside.service.getCompletions(page, outside.position).items.some((item) => item.label === "E14"),
    );
  });

  it("shows the entry an id names on hover: title, summary and where it is defined", () => {
    const { service, position } = serviceWithCursor(
      files,
      page,
      `${header}See <EntityLink id="E1<|>4">x</EntityLink>.\n`,
    );
    const value = String((service.getHover(page, position)?.contents as { value: string }).value);
    assert.match(value, /\*\*Audits\*\* — entity `E14`/);
    assert.match(value, /Third-party audits of AI systems\./);
    assert.match(value, /Defined in `audits\.mdx:4`/);
  });

  it("goes to the data file item that defines an id", () => {
    const { service, position } = serviceWithCursor(
      files,
      page,
      `${header}<EntityLink id="deep<|>mind" />\n`,
    );
    const locations = service.getDefinition(page, position);
    assert.equal(locations.length, 1);
    assert.match(locations[0].uri, /data\/entities\/labs\.yaml$/);
    assert.deepEqual(locations[0].range.start, { line: 4, character: 8 });
  });

  it("offers the nearest id as a quick fix for an unresolved one", () => {
    const text = `${header}See <EntityLink id="antropic">x</EntityLink>.\n`;
    const { service } = serviceWithCursor(files, page, `${text}<|>`);
    const report = service.validate(page)!;
    const diagnostic = report.diagnostics.find((d) => d.code === "reference/unresolved")!;
    assert.match(diagnostic.message, /Did you mean `anthropic` \(Anthropic\)\?/);
    const actions = service.getCodeActions(page, diagnostic.range, [diagnostic]);
    const fix = actions.find((action) => action.title === "Change the id to `anthropic`");
    assert.ok(fix, actions.map((action) => action.title).join(", "));
    const edits = Object.values(fix.edit!.changes!)[0];
    assert.equal(applyEdits(text, edits), text.replace("antropic", "anthropic"), "only the id changes");
  });

  it("revalidates the pages using an id when the data file defining it changes on disk", async () => {
    const fileSystem = new MemoryFileSystem({ ...files, [page]: `${header}<EntityLink id="openai" />\n` });
    const driver = new SessionDriver(fileSystem, ["/kb"]);
    await driver.scan();
    assert.deepEqual(codesOf(driver, page), ["reference/unresolved"]);
    const data = "/kb/data/entities/labs.yaml";
    fileSystem.writeFile(data, `${files[data]}  - id: openai\n    name: OpenAI\n`);
    driver.sendEvent(data, "changed");
    await driver.settle();
    assert.deepEqual(codesOf(driver, page), [], "the page was validated again");
  });

  it("revalidates the pages using an id when another page's id is edited, unsaved", async () => {
    const fileSystem = new MemoryFileSystem({ ...files, [page]: `${header}<EntityLink id="E15" />\n` });
    const driver = new SessionDriver(fileSystem, ["/kb"]);
    await driver.scan();
    assert.deepEqual(codesOf(driver, page), ["reference/unresolved"]);
    const audits = "/kb/wiki/audits.mdx";
    driver.open(audits, files[audits], 1);
    driver.service.changeDocument(audits, 2, [{ text: files[audits].replace("E14", "E15") }]);
    await driver.settle();
    assert.deepEqual(codesOf(driver, page), [], "E15 is defined now");
  });

  it("finds every use of an id across pages, and where it is defined", () => {
    const other = "/kb/wiki/labs.mdx";
    const { service, position } = serviceWithCursor(
      { ...files, [other]: `${header}<EntityLink id="anthropic" /> and <EntityLink id="deepmind" />\n` },
      page,
      `${header}<EntityLink id="anthr<|>opic" />\n`,
    );
    const places = service
      .getReferences(page, position)
      .map((location) => [location.uri.split("/kb/")[1], location.range.start.line]);
    assert.deepEqual(places, [
      ["data/entities/labs.yaml", 1],
      ["wiki/governance.mdx", 5],
      ["wiki/labs.mdx", 5],
    ]);
    const withoutDeclaration = service.getReferences(page, position, false);
    assert.equal(withoutDeclaration.length, 2);
  });

  it("renames an id in the data file that defines it and in every page that uses it, as one edit", () => {
    const other = "/kb/wiki/labs.mdx";
    const otherText = `${header}<EntityLink id="anthropic" /> and <EntityLink id="deepmind" />\n`;
    const { service, position, text } = serviceWithCursor(
      { ...files, [other]: otherText },
      page,
      `${header}<EntityLink id="anthr<|>opic" />\n`,
    );
    assert.deepEqual(service.prepareRename(page, position)?.placeholder, "anthropic");
    const outcome = service.rename(page, position, "anthropic-pbc");
    assert.ok(outcome?.ok, outcome && !outcome.ok ? outcome.message : "no rename");
    const byFile = new Map(
      (outcome.edit.documentChanges as { textDocument: { uri: string }; edits: TextEdit[] }[]).map(
        (change) => [change.textDocument.uri.split("/kb/")[1], change.edits],
      ),
    );
    assert.deepEqual([...byFile.keys()], ["data/entities/labs.yaml", "wiki/governance.mdx", "wiki/labs.mdx"]);
    const data = "/kb/data/entities/labs.yaml";
    assert.equal(
      applyEdits(files[data], byFile.get("data/entities/labs.yaml")!),
      files[data].replace("id: anthropic", "id: anthropic-pbc"),
    );
    assert.equal(
      applyEdits(text, byFile.get("wiki/governance.mdx")!),
      text.replace('"anthropic"', '"anthropic-pbc"'),
    );
    assert.equal(
      applyEdits(otherText, byFile.get("wiki/labs.mdx")!),
      otherText.replace('"anthropic"', '"anthropic-pbc"'),
    );
    // Near miss: a name another entry has is refused (the two would merge).
    const clash = service.rename(page, position, "deepmind");
    assert.ok(clash && !clash.ok && /another entity/.test(clash.message));
  });

  it("renames a page's own id from its frontmatter, keeping its quotes", () => {
    const audits = "/kb/wiki/audits.mdx";
    const { service, position } = serviceWithCursor(
      { ...files, [page]: `${header}<EntityLink id="E14" />\n` },
      audits,
      files[audits].replace("numericId: E14", 'numericId: "E1<|>4"'),
    );
    const outcome = service.rename(audits, position, "E40");
    assert.ok(outcome?.ok);
    const changes = outcome.edit.documentChanges as { textDocument: { uri: string }; edits: TextEdit[] }[];
    assert.deepEqual(
      changes.map((change) => [
        change.textDocument.uri.split("/kb/")[1],
        change.edits.map((edit) => edit.range.start.character),
      ]),
      [
        ["wiki/audits.mdx", [12]],
        ["wiki/governance.mdx", [16]],
      ],
    );
  });
});
