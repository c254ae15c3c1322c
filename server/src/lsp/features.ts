import type { Connection } from "vscode-languageserver";
import { type LanguageService, uriToPath } from "../core";
import { renameResult } from "./commands";
import { documentUri, positionOf, rangeOf } from "./params";

/**
 * Routes the editor-feature requests to the language service: each handler checks the params it reads
 * (params.ts), turns the URI into a core path and asks the core. Non-file URIs get empty answers.
 */
export function registerFeatures(connection: Connection, service: () => LanguageService): void {
  const at = <T>(params: unknown, empty: T, ask: (path: string) => T): T => {
    const path = uriToPath(documentUri(params));
    return path ? ask(path) : empty;
  };
  connection.onCompletion((params) =>
    at(params, null, (path) => service().getCompletions(path, positionOf(params))),
  );
  connection.onHover((params) =>
    at(params, null, (path) => service().getHover(path, positionOf(params)) ?? null),
  );
  connection.onDefinition((params) =>
    at(params, [], (path) => service().getDefinition(path, positionOf(params))),
  );
  connection.onReferences((params) =>
    at(params, [], (path) =>
      service().getReferences(path, positionOf(params), params.context?.includeDeclaration !== false),
    ),
  );
  connection.onDocumentLinks((params) => at(params, [], (path) => service().getDocumentLinks(path)));
  connection.onDocumentSymbol((params) => at(params, [], (path) => service().getDocumentSymbols(path)));
  connection.onWorkspaceSymbol((params) => service().getWorkspaceSymbols(String(params?.query ?? "")));
  connection.onCodeAction((params) =>
    at(params, [], (path) => {
      const diagnostics = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [];
      return service().getCodeActions(path, rangeOf(params), diagnostics, params.context?.only);
    }),
  );
  connection.onPrepareRename((params) =>
    at(params, null, (path) => service().prepareRename(path, positionOf(params)) ?? null),
  );
  connection.onRenameRequest((params) =>
    at(params, null, (path) =>
      renameResult(connection, service().rename(path, positionOf(params), String(params.newName ?? ""))),
    ),
  );
  connection.onDocumentFormatting((params) => at(params, [], (path) => service().format(path)));
}
