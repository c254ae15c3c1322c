import { commands, type Disposable, window, workspace } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { workspaceTrustedMethod } from "../../server/src/shared/protocol";

const manageTrust = "Manage Workspace Trust";

/**
 * Workspace trust (Restricted Mode). The server starts untrusted when the workspace is (see
 * languageClient.ts): it ignores kb-author.jsonc files and schema files, so a cloned repository
 * cannot change the rules before the user trusts it. Here the user is told so, once per session,
 * and the server is told when trust is granted, to apply the configuration without a restart.
 */
export function registerWorkspaceTrust(client: LanguageClient): Disposable[] {
  if (workspace.isTrusted) return [];
  void window
    .showInformationMessage(
      "kb-author: this workspace is not trusted (Restricted Mode), so its kb-author.jsonc files and " +
        "custom schemas are not applied; files are checked with the built-in rules and schemas only.",
      manageTrust,
    )
    .then((choice) => {
      if (choice === manageTrust) void commands.executeCommand("workbench.trust.manage");
    });
  return [
    workspace.onDidGrantWorkspaceTrust(() => {
      // A starting client sends it once started; a stopped one refuses it, and its next start reads
      // the trust afresh (initializationOptions is evaluated at each start).
      client.sendNotification(workspaceTrustedMethod).catch(() => undefined);
    }),
  ];
}
