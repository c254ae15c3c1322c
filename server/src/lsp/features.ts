import type { Connection } from "vscode-languageserver";
import { type LanguageService, uriToPath } from "../core";
import { renameResult } from "./commands";

/**
 * Routes the editor-feature requests to the language service: each handler turns the URI into a core
 * path and asks the core. Non-file URIs get empty answers.
 */
export function registerFeatures(connection: Connection, service: () => LanguageService): void {
  const at = <T>(uri: string, empty: T, ask: (path: string) => T): T => {
    const path = uriToPath(uri);
    return path ? ask(path) : empty;
  };
  connection.onCompletion(({ textDocument, position }) =>
    at(textDocument.uri, null, (path) => service().getCompletions(path, position)),
  );
  connection.onHover(({ textDocument, position }) =>
    at(textDocument.uri, null, (path) => service().getHover(path, position) ?? null),
  );
  connection.onDefinition(({ textDocument, position }) =>
    at(textDocument.uri, [], (path) => service().getDefinition(path, position)),
  );
  connection.onReferences(({ textDocument, position, context }) =>
    at(textDocument.uri, [], (path) => service().getReferences(path, position, context.includeDeclaration)),
  );
  connection.onDocumentLinks(({ textDocument }) =>
    at(textDocument.uri, [], (path) => service().getDocumentLinks(path)),
  );
  connection.onDocumentSymbol(({ textDocument }) =>
    at(textDocument.uri, [], (path) => service().getDocumentSymbols(path)),
  );
  connection.onWorkspaceSymbol(({ query }) => service().getWorkspaceSymbols(query));
  connection.onCodeAction(({ textDocument, range, context }) =>
    at(textDocument.uri, [], (path) =>
      service().getCodeActions(path, range, context.diagnostics, context.only),
    ),
  );
  connection.onPrepareRename(({ textDocument, position }) =>
    at(textDocument.uri, null, (path) => service().prepareRename(path, position) ?? null),
  );
  connection.onRenameRequest(({ textDocument, position, newName }) =>
    at(textDocument.uri, null, (path) => renameResult(connection, service().rename(path, position, newName))),
  );
  connection.onDocumentFormatting(({ textDocument }) =>
    at(textDocument.uri, [], (path) => service().format(path)),
  );
}
