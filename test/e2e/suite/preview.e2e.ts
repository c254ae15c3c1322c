/**
 * The preview panel and the map view in a real VS Code: the commands open webview tabs of the expected
 * kinds where expected, and the server's custom requests (the ones those webviews are fed from) answer a
 * map node of the sample knowledge base with its title, its child cards in their Order, and the text being
 * typed. What the webviews show is checked by the UI test (test/e2e/ui/preview.ui.ts).
 *
 * Runs after diagnostics.e2e.ts (name order) and opens none of the seeded mistakes' files. Every edit is
 * made without saving and reverted by `after`. No sleeps: tabs are awaited on `window.tabGroups.onDidChangeTabs`.
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import {
  type MapTreeResult,
  mapChildrenMethod,
  mapTreeMethod,
  type MapViewItem,
  type RenderPreviewParams,
  type RenderPreviewResult,
  renderPreviewMethod,
  waitForIdleMethod,
} from "../../../server/src/shared/protocol";
import { activateExtension, workspaceRootUri } from "./extensionUnderTest";

const tabWaitMs = 10_000;

const nodeFolder = "AI_Safety/Governance_and_Policy/International_Coordination";
const nodeFile = `${nodeFolder}/International_Coordination.md`;
/** The node's Order, as in examples/. */
const children = [
  "Treaty_Frameworks",
  "Standards_Harmonization",
  "Information_Sharing_Systems",
  "Crisis_Response_Protocols",
  "Capacity_Building",
];

let workspaceRoot: vscode.Uri;
let client: LanguageClient;

function fileUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot, ...relativePath.split("/"));
}

/** The webview view type of a tab (VS Code may prefix it, e.g. `mainThreadWebview-kbAuthor.preview`). */
function webviewTypeOf(tab: vscode.Tab): string | undefined {
  return tab.input instanceof vscode.TabInputWebview ? tab.input.viewType : undefined;
}

function describeTabs(): string {
  return vscode.window.tabGroups.all
    .map((group) => `group ${group.viewColumn}: ${group.tabs.map((tab) => tab.label).join(", ")}`)
    .join("; ");
}

/** The first tab (and its group) that is a webview of `viewType`, once there is one. */
function waitForWebviewTab(viewType: string): Promise<{ tab: vscode.Tab; group: vscode.TabGroup }> {
  const find = (): { tab: vscode.Tab; group: vscode.TabGroup } | undefined => {
    for (const group of vscode.window.tabGroups.all) {
      const tab = group.tabs.find((candidate) => webviewTypeOf(candidate)?.endsWith(viewType));
      if (tab) return { tab, group };
    }
    return undefined;
  };
  return new Promise((resolve, reject) => {
    const found = find();
    if (found) return resolve(found);
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no ${viewType} webview tab within ${tabWaitMs} ms; tabs: ${describeTabs()}`));
    }, tabWaitMs);
    const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
      const now = find();
      if (!now) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(now);
    });
  });
}

function renderPreview(uri: vscode.Uri): Promise<RenderPreviewResult> {
  return client.sendRequest<RenderPreviewResult>(renderPreviewMethod, {
    uri: uri.toString(),
    resourceRoots: [],
  } satisfies RenderPreviewParams);
}

/** The text of an HTML fragment, tags removed and whitespace collapsed (enough to find titles in it). */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

describe("kb-author preview and map in VS Code", () => {
  before(async () => {
    workspaceRoot = workspaceRootUri();
    client = await activateExtension();
    await client.start();
    await client.sendRequest(waitForIdleMethod);
  });

  after(async () => {
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand("workbench.action.files.revert");
    }
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("registers Open Preview, Open Preview to the Side and Show Map", async () => {
    const registered = await vscode.commands.getCommands(true);
    for (const command of ["kbAuthor.showPreview", "kbAuthor.showPreviewToSide", "kbAuthor.showMap"]) {
      assert.ok(registered.includes(command), `${command} is registered`);
    }
  });

  it("opens the preview of a map node beside its editor, titled after the file", async () => {
    const document = await vscode.workspace.openTextDocument(fileUri(nodeFile));
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand("kbAuthor.showPreviewToSide");
    const { tab, group } = await waitForWebviewTab("kbAuthor.preview");
    assert.notEqual(group.viewColumn, editor.viewColumn, "the preview is in another editor group");
    assert.equal(tab.label, "Preview International_Coordination.md");
    // The preview keeps the focus in the editor, which still shows the node.
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), document.uri.toString());
  });

  it("opens the map view", async () => {
    await vscode.commands.executeCommand("kbAuthor.showMap");
    const { tab } = await waitForWebviewTab("kbAuthor.map");
    assert.ok(webviewTypeOf(tab)?.endsWith("kbAuthor.map"));
  });

  it("renders a map node with its title, Mini Description and child cards in their Order", async () => {
    const result = await renderPreview(fileUri(nodeFile));
    assert.ok(result, "the server renders the node");
    assert.equal(result.kind, "map-node");
    assert.equal(result.title, "International Coordination");
    assert.match(result.html, /^<article class="kb-page"/);
    const text = textOf(result.html);
    assert.match(
      text,
      /Research on mechanisms for global cooperation in AI development/,
      "the Mini Description",
    );
    const positions = children.map((name) => text.indexOf(name.replace(/_/g, " ")));
    assert.ok(
      positions.every((position) => position >= 0),
      `every child has a card: ${JSON.stringify(positions)}`,
    );
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
      "the cards follow the Order",
    );
    const childUri = fileUri(`${nodeFolder}/Treaty_Frameworks/Treaty_Frameworks.md`).toString();
    assert.ok(
      result.html.includes(`data-kb-open="${childUri}"`),
      `a card opens ${childUri}; the page: ${result.html.slice(0, 2000)}`,
    );
  });

  it("renders the text being typed, before it is saved", async () => {
    const document = await vscode.workspace.openTextDocument(fileUri(nodeFile));
    const edit = new vscode.WorkspaceEdit();
    const line = 2; // The Mini Description's paragraph.
    assert.match(document.lineAt(line).text, /^Research on mechanisms/);
    edit.insert(document.uri, new vscode.Position(line, 0), "Freshly typed words. ");
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const result = await renderPreview(document.uri);
    assert.ok(result);
    assert.equal(result.version, document.version, "the rendering is of the edited version");
    assert.match(textOf(result.html), /Freshly typed words\. Research on mechanisms/);
  });

  it("answers the map tree down to a focus node, and a node's children in their Order", async () => {
    const tree = await client.sendRequest<MapTreeResult>(mapTreeMethod, {
      focusUri: fileUri(nodeFile).toString(),
    });
    assert.deepEqual(
      tree.roots.map((root) => root.title),
      ["AI Safety", "Oversight"],
    );
    const focusFolder = fileUri(nodeFolder).toString();
    assert.equal(tree.focusUri, focusFolder);
    const shown = tree.expanded[focusFolder];
    assert.ok(
      shown,
      `the focus node's children are expanded; expanded: ${Object.keys(tree.expanded).join(", ")}`,
    );
    assert.deepEqual(
      shown.map((item) => item.name),
      children,
    );
    const fetched = await client.sendRequest<MapViewItem[]>(mapChildrenMethod, { uri: focusFolder });
    assert.deepEqual(
      fetched.map((item) => item.name),
      children,
    );
    const treaty = fetched[0];
    assert.equal(treaty.fileUri, fileUri(`${nodeFolder}/Treaty_Frameworks/Treaty_Frameworks.md`).toString());
    assert.ok(treaty.summary && treaty.summary.length > 0, "a child carries its Mini Description");
  });

  it("answers bad requests with nothing rather than an error", async () => {
    assert.equal(await client.sendRequest(renderPreviewMethod, { uri: "untitled:Untitled-1" }), null);
    assert.equal(await client.sendRequest(renderPreviewMethod, { nothing: true }), null);
    assert.deepEqual(await client.sendRequest(mapChildrenMethod, { uri: 42 }), []);
    const tree = await client.sendRequest<MapTreeResult>(mapTreeMethod, { focusUri: ["not", "a", "uri"] });
    assert.ok(Array.isArray(tree.roots));
  });
});
