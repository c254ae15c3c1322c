import type { AnySchemaObject } from "ajv";
import { primaryType, scalarPlaceholder } from "../../schemas/placeholders";
import { stringify } from "yaml";
import { checkTopicTitle, type NameCheck } from "../../../shared/nodeNames";
import { dirname, joinPath } from "../../paths";
import { subschemaAt } from "../../schemas/subschema";
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
export function scaffold(schema: AnySchemaObject | undefined, title: string, today: Date): Data {
  const data: Data = { title };
  if (!schema) return data;
  for (const key of requiredKeys(schema, schema)) {
    if (key in data || key === "$schema") continue;
    data[key] = placeholder(schema, subschemaAt(schema, [key]), today, 0);
  }
  return data;
}

function requiredKeys(root: AnySchemaObject, schema: AnySchemaObject): string[] {
  const keys: string[] = Array.isArray(schema.required)
    ? (schema.required as unknown[]).filter((key): key is string => typeof key === "string")
    : [];
  for (const branch of Array.isArray(schema.allOf) ? (schema.allOf as unknown[]) : []) {
    const resolved = resolveLocalRef(root, branch);
    if (resolved) keys.push(...requiredKeys(root, resolved));
  }
  return [...new Set(keys)];
}

function placeholder(
  root: AnySchemaObject,
  schema: AnySchemaObject | undefined,
  today: Date,
  depth: number,
): unknown {
  if (!schema) return "";
  const scalar = scalarPlaceholder(schema);
  if (scalar) return scalar.value;
  const type = primaryType(schema) ?? (schema.properties ? "object" : schema.items ? "array" : "string");
  switch (type) {
    case "array":
      return [];
    case "object": {
      const data: Data = {};
      if (depth >= 3) return data;
      for (const key of requiredKeys(root, schema))
        data[key] = placeholder(root, childSchema(root, schema, key), today, depth + 1);
      return data;
    }
    default:
      if (schema.format === "date") return today.toISOString().slice(0, 10);
      if (schema.format === "date-time") return today.toISOString();
      return "";
  }
}

function childSchema(
  root: AnySchemaObject,
  schema: AnySchemaObject,
  key: string,
): AnySchemaObject | undefined {
  const properties = schema.properties as Record<string, unknown> | undefined;
  return resolveLocalRef(root, properties?.[key]);
}

function resolveLocalRef(root: AnySchemaObject, value: unknown): AnySchemaObject | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const schema = value as AnySchemaObject;
  if (typeof schema.$ref !== "string" || !schema.$ref.startsWith("#/")) return schema;
  let current: unknown = root;
  for (const step of schema.$ref.slice(2).split("/")) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Data)[step.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return resolveLocalRef(root, current);
}
