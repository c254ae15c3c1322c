import type { AnySchemaObject } from "ajv";
import { placeholderValue } from "../../schemas/placeholders";
import { stringify } from "yaml";
import { checkTopicTitle, type NameCheck } from "../../../shared/nodeNames";
import { dirname, joinPath } from "../../paths";
import { requiredKeys, subschemaAt } from "../../schemas/subschema";
import type { CoreServices } from "../../model/services";
import { createFileWithText, type EditOutcome, entryNames, refuse } from "../workspaceEdits";

/**
 * New Topic Entry: creates `<slug>.md` in a folder with its frontmatter scaffolded from the topic
 * schema that applies there: `title` filled in, then every other required key with a placeholder
 * for its type (its default, const or first enum value when it has one). `folder` may be a file in it.
 */
export function newTopicEntry(
  folder: string,
  title: string,
  services: CoreServices,
  today: Date = new Date(),
): EditOutcome {
  const target = topicFolder(folder, services);
  if (!target) return refuse(`${folder} is not a folder of the workspace.`);
  const check = checkTopic(target, title, services);
  if (check.error !== undefined) return refuse(check.error);
  const file = joinPath(target, check.name);
  const notes: string[] = [];
  const schemaKey = services.configs.configFor(file).kinds.topic.frontmatter.schema;
  let schema: AnySchemaObject | undefined;
  if (schemaKey !== undefined) {
    const compiled = services.schemas.get(schemaKey);
    if (compiled.ok) schema = compiled.schema;
    else
      notes.push(`The topic schema could not be read (${compiled.message}): only the title was filled in.`);
  }
  const data = scaffold(schema, title.trim(), today);
  const text = `---\n${stringify(data, { version: "1.1", lineWidth: 0 })}---\n`;
  const lineCount = text.split("\n").length - 1;
  const end = { line: lineCount, character: 0 };
  return {
    ok: true,
    edit: { documentChanges: createFileWithText(file, text) },
    notes,
    open: file,
    selection: { start: end, end },
  };
}

/** Checks a title for a new topic entry in a folder (a file name, not yet taken). */
export function checkTopic(folder: string, title: string, services: CoreServices): NameCheck {
  return checkTopicTitle(title, entryNames(services, folder));
}

/** The folder a new topic entry goes in: the folder itself, or the folder of a file. */
export function topicFolder(path: string, services: CoreServices): string | undefined {
  const { workspace } = services;
  if (!workspace.isInWorkspace(path)) return undefined;
  if (workspace.isDirectory(path)) return path;
  return workspace.exists(path) ? dirname(path) : undefined;
}

type Data = Record<string, unknown>;

/** The frontmatter of a new entry: the title, then the schema's other required keys with placeholders. */
function scaffold(schema: AnySchemaObject | undefined, title: string, today: Date): Data {
  const data: Data = { title };
  if (!schema) return data;
  // Strings and arrays are left empty: the author fills them in.
  const style = { text: () => "", fillArrays: false, today };
  for (const key of requiredKeys(schema, schema)) {
    if (key in data || key === "$schema") continue;
    data[key] = placeholderValue(schema, subschemaAt(schema, [key]), key, style);
  }
  return data;
}
