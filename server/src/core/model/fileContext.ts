import { type MarkdownContext, markdownContext } from "./markdownContext";
import { isMarkdownPath } from "../paths";
import type { CoreServices } from "./services";

/**
 * The context of another Markdown file of the workspace (open or on disk), for the features and
 * renderers that look beyond the current document; undefined when it cannot be read or the configuration ignores it.
 */
export function contextOfFile(path: string, services: CoreServices): MarkdownContext | undefined {
  if (!isMarkdownPath(path)) return undefined;
  const source = services.workspace.readText(path, services.configs.configFor(path).maxFileSize);
  return source.ok ? markdownContext(path, source.text, source.version, services) : undefined;
}
