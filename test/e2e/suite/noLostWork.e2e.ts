/**
 * No lost work (issue 7): what the extension edits for the user goes through the editor, next to the
 * user's own unsaved typing, and can be undone; nothing it offers writes over a file or a node.
 *
 * - a quick fix on a document with unsaved typing lands in the editor only (the file on disk is
 *   untouched), keeps the typing, and one Undo takes back exactly the fix;
 * - a rename that changes a file open with unsaved typing keeps that typing;
 * - a rename onto an existing node is refused with a message, and no file changes.
 *
 * The in-memory properties (every fix and rename changes only what it announces) are in
 * test/unit/features/fixSafety.test.ts and renameSafety.test.ts. This suite restores every file it
 * touches; the node it renames is renamed back.
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { waitForIdleMethod } from "../../../server/src/shared/protocol";
import { codeOf, hasCode, kbDiagnostics, waitForDiagnostics } from "./diagnosticWaits";
import { activateExtension, workspaceRootUri } from "./extensionUnderTest";
import { serverCaughtUp } from "./serverCaughtUp";

const coordination = "AI_Safety/Governance_and_Policy/International_Coordination";
/** A node, its parent (whose Order lists it) and a node whose Related Nodes link to it. */
const node = {
  parent: `${coordination}/International_Coordination.md`,
  name: "Information_Sharing_Systems",
  newName: "Information_Pooling_Systems",
  sibling: "Treaty_Frameworks",
  linkedFrom: `${coordination}/Crisis_Response_Protocols/Crisis_Response_Protocols.md`,
};
/** A topic entry without its required title: "Add the required property `title`" fixes it. */
const untitled = {
  file: "wiki/no-lost-work.md",
  text: "---\ndescription: A topic entry written without its title.\n---\n\nThe body.\n",
};
const typing = "\nWords typed by the user and not saved yet.\n";

let client: LanguageClient;

const fileUri = (relativePath: string): vscode.Uri =>
  vscode.Uri.joinPath(workspaceRootUri(), ...relativePath.split("/"));

async function readDisk(relativePath: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri(relativePath)));
}

async function open(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fileUri(relativePath));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Types `text` at the end of the document as the user would: an editor edit, not saved. */
async function typeAtEnd(document: vscode.TextDocument, text: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(document);
  const end = document.lineAt(document.lineCount - 1).range.end;
  assert.equal(await editor.edit((builder) => builder.insert(end, text)), true, "the typing was applied");
  assert.equal(document.isDirty, true, "the typing is unsaved");
}

/** The position of `name` in the first line of `document` that is exactly `lineText`. */
function positionIn(document: vscode.TextDocument, lineText: string, name: string): vscode.Position {
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    if (text === lineText) return new vscode.Position(line, text.indexOf(name) + 1);
  }
  assert.fail(`no line \`${lineText}\` in ${vscode.workspace.asRelativePath(document.uri)}`);
}

function rename(uri: vscode.Uri, position: vscode.Position, newName: string): Thenable<vscode.WorkspaceEdit> {
  return vscode.commands.executeCommand<vscode.WorkspaceEdit>(
    "vscode.executeDocumentRenameProvider",
    uri,
    position,
    newName,
  );
}

async function revertAllDirty(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand("workbench.action.files.revert");
  }
}

describe("kb-author loses no work in VS Code", () => {
  before(async () => {
    client = await activateExtension();
    await client.start();
    await vscode.workspace.fs.writeFile(fileUri(untitled.file), new TextEncoder().encode(untitled.text));
  });

  after(async () => {
    await revertAllDirty();
    await vscode.workspace.fs.delete(fileUri(untitled.file));
    await client.sendRequest(waitForIdleMethod);
  });

  it("applies a quick fix in the editor beside unsaved typing, never on disk, and one Undo takes it back", async () => {
    const document = await open(untitled.file);
    await typeAtEnd(document, typing);
    const typed = document.getText();
    const [missing] = await waitForDiagnostics(
      document.uri,
      hasCode("frontmatter/required"),
      "frontmatter/required for the missing title",
    ).then(() => kbDiagnostics(document.uri).filter((d) => codeOf(d) === "frontmatter/required"));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      document.uri,
      missing.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => action.title === "Add the required property `title`");
    assert.ok(fix?.edit, `the fix is offered; got: ${actions.map((action) => action.title).join(", ")}`);
    assert.deepEqual(
      fix.edit.entries().map(([uri]) => uri.toString()),
      [document.uri.toString()],
      "the fix edits this document only",
    );

    assert.equal(await vscode.workspace.applyEdit(fix.edit), true, "applyEdit succeeded");
    const frontmatter = document.getText().split("\n---\n")[0];
    assert.match(frontmatter, /^title: /m, "the title is added to the frontmatter");
    assert.equal(document.getText().replace(/^title: .*\n/m, ""), typed, "the fix adds that line only");
    assert.ok(document.getText().endsWith(typing), "the unsaved typing is still there");
    assert.equal(document.isDirty, true);
    assert.equal(await readDisk(untitled.file), untitled.text, "nothing was written to disk");

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand("undo");
    assert.equal(document.getText(), typed, "one Undo takes back the fix, and only the fix");
  });

  it("keeps the unsaved typing of a file a rename changes", async () => {
    const linking = await open(node.linkedFrom);
    await typeAtEnd(linking, typing);
    const parent = await open(node.parent);
    const entry = `3. ${node.name}`;
    const edit = await rename(parent.uri, positionIn(parent, entry, node.name), node.newName);
    assert.ok(
      edit.entries().some(([uri]) => uri.toString() === linking.uri.toString()),
      "the rename edits the file that links to the node",
    );
    // Applied as F2 applies it: a refactoring, which VS Code may save (files.refactoring.autoSave).
    assert.equal(
      await vscode.workspace.applyEdit(edit, { isRefactoring: true }),
      true,
      "applyEdit succeeded",
    );
    assert.ok(linking.getText().endsWith(typing), "the unsaved typing survives the rename");
    assert.ok(linking.getText().includes(`/${node.newName}/${node.newName}.md`), "the link follows");
    if (!linking.isDirty) assert.ok((await readDisk(node.linkedFrom)).endsWith(typing), "saved with it");

    // Put it back: rename back from the Order entry once the server has seen the folder move, and drop
    // the typing.
    await serverCaughtUp(client);
    const back = await rename(parent.uri, positionIn(parent, `3. ${node.newName}`, node.newName), node.name);
    assert.equal(await vscode.workspace.applyEdit(back, { isRefactoring: true }), true);
    const restored = linking.getText().slice(0, -typing.length);
    await vscode.window.showTextDocument(linking);
    const whole = new vscode.Range(0, 0, linking.lineCount, 0);
    await vscode.window.activeTextEditor?.edit((builder) => builder.replace(whole, restored));
    assert.equal(await linking.save(), true);
    assert.ok(!(await readDisk(node.linkedFrom)).includes(typing.trim()), "the typing is gone again");
    await serverCaughtUp(client); // the server has seen the folder move back
  });

  it("refuses to rename a node onto an existing one, with a message, and changes no file", async () => {
    const parent = await open(node.parent);
    const watched = [node.parent, node.linkedFrom, `${coordination}/${node.name}/${node.name}.md`];
    const before = await Promise.all(watched.map(readDisk));
    await assert.rejects(
      Promise.resolve(rename(parent.uri, positionIn(parent, `3. ${node.name}`, node.name), node.sibling)),
      (error: Error) => {
        assert.match(
          error.message,
          new RegExp(node.sibling),
          `the message names the node that exists: ${error.message}`,
        );
        return true;
      },
    );
    assert.equal(parent.isDirty, false, "the editor is unchanged");
    assert.deepEqual(await Promise.all(watched.map(readDisk)), before, "no file changed");
  });
});
