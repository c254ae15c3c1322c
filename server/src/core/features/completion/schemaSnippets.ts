import { stringify } from "yaml";
import { choice, placeholder } from "./text";
import type { SchemaShapes } from "./schemaShapes";
import { numberPlaceholder } from "../../schemas/placeholders";

/** One level of frontmatter indentation in inserted text (the form real frontmatter uses). */
const indentUnit = "  ";

/**
 * A scalar as YAML text, quoted whenever a YAML 1.1 or 1.2 reader could take it for something else
 * (`"2025-01-03"`, `"yes"`, `"82"`): static-site tools still read frontmatter as YAML 1.1. Undefined
 * for values that are not scalars.
 */
function yamlScalar(value: unknown): string | undefined {
  if (value !== null && !["string", "number", "boolean"].includes(typeof value)) return undefined;
  const text = stringify(value, { version: "1.1", lineWidth: 0 }).trimEnd();
  return text.includes("\n") ? JSON.stringify(value) : text;
}

/**
 * Writes the snippet for a property, `key: value`, with tab stops numbered in order: a choice for
 * enums and booleans, a placeholder within minimum/maximum for numbers, the default or first example
 * for strings, a `- ` item for arrays and the required properties (or an empty line) for objects.
 * Lines after the first carry their full indentation (the item is inserted as is).
 */
export class SnippetWriter {
  private tabStop = 0;

  constructor(private readonly shapes: SchemaShapes) {}

  entry(key: string, schema: unknown, indent: string, depth = 0): string {
    const value = this.value(schema, indent, depth);
    return `${yamlScalar(key) ?? key}:${value.startsWith("\n") ? "" : " "}${value}`;
  }

  private value(schema: unknown, indent: string, depth: number): string {
    const { shapes } = this;
    const preferred = yamlScalar(shapes.keyword(schema, "default") ?? firstExample(shapes, schema));
    const values = shapes
      .enumValues(schema)
      ?.map(yamlScalar)
      .filter((text) => text !== undefined);
    if (values && values.length > 0) return choice(this.next(), preferredFirst(values, preferred));
    const type = shapes.type(schema);
    switch (type) {
      case "boolean":
        return choice(this.next(), preferredFirst(["true", "false"], preferred));
      case "number":
      case "integer":
        return placeholder(
          this.next(),
          String(numberPlaceholder((name) => shapes.keyword(schema, name), type === "integer")),
        );
      case "string":
        return this.stringValue(schema, preferred);
      case "array":
        return `\n${indent}${indentUnit}- ${this.item(shapes.items(schema), indent + indentUnit + "  ", depth + 1)}`;
      case "object":
        return this.objectBody(schema, indent, depth);
      default:
        return placeholder(this.next(), preferred);
    }
  }

  /** The text of an array item after its `- `; an object item's further keys line up under the first. */
  private item(schema: unknown, contentIndent: string, depth: number): string {
    if (schema !== undefined && this.shapes.type(schema) === "object") {
      const required = this.requiredProperties(schema);
      if (required.length === 0 || depth > 3) return placeholder(this.next());
      return required
        .map(([name, child]) => this.entry(name, child, contentIndent, depth + 1))
        .join(`\n${contentIndent}`);
    }
    if (schema === undefined || this.shapes.type(schema) === "array") return placeholder(this.next());
    return this.value(schema, contentIndent, depth);
  }

  private objectBody(schema: unknown, indent: string, depth: number): string {
    const inner = indent + indentUnit;
    const required = this.requiredProperties(schema);
    if (required.length === 0 || depth > 3) return `\n${inner}${placeholder(this.next())}`;
    return required.map(([name, child]) => `\n${inner}${this.entry(name, child, inner, depth + 1)}`).join("");
  }

  private stringValue(schema: unknown, preferred: string | undefined): string {
    const format = this.shapes.keyword(schema, "format");
    if (preferred !== undefined) {
      const quoted = /^"(.*)"$/.exec(preferred);
      if (quoted && !quoted[1].includes("\\")) return `"${placeholder(this.next(), quoted[1])}"`;
      return placeholder(this.next(), preferred);
    }
    // Unquoted dates are timestamps to a YAML 1.1 reader: keep them strings everywhere.
    if (format === "date") return `"${placeholder(this.next(), "YYYY-MM-DD")}"`;
    if (format === "date-time" || format === "time") return `"${placeholder(this.next())}"`;
    return placeholder(this.next());
  }

  private requiredProperties(schema: unknown): [string, unknown][] {
    const properties = this.shapes.properties(schema);
    return [...this.shapes.required(schema)]
      .filter((name) => properties.has(name))
      .map((name) => [name, properties.get(name)]);
  }

  private next(): number {
    return ++this.tabStop;
  }
}

/** A value completion after `key: ` or `- `: the allowed values, booleans, examples and the default. */
interface ValueCandidate {
  text: string;
  isDefault: boolean;
}

export function valueCandidates(shapes: SchemaShapes, schema: unknown): ValueCandidate[] {
  const defaultText = yamlScalar(shapes.keyword(schema, "default"));
  const values: unknown[] = [...(shapes.enumValues(schema) ?? [])];
  if (values.length === 0 && shapes.type(schema) === "boolean") values.push(true, false);
  const examples = shapes.keyword(schema, "examples");
  if (Array.isArray(examples)) values.push(...examples);
  const candidates: ValueCandidate[] = [];
  for (const value of [...values, shapes.keyword(schema, "default")]) {
    const text = yamlScalar(value);
    if (text === undefined || value === undefined || candidates.some((known) => known.text === text))
      continue;
    candidates.push({ text, isDefault: text === defaultText });
  }
  return candidates;
}

/** A short summary of what a property takes, for a completion's detail line. */
export function describeType(shapes: SchemaShapes, schema: unknown): string {
  const values = shapes
    .enumValues(schema)
    ?.map(yamlScalar)
    .filter((text) => text !== undefined);
  if (values && values.length > 0) {
    const list = values.join(" | ");
    return list.length > 60 ? list.slice(0, 57) + "..." : list;
  }
  const type = shapes.type(schema) ?? "any";
  const minimum = shapes.keyword(schema, "minimum");
  const maximum = shapes.keyword(schema, "maximum");
  if (typeof minimum === "number" && typeof maximum === "number") return `${type} (${minimum} to ${maximum})`;
  if (typeof minimum === "number") return `${type} (at least ${minimum})`;
  if (typeof maximum === "number") return `${type} (at most ${maximum})`;
  const format = shapes.keyword(schema, "format");
  return typeof format === "string" ? `${type} (${format})` : type;
}

function firstExample(shapes: SchemaShapes, schema: unknown): unknown {
  const examples = shapes.keyword(schema, "examples");
  return Array.isArray(examples) ? examples[0] : undefined;
}

function preferredFirst(values: string[], preferred: string | undefined): string[] {
  return preferred !== undefined && values.includes(preferred)
    ? [preferred, ...values.filter((value) => value !== preferred)]
    : values;
}
