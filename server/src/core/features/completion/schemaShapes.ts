import type { AnySchemaObject } from "ajv";
import { asSchema, requiredKeys, resolveRef, subschemaAt } from "../../schemas/subschema";

type Schema = AnySchemaObject;

/**
 * Reading a JSON Schema the way completion needs it: local `$ref`s followed, `allOf` merged, and the
 * branches of `anyOf`/`oneOf` pooled, so that a property's type, values and children can be told.
 * Remote `$ref`s (another file) are not followed: the schema store compiles them, completion does not.
 */
export class SchemaShapes {
  constructor(private readonly root: Schema) {}

  /** The schema with its local `$ref` chain followed. */
  resolve(schema: unknown): Schema | undefined {
    const found = asSchema(schema);
    return found && resolveRef(this.root, found);
  }

  /** The subschemas that together describe a value: the schema, its `allOf` parts and `anyOf`/`oneOf` branches. */
  parts(schema: unknown, depth = 0): Schema[] {
    const resolved = this.resolve(schema);
    if (!resolved) return [];
    const parts = [resolved];
    if (depth > 8) return parts;
    for (const keyword of ["allOf", "anyOf", "oneOf"]) {
      const list: unknown = resolved[keyword];
      if (Array.isArray(list)) for (const part of list) parts.push(...this.parts(part, depth + 1));
    }
    return parts;
  }

  /** The named properties of an object schema, in the schema's order. */
  properties(schema: unknown): Map<string, Schema> {
    const properties = new Map<string, Schema>();
    for (const part of this.parts(schema)) {
      const own = asSchema(part.properties);
      if (!own) continue;
      for (const [name, value] of Object.entries(own)) if (!properties.has(name)) properties.set(name, value);
    }
    return properties;
  }

  /** The keys the object schema requires (in itself or its `allOf` parts). */
  required(schema: unknown): Set<string> {
    const resolved = this.resolve(schema);
    return new Set(resolved ? requiredKeys(this.root, resolved) : []);
  }

  /** The schema of an array's (first) items. */
  items(schema: unknown): Schema | undefined {
    for (const part of this.parts(schema)) {
      const items: unknown = Array.isArray(part.items)
        ? part.items[0]
        : (part.prefixItems?.[0] ?? part.items);
      const resolved = this.resolve(items);
      if (resolved) return resolved;
    }
    return undefined;
  }

  /** The schema at a path of keys and item indices (`["ratings"]`, `["clusters", 0]`). */
  at(path: readonly (string | number)[]): Schema | undefined {
    return subschemaAt(this.root, path);
  }

  /** The value's main type: the declared one (the first that is not `null`), else inferred from keywords. */
  type(schema: unknown): string | undefined {
    for (const part of this.parts(schema)) {
      const declared: unknown = part.type;
      const types = Array.isArray(declared) ? declared : [declared];
      const type = types.find((candidate) => typeof candidate === "string" && candidate !== "null");
      if (typeof type === "string") return type;
    }
    const values = this.enumValues(schema);
    if (values && values.length > 0) return jsonType(values[0]);
    if (this.properties(schema).size > 0) return "object";
    return undefined;
  }

  /** The allowed values when the schema lists them (`enum`, `const`, or branches of those). */
  enumValues(schema: unknown): unknown[] | undefined {
    let values: unknown[] | undefined;
    for (const part of this.parts(schema)) {
      const own: unknown[] | undefined = Array.isArray(part.enum)
        ? part.enum
        : "const" in part
          ? [part.const]
          : undefined;
      if (own) values = [...(values ?? []), ...own.filter((value) => !values?.includes(value))];
    }
    return values;
  }

  /** The first value of a keyword found on the schema or its parts (`description`, `default`, ...). */
  keyword(schema: unknown, name: string): unknown {
    for (const part of this.parts(schema)) if (part[name] !== undefined) return part[name];
    return undefined;
  }
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}
