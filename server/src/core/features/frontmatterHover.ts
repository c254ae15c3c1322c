import type { AnySchemaObject } from "ajv";
import type { Hover, Position, Range } from "vscode-languageserver-types";
import { isMap, isScalar, isSeq, type Node } from "yaml";
import type { MarkdownContext } from "../model/markdownContext";
import { frontmatterSchemaOf } from "../schemas/frontmatterSchema";
import { type DataStep, isRequiredAt, resolveRef, subschemaAt } from "../schemas/subschema";

/** The key under the cursor in the frontmatter: its path in the data (the key last) and its range. */
interface KeyAt {
  path: DataStep[];
  key: string;
  range: Range;
}

/** On a frontmatter key (nested ones too): what the file's schema says about it. */
export function frontmatterKeyHover(context: MarkdownContext, position: Position): Hover | undefined {
  const keyAt = frontmatterKeyAt(context, position);
  if (!keyAt) return undefined;
  const schema = frontmatterSchemaOf(context);
  if (!schema) return undefined;
  const parentPath = keyAt.path.slice(0, -1);
  const property = subschemaAt(schema, keyAt.path);
  const value = property
    ? describeProperty(keyAt.key, property, schema, isRequiredAt(schema, parentPath, keyAt.key))
    : `\`${keyAt.key}\`: not described by the schema${typeof schema.title === "string" ? ` _${schema.title}_` : ""}.`;
  return { contents: { kind: "markdown", value }, range: keyAt.range };
}

/** The mapping key whose text holds the position, found by walking the parsed YAML. */
function frontmatterKeyAt(context: MarkdownContext, position: Position): KeyAt | undefined {
  const { frontmatter, lines } = context.parsed;
  if (!frontmatter?.document || frontmatter.bodyStartLine === undefined) return undefined;
  if (position.line < 1 || position.line >= frontmatter.bodyStartLine - 1) return undefined;
  const offset = lines.offsetAt(position) - frontmatter.yamlStart;
  const toRange = (range: readonly [number, number, number]) =>
    lines.rangeOfOffsets(frontmatter.yamlStart + range[0], frontmatter.yamlStart + range[1]);
  const within = (node: Node | null | undefined) =>
    !!node?.range && offset >= node.range[0] && offset <= node.range[2];

  const search = (node: Node | null | undefined, path: DataStep[]): KeyAt | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key) && key.range && offset >= key.range[0] && offset <= key.range[1]) {
          const name = String(key.value);
          return { path: [...path, name], key: name, range: toRange(key.range) };
        }
        const value = pair.value as Node | null;
        // A block value's range can end where the next key starts: look on when nothing is found in it.
        const found =
          isScalar(key) && within(value) ? search(value, [...path, String(key.value)]) : undefined;
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) {
        const found = within(item as Node) ? search(item as Node, [...path, index]) : undefined;
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(frontmatter.document.contents as Node | null, []);
}

function describeProperty(
  key: string,
  schema: AnySchemaObject,
  root: AnySchemaObject,
  required: boolean,
): string {
  const title = typeof schema.title === "string" ? schema.title : undefined;
  const heading = title ? `**${title}** (\`${key}\`)` : `**\`${key}\`**`;
  const parts = [`${heading}: ${typeOf(schema, root)}${required ? ", required" : ""}`];
  const description =
    typeof schema.markdownDescription === "string"
      ? schema.markdownDescription
      : typeof schema.description === "string"
        ? schema.description
        : undefined;
  if (description) parts.push(description);
  const allowed = allowedValues(schema);
  if (allowed.length > 0) parts.push(allowed.map((line) => `- ${line}`).join("\n"));
  return parts.join("\n\n");
}

function typeOf(schema: AnySchemaObject, root: AnySchemaObject): string {
  const types = Array.isArray(schema.type)
    ? (schema.type as unknown[]).map(String)
    : typeof schema.type === "string"
      ? [schema.type]
      : [];
  const described = types.map((type) => {
    if (type !== "array" || typeof schema.items !== "object" || Array.isArray(schema.items)) return type;
    const itemTypes = typeOf(resolveRef(root, schema.items as AnySchemaObject), root);
    return itemTypes === "any value" ? "array" : `array of ${itemTypes.replace(/`/g, "")}`;
  });
  if (described.length === 0) {
    if (Array.isArray(schema.enum) || "const" in schema) return "one of the values below";
    return "any value";
  }
  return described.map((type) => `\`${type}\``).join(" or ");
}

/** The schema's constraints on the value, one line each. */
function allowedValues(schema: AnySchemaObject): string[] {
  const lines: string[] = [];
  const show = (value: unknown) => `\`${JSON.stringify(value)}\``;
  if (Array.isArray(schema.enum))
    lines.push(`Allowed values: ${(schema.enum as unknown[]).map(show).join(", ")}`);
  if ("const" in schema) lines.push(`Must be ${show(schema.const)}`);
  const bound = (label: string, low: string, high: string) => {
    const min = schema[low] as unknown;
    const max = schema[high] as unknown;
    if (typeof min === "number" && typeof max === "number") lines.push(`${label}: ${min} to ${max}`);
    else if (typeof min === "number") lines.push(`${label}: at least ${min}`);
    else if (typeof max === "number") lines.push(`${label}: at most ${max}`);
  };
  bound("Range", "minimum", "maximum");
  if (typeof schema.exclusiveMinimum === "number") lines.push(`Greater than ${schema.exclusiveMinimum}`);
  if (typeof schema.exclusiveMaximum === "number") lines.push(`Less than ${schema.exclusiveMaximum}`);
  bound("Length", "minLength", "maxLength");
  bound("Items", "minItems", "maxItems");
  if (typeof schema.pattern === "string") lines.push(`Pattern: \`${schema.pattern}\``);
  if (typeof schema.format === "string") lines.push(`Format: \`${schema.format}\``);
  if ("default" in schema) lines.push(`Default: ${show(schema.default)}`);
  if (Array.isArray(schema.examples) && schema.examples.length > 0)
    lines.push(`Examples: ${(schema.examples as unknown[]).slice(0, 5).map(show).join(", ")}`);
  return lines;
}
