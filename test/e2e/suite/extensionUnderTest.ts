import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";

export const extensionId = "kb-author.kb-author";

/** The folder the runner opened: a copy of examples/. */
export function workspaceRootUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "the runner must open a copy of examples/ as the workspace");
  return folder.uri;
}

/** Activates the extension under test and returns what its activate() returns: the language client. */
export async function activateExtension(): Promise<LanguageClient> {
  const extension = vscode.extensions.getExtension<LanguageClient>(extensionId);
  assert.ok(
    extension,
    `extension ${extensionId} is not loaded (is extensionDevelopmentPath the repository?)`,
  );
  return extension.activate();
}
