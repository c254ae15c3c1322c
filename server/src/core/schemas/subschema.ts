import type { AnySchemaObject } from "ajv";
import { unescapeSegment } from "../json/jsonPointer";
import { testLinear } from "../linearRegExp";

type Schema = AnySchemaObject;

/** One step into the data: an object key, or an array index. */
export type DataStep = string | number;

/**
 * The schema that describes the value at a path of the data (`["sidebar", "order"]`, `["clusters", 0]`),
 * following local `$ref`s and looking into `allOf`/`anyOf`/`oneOf` branches; undefined when the schema
 * says nothing about it. The lookup is structural, as an editor needs it, not a validation.
 */
export function subschemaAt(root: Schema, path: readonly DataStep[]): Schema | undefined {
  let current: Schema | undefined = root;
  for (const step of path) {
    if (!current) return undefined;
    current = childSchema(root, current, step);
  }
  return current && resolveRef(root, current);
}

/** The schema of one step into a value that a schema describes, looked up as `subschemaAt` does. */
export function childSchema(root: Schema, schema: Schema, step: DataStep): Schema | undefined {
  for (const candidate of branches(root, schema)) {
    const found = typeof step === "number" ? itemSchema(candidate, step) : propertySchema(candidate, step);
    if (found) return resolveRef(root, found);
  }
  return undefined;
}

function propertySchema(schema: Schema, key: string): Schema | undefined {
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (properties && Object.prototype.hasOwnProperty.call(properties, key)) return asSchema(properties[key]);
  const patterns = schema.patternProperties as Record<string, Schema> | undefined;
  for (const [pattern, patternSchema] of Object.entries(patterns ?? {})) {
    // A pattern RE2 cannot compile (or an invalid one) describes nothing.
    if (testLinear(pattern, key) === true) return asSchema(patternSchema);
  }
  return asSchema(schema.additionalProperties);
}

function itemSchema(schema: Schema, index: number): Schema | undefined {
  const prefix = (schema.prefixItems ?? (Array.isArray(schema.items) ? schema.items : undefined)) as
    | Schema[]
    | undefined;
  if (prefix && index < prefix.length) return asSchema(prefix[index]);
  return Array.isArray(schema.items) ? asSchema(schema.additionalItems) : asSchema(schema.items);
}

/** The schema itself and the schemas of its `allOf`/`anyOf`/`oneOf` branches, refs followed. */
function branches(root: Schema, schema: Schema, depth = 0): Schema[] {
  const resolved = resolveRef(root, schema);
  const result = [resolved];
  if (depth > 8) return result;
  for (const keyword of ["allOf", "anyOf", "oneOf"]) {
    const list = resolved[keyword] as unknown;
    if (!Array.isArray(list)) continue;
    for (const branch of list) {
      const branchSchema = asSchema(branch);
      if (branchSchema) result.push(...branches(root, branchSchema, depth + 1));
    }
  }
  return result;
}

/** Follows a local `$ref` (`#/definitions/x`, `#/$defs/x`); other references are left as they are. */
export function resolveRef(root: Schema, schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; hops < 16 && typeof current.$ref === "string" && current.$ref.startsWith("#"); hops++) {
    const target = resolvePointer(root, current.$ref.slice(1));
    if (!target) break;
    // Keywords beside the `$ref` (a description, in later drafts) take precedence over the target's.
    const { $ref: _ref, ...beside } = current;
    current = { ...target, ...beside };
  }
  return current;
}

function resolvePointer(root: Schema, pointer: string): Schema | undefined {
  let current: unknown = root;
  for (const raw of pointer.split("/").slice(1)) {
    const segment = unescapeSegment(decodeURIComponent(raw));
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return asSchema(current);
}

/** The value as a schema object, when it is one (not an array, a boolean or null). */
export function asSchema(value: unknown): Schema | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Schema) : undefined;
}

/** Whether the object schema at a path lists a key as required (in itself or an `allOf` branch). */
export function isRequiredAt(root: Schema, parentPath: readonly DataStep[], key: string): boolean {
  const parent = subschemaAt(root, parentPath);
  return parent !== undefined && requiredKeys(root, parent).includes(key);
}

/** The keys an object schema requires, in order: its own `required`, then its `allOf` branches' (refs followed). */
export function requiredKeys(root: Schema, schema: Schema, depth = 0): string[] {
  const resolved = resolveRef(root, schema);
  const keys = Array.isArray(resolved.required)
    ? (resolved.required as unknown[]).filter((key): key is string => typeof key === "string")
    : [];
  if (depth <= 8 && Array.isArray(resolved.allOf)) {
    for (const branch of resolved.allOf as unknown[]) {
      const branchSchema = asSchema(branch);
      if (branchSchema) keys.push(...requiredKeys(root, branchSchema, depth + 1));
    }
  }
  return [...new Set(keys)];
}
