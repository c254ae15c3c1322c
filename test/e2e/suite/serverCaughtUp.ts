import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { waitForIdleMethod } from "../../../server/src/shared/protocol";
import { hasCode, waitForDiagnostics } from "./diagnosticWaits";
import { workspaceRootUri } from "./extensionUnderTest";

let sentinels = 0;

/**
 * Resolves once the server has handled every file event that VS Code reported before the call, and has
 * published what they changed. The client forwards file events after a delay of its own, and an edit that
 * leaves every diagnostic as it was publishes nothing, so nothing else marks that moment. File events
 * reach the server in the order they happened: a topic entry without its required title is written after
 * them, and once its diagnostic is published the earlier events have been handled; the file is deleted
 * again, and the server's queue awaited.
 */
export async function serverCaughtUp(client: LanguageClient): Promise<void> {
  const sentinel = vscode.Uri.joinPath(workspaceRootUri(), "wiki", `e2e-sentinel-${++sentinels}.md`);
  const text = "---\ndescription: Written to know when the server has caught up.\n---\n";
  await vscode.workspace.fs.writeFile(sentinel, new TextEncoder().encode(text));
  await waitForDiagnostics(sentinel, hasCode("frontmatter/required"), "the sentinel's frontmatter/required");
  await vscode.workspace.fs.delete(sentinel);
  await waitForDiagnostics(
    sentinel,
    (diagnostics) => diagnostics.length === 0,
    "the sentinel's diagnostic to go",
  );
  await client.sendRequest(waitForIdleMethod);
}
