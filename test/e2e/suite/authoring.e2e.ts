/**
 * The authoring features in a real VS Code, asked for through the `vscode` API as the editor itself asks for
 * them (`vscode.execute*Provider`, `workspace.applyEdit`, the extension's command): completion in an Order
 * section and in a topic's frontmatter, the hover card of an Order entry, a quick fix, renaming a node, and
 * New Child Node. Same workspace as diagnostics.e2e.ts (a temporary copy of examples/, made by the runner).
 *
 * Independent of diagnostics.e2e.ts, which runs after this file (the suite loads files in name order) and
 * checks that the seeded mistakes' files were never opened: this suite opens none of them (so the quick fix
 * is tried on a node it creates without a Mini Description, not on Robustness.md; VS Code keeps a document
 * an extension opened for minutes after its editor closes). It works on nodes and topic entries it creates,
 * renames a valid node and renames it back, restores the one file it lets a command change, and its
 * `after` hook waits until VS Code holds exactly the diagnostics it found.
 *
 * No sleeps: every wait is on `vscode.languages.onDidChangeDiagnostics` (or the server's
 * `kbAuthor/waitForIdle` request) with a deadline that only turns a hang into a readable failure; see
 * `serverCaughtUp` for how a test knows that the server has seen a change on disk that alters no
 * diagnostic. Line numbers here are 0-based (VS Code positions).
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { type LanguageClient, State } from "vscode-languageclient/node";
import { codeOf, hasCode, source, waitForChange, waitForDiagnostics } from "./diagnosticWaits";
import { extensionCommands, waitForIdleMethod } from "../../../server/src/shared/protocol";
import { activateExtension, workspaceRootUri } from "./extensionUnderTest";
import { serverCaughtUp as caughtUp } from "./serverCaughtUp";

/** How long a diagnostic may take to appear or go (milliseconds once the server is warm). */

const technicalFoundations = "AI_Safety/Technical_Foundations";
const internationalCoordination = "AI_Safety/Governance_and_Policy/International_Coordination";

/** Valid nodes and topic entries, created by `before` and deleted by `after`. */
const newTopic = {
  folder: `${technicalFoundations}/New_Topic`,
  file: `${technicalFoundations}/New_Topic/New_Topic.md`,
  miniDescription: "Open questions the map does not cover yet.",
};
const missingSummary = {
  folder: `${technicalFoundations}/Missing_Summary`,
  file: `${technicalFoundations}/Missing_Summary/Missing_Summary.md`,
  description: "### Description\n\nA node written without its Mini Description.\n",
};
/** A topic entry whose frontmatter has only its title, and an empty line for the cursor (line 2). */
const topicDraft = {
  file: "wiki/authoring-draft.md",
  text: "---\ntitle: Authoring Draft\n\n---\n\nA topic entry being written.\n",
};

/** The node renamed (and renamed back), its new name, and a node that links to it. */
const renamed = {
  parent: `${internationalCoordination}/International_Coordination.md`,
  oldName: "Information_Sharing_Systems",
  newName: "Information_Exchange_Systems",
  linkedFrom: `${internationalCoordination}/Crisis_Response_Protocols/Crisis_Response_Protocols.md`,
};
const nodePath = (name: string): string => `/${internationalCoordination}/${name}/${name}.md`;

let workspaceRoot: vscode.Uri;
let client: LanguageClient;
/** The workspace's diagnostics before the suite changed anything (restored by `after`). */
let initialDiagnostics: string[];
/** Technical_Foundations.md as it was (New Child Node changes it; `after` puts it back). */
let technicalFoundationsText: string;

function fileUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot, ...relativePath.split("/"));
}

const none = (diagnostics: vscode.Diagnostic[]): boolean => diagnostics.length === 0;

/** Every diagnostic of the extension in the workspace, one sorted line each: `path: code line N`. */
function allDiagnostics(): string[] {
  return vscode.languages
    .getDiagnostics()
    .flatMap(([uri, diagnostics]) =>
      diagnostics
        .filter((diagnostic) => diagnostic.source === source)
        .map((d) => `${vscode.workspace.asRelativePath(uri)}: ${codeOf(d)} line ${d.range.start.line}`),
    )
    .sort();
}

/** Resolves once the workspace's diagnostics are exactly `expected`. */
async function waitForAllDiagnostics(expected: readonly string[], description: string): Promise<void> {
  const difference = (): string => {
    const now = allDiagnostics();
    const missing = expected.filter((line) => !now.includes(line));
    const extra = now.filter((line) => !expected.includes(line));
    return `missing: ${missing.join(", ") || "-"}; unexpected: ${extra.join(", ") || "-"}`;
  };
  await waitForChange(
    () => (JSON.stringify(allDiagnostics()) === JSON.stringify(expected) ? true : undefined),
    difference,
    description,
  );
}

/** Resolves once the server has published every pending validation. */
async function waitForServerIdle(): Promise<void> {
  await client.sendRequest(waitForIdleMethod);
}

/** See serverCaughtUp.ts. */
const serverCaughtUp = (): Promise<void> => caughtUp(client);

async function open(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fileUri(relativePath));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The position `offset` characters into the first line that is exactly `lineText`. */
function positionOf(document: vscode.TextDocument, lineText: string, offset: number): vscode.Position {
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text === lineText) return new vscode.Position(line, offset);
  }
  assert.fail(`no line \`${lineText}\` in ${vscode.workspace.asRelativePath(document.uri)}`);
}

async function writeText(relativePath: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(fileUri(relativePath), new TextEncoder().encode(text));
}

async function readText(relativePath: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri(relativePath)));
}

async function exists(relativePath: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(fileUri(relativePath));
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === "FileNotFound") return false;
    throw error;
  }
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === "string" ? item.label : item.label.label;
}

function textOf(
  value: string | vscode.MarkdownString | vscode.SnippetString | undefined,
): string | undefined {
  return typeof value === "string" || value === undefined ? value : value.value;
}

async function completions(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    "vscode.executeCompletionItemProvider",
    uri,
    position,
  );
  return list.items;
}

function pick(items: vscode.CompletionItem[], label: string): vscode.CompletionItem {
  const found = items.find((item) => labelOf(item) === label);
  assert.ok(found, `no completion ${label} among ${items.map(labelOf).join(", ")}`);
  return found;
}

/** The hover cards at a position, and their Markdown joined as the editor shows them. */
async function hoverAt(
  uri: vscode.Uri,
  position: vscode.Position,
): Promise<{ hovers: vscode.Hover[]; text: string }> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    "vscode.executeHoverProvider",
    uri,
    position,
  );
  const text = hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === "string" ? content : content.value))
    .join("\n\n");
  return { hovers, text };
}

/** Renames the node under `position` through the rename provider and applies the edit as F2 does. */
async function renameAt(
  uri: vscode.Uri,
  position: vscode.Position,
  newName: string,
): Promise<vscode.WorkspaceEdit> {
  const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>(
    "vscode.executeDocumentRenameProvider",
    uri,
    position,
    newName,
  );
  assert.ok(edit, "the rename provider returned no edit");
  // F2 applies the edit as a refactoring: VS Code saves the files it changed (files.refactoring.autoSave).
  assert.equal(await vscode.workspace.applyEdit(edit, { isRefactoring: true }), true, "applyEdit succeeded");
  return edit;
}

describe("kb-author authoring features in VS Code", () => {
  before(async () => {
    workspaceRoot = workspaceRootUri();
    client = await activateExtension();
    // A client that activate() neither started nor is starting is broken: start() would hide that.
    assert.notEqual(client.state, State.Stopped, "activate() started the language client");
    await client.start();
    await waitForServerIdle();
    initialDiagnostics = allDiagnostics();
    assert.ok(initialDiagnostics.length > 0, "the seeded mistakes are reported");
    technicalFoundationsText = await readText(`${technicalFoundations}/Technical_Foundations.md`);

    await writeText(newTopic.file, `### Mini Description\n\n${newTopic.miniDescription}\n`);
    await writeText(missingSummary.file, missingSummary.description);
    await writeText(topicDraft.file, topicDraft.text);
    // The server has seen the new files once it reports them (never opened: read from disk).
    await waitForDiagnostics(
      fileUri(`${technicalFoundations}/Technical_Foundations.md`),
      (diagnostics) => diagnostics.filter((d) => codeOf(d) === "order/unlisted-child").length === 2,
      "order/unlisted-child for New_Topic and Missing_Summary",
    );
    await waitForDiagnostics(fileUri(missingSummary.file), hasCode("section/missing"), "section/missing");
  });

  after(async () => {
    // Put the workspace back as diagnostics.e2e.ts expects to find it: no dirty editor (closing the window
    // would stop on a "save changes?" prompt), Technical_Foundations.md as it was, the created files gone.
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand("workbench.action.files.revert");
    }
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    const document = await vscode.workspace.openTextDocument(
      fileUri(`${technicalFoundations}/Technical_Foundations.md`),
    );
    if (document.getText() !== technicalFoundationsText) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), technicalFoundationsText);
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      assert.equal(await document.save(), true);
    }
    for (const created of [newTopic.folder, missingSummary.folder, `${technicalFoundations}/Safety_Cases`]) {
      if (await exists(created)) await vscode.workspace.fs.delete(fileUri(created), { recursive: true });
    }
    if (await exists(topicDraft.file)) await vscode.workspace.fs.delete(fileUri(topicDraft.file));
    await waitForAllDiagnostics(initialDiagnostics, "the diagnostics found before the suite");
  });

  describe("completion", () => {
    it("offers the child folders the Order does not list, numbered next, with their Mini Description", async () => {
      const document = await open(`${technicalFoundations}/Technical_Foundations.md`);
      // The empty line after the Order's last entry (the file ends with a line break).
      const position = new vscode.Position(document.lineCount - 1, 0);
      assert.equal(document.lineAt(position.line - 1).text, "4. Verification_and_Testing");
      assert.equal(document.lineAt(position.line).text, "");

      const items = await completions(document.uri, position);
      const children = items.filter((item) => item.kind === vscode.CompletionItemKind.Folder);
      assert.deepEqual(
        children.map(labelOf).sort(),
        ["Missing_Summary", "New_Topic"],
        "only unlisted children",
      );
      const item = pick(items, "New_Topic");
      assert.equal(item.detail, "5. New_Topic");
      assert.equal(textOf(item.insertText), "5. New_Topic");
      assert.equal(textOf(item.documentation), newTopic.miniDescription);
      const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
      assert.ok(range?.isEqual(new vscode.Range(position, position)), `range ${JSON.stringify(range)}`);
    });

    it("offers the keys of the topic schema that the frontmatter lacks, with snippets and descriptions", async () => {
      const document = await open(topicDraft.file);
      const items = await completions(document.uri, new vscode.Position(2, 0));
      const keys = items.filter((item) => item.kind === vscode.CompletionItemKind.Property).map(labelOf);
      assert.deepEqual(keys.sort(), ["$schema", "description", "importance", "llmSummary", "quality"]);
      const importance = pick(items, "importance");
      assert.equal(importance.detail, "number (0 to 100)");
      assert.ok(importance.insertText instanceof vscode.SnippetString, "a snippet");
      assert.equal(importance.insertText.value, "importance: ${1:0}");
      assert.match(textOf(importance.documentation) ?? "", /^How important the topic is/);
    });
  });

  describe("a breakdown map (examples/breakdowns)", () => {
    const breakdownNode = "breakdowns/Oversight/Approaches./Approaches.md";
    const debate = '1. Paper: "AI safety via debate"';

    it('shows a breakdown\'s card, with its paper and Explanation, on a `Paper: "Title"` entry', async () => {
      const document = await open(breakdownNode);
      const position = positionOf(document, debate, 14);
      const { text } = await hoverAt(document.uri, position);
      assert.match(text, /^\*\*AI safety via debate\*\* \(breakdown\)/);
      assert.match(
        text,
        /Paper: \[AI safety via debate\]\(https:\/\/arxiv\.org\/abs\/1805\.00899\) \(2018-05-02\)/,
      );
      assert.match(text, /Two agents argue for opposite answers/);
    });

    it("completes an Order line with an unlisted breakdown, by its paper's title", async () => {
      const document = await open(breakdownNode);
      const line = positionOf(document, debate, 0).line;
      const original = document.lineAt(line).text;
      // Unlist the breakdown in the editor (not on disk), ask at that line, then put the line back.
      const clear = new vscode.WorkspaceEdit();
      clear.replace(document.uri, document.lineAt(line).range, "");
      assert.equal(await vscode.workspace.applyEdit(clear), true);
      try {
        const items = await completions(document.uri, new vscode.Position(line, 0));
        const item = pick(items, 'Paper: "AI safety via debate"');
        assert.equal(textOf(item.insertText), '1. Paper: "AI safety via debate"');
        assert.match(textOf(item.documentation) ?? "", /Two agents argue/);
      } finally {
        const restore = new vscode.WorkspaceEdit();
        restore.replace(document.uri, document.lineAt(line).range, original);
        assert.equal(await vscode.workspace.applyEdit(restore), true);
        assert.equal(await document.save(), true);
      }
    });
  });

  describe("hover", () => {
    it("shows the child's card on an Order entry, with its Mini Description", async () => {
      const document = await open(renamed.parent);
      const position = positionOf(document, "1. Treaty_Frameworks", 8);
      const { hovers, text } = await hoverAt(document.uri, position);
      const child = await readText(`${internationalCoordination}/Treaty_Frameworks/Treaty_Frameworks.md`);
      const miniDescription = /^### Mini Description\n\n(.+)$/m.exec(child)?.[1];
      assert.ok(miniDescription, "Treaty_Frameworks.md has a Mini Description");
      assert.equal(
        text,
        `**Treaty Frameworks**\n\nAI Safety › Governance and Policy › International Coordination\n\n` +
          `${miniDescription}\n\nno children · 10 papers · no errors or warnings`,
      );
      const range = hovers.find((hover) => hover.range)?.range;
      assert.ok(
        range?.isEqual(new vscode.Range(position.line, 3, position.line, 20)),
        "over the entry's name",
      );
    });
  });

  describe("quick fix", () => {
    it("adds a node's missing Mini Description: the edit applied, the diagnostic is gone", async () => {
      const document = await open(missingSummary.file);
      const [diagnostic] = await waitForDiagnostics(
        document.uri,
        hasCode("section/missing"),
        "section/missing",
      );
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        "vscode.executeCodeActionProvider",
        document.uri,
        diagnostic.range,
      );
      const titles = actions.map((action) => action.title);
      const fix = actions.find(
        (action): action is vscode.CodeAction =>
          action.title === "Add the missing `### Mini Description` section" && "edit" in action,
      );
      assert.ok(fix?.edit, `no "add section" fix among: ${titles.join(" | ")}`);
      assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind ${fix.kind?.value}`);
      assert.equal(fix.isPreferred, true);

      assert.equal(await vscode.workspace.applyEdit(fix.edit), true, "applyEdit succeeded");
      assert.match(
        document.getText(),
        /^### Mini Description\n\n.+\n\n### Description\n\nA node written without/,
      );
      await waitForDiagnostics(document.uri, none, "no diagnostics after the fix");
      // Saved, so that the node stays valid whatever VS Code does with the document later.
      assert.equal(await document.save(), true);
    });
  });

  describe("rename", () => {
    let before: string[];

    it(`renames ${renamed.oldName} from its Order entry: folder, file, the parent's Order and links`, async () => {
      await serverCaughtUp();
      before = allDiagnostics();
      const parent = await open(renamed.parent);
      const position = positionOf(parent, `3. ${renamed.oldName}`, 6);
      const edit = await renameAt(parent.uri, position, renamed.newName);
      assert.deepEqual(
        edit
          .entries()
          .map(([uri, edits]) => `${vscode.workspace.asRelativePath(uri)}: ${edits.length}`)
          .sort(),
        // The link's text, folder and file name; the Order entry.
        [`${renamed.linkedFrom}: 3`, `${renamed.parent}: 1`],
        "text edits",
      );

      const folder = `${internationalCoordination}/${renamed.newName}`;
      assert.equal(
        await exists(`${internationalCoordination}/${renamed.oldName}`),
        false,
        "the old folder is gone",
      );
      assert.equal(
        await exists(`${folder}/${renamed.newName}.md`),
        true,
        "the renamed file is in the renamed folder",
      );
      assert.equal(await exists(`${folder}/${renamed.oldName}.md`), false, "the file is renamed too");
      const order = (await readText(renamed.parent)).split("\n").filter((line) => /^\d+\. /.test(line));
      assert.deepEqual(order, [
        "1. Treaty_Frameworks",
        "2. Standards_Harmonization",
        `3. ${renamed.newName}`,
        "4. Crisis_Response_Protocols",
        "5. Capacity_Building",
      ]);
      const linking = await readText(renamed.linkedFrom);
      assert.ok(linking.includes(`](${nodePath(renamed.newName)})`), linking);
      assert.ok(!linking.includes(renamed.oldName), "no link to the old name is left");

      // The renamed node was valid, and everything that named it follows: no diagnostic comes or goes.
      await serverCaughtUp();
      assert.deepEqual(allDiagnostics(), before);
    });

    it("renames it back from a link to it, which restores every file and diagnostic", async () => {
      assert.ok(before, "runs after the rename above");
      const linking = await open(renamed.linkedFrom);
      const line = linking
        .getText()
        .split("\n")
        .findIndex((text) => text.includes(nodePath(renamed.newName)));
      assert.notEqual(line, -1, "the link to the renamed node");
      const character = linking.lineAt(line).text.indexOf(renamed.newName) + 2;
      await renameAt(linking.uri, new vscode.Position(line, character), renamed.oldName);

      assert.equal(await exists(`${internationalCoordination}/${renamed.newName}`), false);
      assert.equal(
        await exists(`${internationalCoordination}/${renamed.oldName}/${renamed.oldName}.md`),
        true,
      );
      assert.match(await readText(renamed.parent), new RegExp(`\\n3\\. ${renamed.oldName}\\n`));
      assert.ok((await readText(renamed.linkedFrom)).includes(`](${nodePath(renamed.oldName)})`));
      await serverCaughtUp();
      assert.deepEqual(allDiagnostics(), before);
    });
  });

  describe("New Child Node", () => {
    it("creates Name/Name.md from the template, appends it to the parent's Order and opens it", async () => {
      await serverCaughtUp();
      const before = allDiagnostics();
      const parent = fileUri(`${technicalFoundations}/Technical_Foundations.md`);
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>(
        extensionCommands.newChildNode,
        parent,
        "Safety_Cases",
      );
      const file = `${technicalFoundations}/Safety_Cases/Safety_Cases.md`;
      assert.equal(created?.toString(), fileUri(file).toString(), "the command answers the new file");
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.toString(), created.toString(), "it is open");
      assert.equal(
        await readText(file),
        "### Mini Description\n\nOne paragraph that says what this node covers.\n",
        "the kind's template, on disk",
      );
      assert.equal(
        editor.document.getText(editor.selection),
        "One paragraph that says what this node covers.",
      );
      const parentText = await readText(`${technicalFoundations}/Technical_Foundations.md`);
      assert.ok(
        parentText.endsWith("\n3. Interpretability\n4. Verification_and_Testing\n5. Safety_Cases\n"),
        `the Order ends with the new entry:\n${parentText.slice(-120)}`,
      );
      // The new node is valid and listed: no diagnostic comes or goes.
      await serverCaughtUp();
      assert.deepEqual(allDiagnostics(), before);
    });
  });
  describe("formatting", () => {
    it("formats a CRLF topic to the map's conventions, LF line endings included", async () => {
      const file = "wiki/crlf-format-check.md";
      await writeText(file, "---\r\ntitle: CRLF\r\n---\r\n## Section  \r\nText.\r\n\r\n\r\n");
      try {
        const document = await vscode.workspace.openTextDocument(fileUri(file));
        assert.equal(document.eol, vscode.EndOfLine.CRLF);
        // Format Document as a user runs it: the editor applies the server's edits and the line-ending switch.
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand("editor.action.formatDocument");
        assert.equal(document.eol, vscode.EndOfLine.LF, "the line endings are switched to LF");
        assert.equal(document.getText(), "---\ntitle: CRLF\n---\n\n## Section\n\nText.\n");
        await vscode.commands.executeCommand("workbench.action.files.revert");
      } finally {
        await vscode.workspace.fs.delete(fileUri(file));
      }
    });
  });
});
