import { type MarkdownContext, markdownContext } from "../documentContext";
import { isMarkdownPath } from "../paths";
import type { FeatureServices } from "./featureServices";

/**
 * The context of another Markdown file of the workspace (open or on disk), for features that look
 * beyond the current document; undefined when it cannot be read or the configuration ignores it.
 */
export function contextOfFile(path: string, services: FeatureServices): MarkdownContext | undefined {
  if (!isMarkdownPath(path)) return undefined;
  const source = services.workspace.readText(path, services.configs.configFor(path).maxFileSize);
  return source.ok ? markdownContext(path, source.text, source.version, services) : undefined;
}
