import {
  type CompletionItem,
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  type Range,
} from "vscode-languageserver-types";
import type { MarkdownContext } from "../../model/markdownContext";
import { frontmatterSchemaOf } from "../../schemas/frontmatterSchema";
import { SchemaShapes } from "./schemaShapes";
import { describeType, SnippetWriter, valueCandidates } from "./schemaSnippets";
import { type CursorLine, sortKey } from "./text";
import { type YamlSlot, yamlSlotAt } from "./yamlCursor";

/** Whether a line is in the frontmatter block, delimiters included. */
export function isInFrontmatter(context: MarkdownContext, line: number): boolean {
  const frontmatter = context.parsed.frontmatter;
  if (!frontmatter) return false;
  return frontmatter.bodyStartLine === undefined || line < frontmatter.bodyStartLine;
}

/**
 * Completion in the frontmatter, by the file's JSON Schema (chosen as the frontmatter check chooses
 * it): the keys not yet present in the mapping at the cursor, each with a snippet for its type; the
 * values of enums, booleans and `examples` after `key: ` or `- `.
 */
export function frontmatterCompletions(context: MarkdownContext, cursor: CursorLine): CompletionItem[] {
  const { lines, frontmatter } = context.parsed;
  const schema = frontmatterSchemaOf(context);
  if (!frontmatter || !schema) return [];
  const end = frontmatter.bodyStartLine === undefined ? lines.lineCount : frontmatter.bodyStartLine - 1;
  const slot = yamlSlotAt(lines.lines, 1, end, cursor.position);
  if (!slot) return [];
  const shapes = new SchemaShapes(schema);
  const target = shapes.at(slot.path);
  if (!target) return [];
  if (slot.kind === "value") return valueItems(shapes, target, slot.range, slot.needsSpace);
  const isObject = shapes.type(target) === "object";
  if (slot.kind === "item" && !isObject) return valueItems(shapes, target, slot.range, false);
  return isObject ? keyItems(shapes, target, slot) : [];
}

function keyItems(shapes: SchemaShapes, schema: unknown, slot: YamlSlot & { kind: "key" | "item" }) {
  const required = shapes.required(schema);
  const indent = " ".repeat(slot.column);
  const items: CompletionItem[] = [];
  let index = 0;
  for (const [key, property] of shapes.properties(schema)) {
    index++;
    if (slot.present.has(key)) continue;
    const isRequired = required.has(key);
    const description = shapes.keyword(property, "description");
    items.push({
      label: key,
      kind: CompletionItemKind.Property,
      detail: (isRequired ? "required · " : "") + describeType(shapes, property),
      documentation: typeof description === "string" ? { kind: "markdown", value: description } : undefined,
      // The missing required keys first, then the schema's order; `$schema` and the like last.
      sortText: sortKey(isRequired ? 0 : key.startsWith("$") ? 2 : 1, index),
      filterText: key,
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
      textEdit: { range: slot.range, newText: new SnippetWriter(shapes).entry(key, property, indent) },
    });
  }
  return items;
}

function valueItems(shapes: SchemaShapes, schema: unknown, range: Range, needsSpace: boolean) {
  return valueCandidates(shapes, schema).map(
    (candidate, index): CompletionItem => ({
      label: candidate.text,
      kind: CompletionItemKind.Value,
      detail: candidate.isDefault ? "default" : undefined,
      sortText: sortKey(0, index),
      filterText: candidate.text,
      preselect: candidate.isDefault || undefined,
      textEdit: { range, newText: (needsSpace ? " " : "") + candidate.text },
    }),
  );
}
