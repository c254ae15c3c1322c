import type { AnySchemaObject } from "ajv";
import { asSchema, childSchema, requiredKeys, resolveRef } from "./subschema";

/**
 * Placeholder values for JSON-schema types: what a quick fix, a new entry's scaffold and a completion
 * snippet write for a value the user is to replace. Every such value is made here.
 */

/** The schema's type, ignoring `null` (an optional value's placeholder is the value, not null). */
function primaryType(schema: AnySchemaObject): string | undefined {
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
function scalarPlaceholder(schema: AnySchemaObject): { value: unknown } | undefined {
  if ("const" in schema) return { value: schema.const };
  if ("default" in schema) return { value: schema.default };
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return { value: schema.enum[0] };
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return { value: schema.examples[0] };
  const type = primaryType(schema);
  switch (type) {
    case "number":
    case "integer":
      return { value: numberPlaceholder((name) => schema[name], type === "integer") };
    case "boolean":
      return { value: false };
    case "null":
      return { value: null };
    default:
      return undefined;
  }
}

/** Reads a keyword of a schema (of the schema itself, or of the parts that together describe a value). */
type KeywordReader = (name: string) => unknown;

/**
 * A number the schema accepts: the default or first example if numeric, else 0, brought within the
 * bounds (`minimum`/`maximum`, exclusive bounds as numbers or, in draft 4, as booleans).
 */
export function numberPlaceholder(keyword: KeywordReader, integer: boolean): number {
  const numeric = (value: unknown) =>
    typeof value === "number" && Number.isFinite(value) ? value : undefined;
  const examples = keyword("examples");
  const firstExample: unknown = Array.isArray(examples) ? examples[0] : undefined;
  let value = numeric(keyword("default")) ?? numeric(firstExample) ?? 0;
  const minimum = numeric(keyword("minimum"));
  const maximum = numeric(keyword("maximum"));
  // Draft 4 writes exclusive bounds as booleans beside minimum/maximum.
  const exclusiveMinimum =
    keyword("exclusiveMinimum") === true ? minimum : numeric(keyword("exclusiveMinimum"));
  const exclusiveMaximum =
    keyword("exclusiveMaximum") === true ? maximum : numeric(keyword("exclusiveMaximum"));
  let lower = exclusiveMinimum === undefined ? minimum : exclusiveMinimum + 1;
  let upper = exclusiveMaximum === undefined ? maximum : exclusiveMaximum - 1;
  if (integer && lower !== undefined) lower = Math.ceil(lower);
  if (integer && upper !== undefined) upper = Math.floor(upper);
  if (lower !== undefined && upper !== undefined && lower > upper) {
    // A narrow exclusive range such as (0, 1): its middle.
    lower = upper = ((exclusiveMinimum ?? minimum ?? 0) + (exclusiveMaximum ?? maximum ?? 0)) / 2;
  }
  if (integer) value = Math.round(value);
  if (lower !== undefined && value < lower) value = lower;
  if (upper !== undefined && value > upper) value = upper;
  return value;
}

/** A date of a string `format` (`date`, `date-time`), from today; undefined for other formats. */
function datePlaceholder(format: unknown, today: Date): string | undefined {
  const iso = today.toISOString();
  if (format === "date") return iso.slice(0, 10);
  if (format === "date-time") return iso.slice(0, 19) + "Z";
  return undefined;
}

/** How a placeholder value is written where it is used. */
interface PlaceholderStyle {
  /** A string value (not a date): also the value of a property the schema says nothing about. */
  text(schema: AnySchemaObject | undefined, name: string): string;
  /** Whether an array gets its `minItems` items (for a value that must be valid) or stays empty. */
  fillArrays: boolean;
  today: Date;
}

/**
 * A value of the schema's type, for the user to replace: a scalar the schema accepts, a date for a
 * date format, the style's text for other strings, an object with its required keys (refs and `allOf`
 * followed), an array (empty, or with its `minItems` items).
 */
export function placeholderValue(
  root: AnySchemaObject,
  schema: AnySchemaObject | undefined,
  name: string,
  style: PlaceholderStyle,
  depth = 0,
): unknown {
  if (!schema) return style.text(undefined, name);
  schema = resolveRef(root, schema);
  const scalar = scalarPlaceholder(schema);
  if (scalar) return scalar.value;
  const type = primaryType(schema) ?? (schema.properties ? "object" : schema.items ? "array" : "string");
  switch (type) {
    case "array": {
      const count = style.fillArrays && typeof schema.minItems === "number" ? schema.minItems : 0;
      const items = asSchema(schema.items);
      return Array.from({ length: count }, () => placeholderValue(root, items, name, style, depth + 1));
    }
    case "object": {
      const data: Record<string, unknown> = {};
      if (depth > 3) return data;
      for (const key of requiredKeys(root, schema))
        data[key] = placeholderValue(root, childSchema(root, schema, key), key, style, depth + 1);
      return data;
    }
    default:
      return datePlaceholder(schema.format, style.today) ?? style.text(schema, name);
  }
}
