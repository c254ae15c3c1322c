import type { AnySchemaObject } from "ajv";

/** The schema's type, ignoring `null` (an optional value's placeholder is the value, not null). */
export function primaryType(schema: AnySchemaObject): string | undefined {
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (type): type is string => typeof type === "string",
  );
  return types.find((type) => type !== "null") ?? types[0];
}

/**
 * A value the schema accepts, for the user to replace: its `const`, `default`, first `enum` value or
 * example, else by type (a number within the bounds, `false`, `null`). Undefined for strings, arrays
 * and objects, whose placeholders depend on where they are written.
 */
export function scalarPlaceholder(schema: AnySchemaObject): { value: unknown } | undefined {
  if ("const" in schema) return { value: schema.const };
  if ("default" in schema) return { value: schema.default };
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return { value: schema.enum[0] };
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return { value: schema.examples[0] };
  const type = primaryType(schema);
  switch (type) {
    case "number":
    case "integer": {
      const minimum =
        typeof schema.minimum === "number"
          ? schema.minimum
          : typeof schema.exclusiveMinimum === "number"
            ? schema.exclusiveMinimum + 1
            : 0;
      const value = typeof schema.maximum === "number" ? Math.min(minimum, schema.maximum) : minimum;
      return { value: type === "integer" ? Math.ceil(value) : value };
    }
    case "boolean":
      return { value: false };
    case "null":
      return { value: null };
    default:
      return undefined;
  }
}
