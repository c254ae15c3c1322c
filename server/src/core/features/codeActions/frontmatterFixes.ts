import type { AnySchemaObject, ErrorObject, ValidateFunction } from "ajv";
import type { Diagnostic } from "vscode-languageserver-types";
import { isMap, isPair, isScalar, isSeq, type Node, stringify } from "yaml";
import { type Frontmatter, locateInFrontmatter } from "../../document/frontmatter";
import { instancePathSegments, pointerOf } from "../../json/jsonPointer";
import { basename, extname } from "../../paths";
import { placeholderValue } from "../../schemas/placeholders";
import { selectFrontmatterSchema } from "../../schemas/frontmatterSchema";
import { resolveRef, subschemaAt } from "../../schemas/subschema";
import { dataString, editableLines, type Fix, type FixContext, fixFromText } from "./fixTypes";

type Data = Record<string, unknown>;

interface FrontmatterSchema {
  frontmatter: Frontmatter;
  /** The data as the schema checks it (without `$schema`). */
  data: Data;
  root: AnySchemaObject;
  validate: ValidateFunction;
}

/** The frontmatter's data and the compiled schema it is checked against, when both are usable. */
function frontmatterSchema(fix: FixContext): FrontmatterSchema | undefined {
  const frontmatter = fix.context.parsed.frontmatter;
  const value = frontmatter?.value;
  if (!frontmatter || frontmatter.problems.length > 0) return undefined;
  const data = (value ?? {}) as Data;
  if (typeof data !== "object" || Array.isArray(data)) return undefined;
  const choice = selectFrontmatterSchema(fix.context, data);
  if ("problem" in choice || !choice.key) return undefined;
  const compiled = fix.services.schemas.get(choice.key);
  if (!compiled.ok) return undefined;
  const { $schema: _ignored, ...checked } = data;
  return { frontmatter, data: checked, root: compiled.schema, validate: compiled.validate };
}

/** Whether the data, changed, has no schema error at or below a path (it is valid there). */
function validAt(schema: FrontmatterSchema, data: Data, path: string[]): boolean {
  if (schema.validate(data)) return true;
  const pointer = pointerOf(path);
  return !(schema.validate.errors ?? []).some(
    (error) =>
      error.instancePath === pointer ||
      error.instancePath.startsWith(pointer + "/") ||
      (error.keyword === "required" &&
        error.instancePath === pointer.slice(0, pointer.lastIndexOf("/")) &&
        (error.params as { missingProperty?: string }).missingProperty === path[path.length - 1]),
  );
}

/** frontmatter/unknown-property with a near miss: the key renamed, when its value suits the property. */
export function renameUnknownKey(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const suggestion = dataString(diagnostic, "suggestion");
  const schema = frontmatterSchema(fix);
  if (suggestion === undefined || !schema) return [];
  const { lines: index } = fix.context.parsed;
  const found = keyAt(schema.frontmatter, index.offsetAt(diagnostic.range.start));
  if (!found) return [];
  const parent = valueAt(schema.data, found.parentPath);
  if (!isObject(parent) || suggestion in parent || !(found.key in parent)) return [];
  const renamed = structuredClone(schema.data);
  const target = valueAt(renamed, found.parentPath) as Data;
  target[suggestion] = target[found.key];
  delete target[found.key];
  if (!validAt(schema, renamed, [...found.parentPath, suggestion])) return [];
  const { start, end } = found.range;
  const written = index.text.slice(start, end);
  const quote = /^["']/.test(written) ? written[0] : "";
  const lines = editableLines(fix);
  const position = index.positionAt(start);
  const endPosition = index.positionAt(end);
  if (position.line !== endPosition.line) return [];
  const text = lines.lines[position.line];
  lines.replace(
    position.line,
    text.slice(0, position.character) + quote + suggestion + quote + text.slice(endPosition.character),
  );
  return fixFromText(`Rename to \`${suggestion}\``, lines, true);
}

/** frontmatter/required: the key added at the end of its mapping with a placeholder the schema accepts. */
export function addRequiredKey(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const property = dataString(diagnostic, "property");
  const schema = frontmatterSchema(fix);
  if (property === undefined || !schema) return [];
  schema.validate(schema.data);
  const error = (schema.validate.errors ?? []).find(
    (candidate) =>
      candidate.keyword === "required" &&
      (candidate.params as { missingProperty?: string }).missingProperty === property &&
      samePosition(reportedAt(fix, schema, candidate), diagnostic.range.start),
  );
  if (!error) return [];
  const path = instancePathSegments(error.instancePath);
  const propertySchema = schemaOfProperty(schema, error, path, property);
  const value = placeholder(fix, schema.root, propertySchema, property);
  const changed = structuredClone(schema.data);
  const parent = valueAt(changed, path);
  if (!isObject(parent)) return [];
  parent[property] = value;
  if (!validAt(schema, changed, [...path, property])) return [];
  const place = insertionPlace(fix, schema.frontmatter, path);
  if (!place) return [];
  const yamlLines = stringify({ [property]: value }, { lineWidth: 0 })
    .replace(/\n$/, "")
    .split("\n");
  const lines = editableLines(fix);
  lines.insert(
    place.line,
    yamlLines.map((line) => place.indent + line),
  );
  return fixFromText(`Add the required property \`${property}\``, lines, true);
}

function reportedAt(fix: FixContext, schema: FrontmatterSchema, error: ErrorObject) {
  const path = instancePathSegments(error.instancePath);
  if (path.length === 0) return schema.frontmatter.openRange.start;
  const place = locateInFrontmatter(schema.frontmatter, fix.context.parsed.lines, path);
  return (place.keyRange ?? place.valueRange)?.start;
}

function samePosition(
  a: { line: number; character: number } | undefined,
  b: { line: number; character: number },
): boolean {
  return a !== undefined && a.line === b.line && a.character === b.character;
}

function schemaOfProperty(
  schema: FrontmatterSchema,
  error: ErrorObject,
  path: string[],
  property: string,
): AnySchemaObject | undefined {
  const parentSchema = error.parentSchema;
  const properties = parentSchema?.properties as Record<string, AnySchemaObject> | undefined;
  const own = properties?.[property];
  if (own && typeof own === "object") return resolveRef(schema.root, own);
  return subschemaAt(schema.root, [...path, property]);
}

/** A value of the property's type that its schema accepts, for the user to replace. */
function placeholder(
  fix: FixContext,
  root: AnySchemaObject,
  schema: AnySchemaObject | undefined,
  name: string,
) {
  return placeholderValue(root, schema, name, {
    text: (stringSchema, key) => stringPlaceholder(fix, stringSchema, key),
    fillArrays: true,
    today: new Date(),
  });
}

/** A string the schema accepts: an example address for a URI or e-mail, else the title or `TODO`, within its lengths. */
function stringPlaceholder(fix: FixContext, schema: AnySchemaObject | undefined, name: string): string {
  switch (schema?.format) {
    case "uri":
    case "url":
      return "https://example.com/";
    case "email":
      return "name@example.com";
  }
  let value = name === "title" ? titleFor(fix) : "TODO";
  if (typeof schema?.minLength === "number") value = value.padEnd(schema.minLength, ".");
  if (typeof schema?.maxLength === "number") value = value.slice(0, schema.maxLength);
  return value;
}

/** A title for the page: its first `#` heading, else its file name in words. */
function titleFor(fix: FixContext): string {
  const heading = fix.context.parsed.outline.headings.find((candidate) => candidate.level === 1);
  if (heading?.text) return heading.text;
  const name = basename(fix.context.path, extname(fix.context.path)).replace(/[-_]+/g, " ").trim();
  return name ? name[0].toUpperCase() + name.slice(1) : "TODO";
}

/** Where a new key of the mapping at a path goes: after its last line, at its keys' indentation. */
function insertionPlace(
  fix: FixContext,
  frontmatter: Frontmatter,
  path: string[],
): { line: number; indent: string } | undefined {
  const closeLine = (frontmatter.bodyStartLine ?? 0) - 1;
  const contents = frontmatter.document?.contents as Node | null | undefined;
  if (path.length === 0) {
    if (contents && !(isMap(contents) && !contents.flow)) return undefined;
    return closeLine > 0 ? { line: closeLine, indent: "" } : undefined;
  }
  let node: Node | null | undefined = contents;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === step);
      node = pair?.value as Node | null | undefined;
    } else if (isSeq(node)) node = node.items[Number(step)] as Node | undefined;
    else return undefined;
  }
  if (!isMap(node) || node.flow || node.items.length === 0 || !node.range) return undefined;
  const { lines } = fix.context.parsed;
  const firstKey = node.items[0].key as Node | null;
  if (!firstKey?.range) return undefined;
  const keyStart = lines.positionAt(frontmatter.yamlStart + firstKey.range[0]);
  let end = frontmatter.yamlStart + node.range[1];
  while (end > 0 && /\s/.test(lines.text[end - 1])) end--;
  const lastLine = lines.positionAt(end).line;
  if (lastLine >= closeLine) return undefined;
  return { line: lastLine + 1, indent: " ".repeat(keyStart.character) };
}

/** The key whose text starts at an offset of the document, with the path of the mapping that holds it. */
function keyAt(
  frontmatter: Frontmatter,
  offset: number,
): { key: string; parentPath: string[]; range: { start: number; end: number } } | undefined {
  const walk = (node: unknown, path: string[]): ReturnType<typeof keyAt> => {
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item) || !isScalar(item.key) || !item.key.range) continue;
        const key = String(item.key.value);
        const [start, end] = item.key.range;
        if (frontmatter.yamlStart + start === offset) {
          return {
            key,
            parentPath: path,
            range: { start: frontmatter.yamlStart + start, end: frontmatter.yamlStart + end },
          };
        }
        const inner = walk(item.value, [...path, key]);
        if (inner) return inner;
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) {
        const inner = walk(item, [...path, String(i)]);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  return walk(frontmatter.document?.contents, []);
}

function valueAt(data: unknown, path: string[]): unknown {
  let current = data;
  for (const step of path) {
    if (Array.isArray(current)) current = current[Number(step)];
    else if (isObject(current)) current = current[step];
    else return undefined;
  }
  return current;
}

function isObject(value: unknown): value is Data {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
