import type { Location, Position } from "vscode-languageserver-types";
import type { MarkdownContext } from "../model/markdownContext";
import { type CoreServices } from "../model/services";
import { pathToUri } from "../model/uris";
import { targetAt } from "../model/linkTargets";
import { footnoteDefinitionAt } from "../model/locate";
import { referenceDefinitions } from "./referenceFeatures";

const startOfFile = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Go to definition on an Order entry or a link: the node's (or file's) location; on a footnote, its definition. */
export function provideDefinition(
  context: MarkdownContext,
  position: Position,
  services: CoreServices,
): Location[] {
  const reference = referenceDefinitions(context, position);
  if (reference) return reference;
  const footnote = footnoteDefinitionAt(context, position);
  if (footnote) return [{ uri: pathToUri(context.path), range: footnote.range }];
  const target = targetAt(context, position, services)?.target;
  return target ? [{ uri: pathToUri(target.path), range: startOfFile }] : [];
}
