import { parseJsonValue } from "../json/jsonDocument";
import type { MarkdownContext } from "./markdownContext";
import type { CoreServices } from "./services";

/** A JSON file's value (comments tolerated); undefined when it cannot be read. */
export function readJson(services: CoreServices, path: string): unknown {
  const source = services.workspace.readText(path, services.configs.configFor(path).maxFileSize, false);
  return source.ok ? parseJsonValue(source.text) : undefined;
}

/** A document's frontmatter when it is a mapping; undefined for none, a list or a scalar. */
export function frontmatterData(context: MarkdownContext | undefined): Record<string, unknown> | undefined {
  const value = context?.parsed.frontmatter?.value;
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A non-blank string field of frontmatter data, trimmed; undefined otherwise. */
export function stringField(data: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = data?.[key];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}
