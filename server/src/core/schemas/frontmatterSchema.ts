import type { AnySchemaObject } from "ajv";
import { isMap } from "yaml";
import { locateInFrontmatter } from "../document/frontmatter";
import type { MarkdownContext } from "../model/markdownContext";
import { dirname, isAbsolutePath, joinPath } from "../paths";
import type { Problem } from "../problem";

type Data = Record<string, unknown>;

/** The schema a frontmatter follows: a SchemaStore key (none when the kind has no schema), or why it has none. */
type FrontmatterSchemaChoice = { key: string | undefined; fromFile: boolean } | { problem: Problem };

/**
 * The file's own `$schema` (relative to the file) wins over the kind's configured schema. Shared by
 * the frontmatter check and the editor features, so that both read a file by the same schema.
 */
export function selectFrontmatterSchema(context: MarkdownContext, data: Data): FrontmatterSchemaChoice {
  if (!("$schema" in data)) return { key: context.settings?.frontmatter.schema, fromFile: false };
  const reference = data.$schema;
  if (typeof reference !== "string" || reference.trim() === "") {
    return { problem: schemaProblem(context, data, "`$schema` must be the path of a JSON Schema file.") };
  }
  const { schemas, workspace, maps } = context.services;
  const builtin = schemas.builtinKeyForId(reference);
  if (builtin) return { key: builtin, fromFile: true };
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference)) {
    return {
      problem: schemaProblem(
        context,
        data,
        `The schema \`${reference}\` is refused: kb-author never fetches schemas from the network.`,
      ),
    };
  }
  const base = isAbsolutePath(reference) ? maps.repositoryRootFor(context.path) : dirname(context.path);
  const path = joinPath(base, reference);
  if (!workspace.isInWorkspace(path)) {
    return {
      problem: schemaProblem(
        context,
        data,
        `The schema \`${reference}\` is refused: it is outside the workspace.`,
      ),
    };
  }
  if (!workspace.exists(path)) {
    return { problem: schemaProblem(context, data, `The schema file \`${reference}\` does not exist.`) };
  }
  return { key: path, fromFile: true };
}

/** A `frontmatter/schema` problem (or `code`), on the `$schema` value when there is one, else on the opening `---`. */
export function schemaProblem(
  context: MarkdownContext,
  data: Data,
  message: string,
  code: "frontmatter/schema" | "schema/pattern-not-applied" = "frontmatter/schema",
): Problem {
  const frontmatter = context.parsed.frontmatter!;
  const location =
    "$schema" in data ? locateInFrontmatter(frontmatter, context.parsed.lines, ["$schema"]) : {};
  return { code, range: location.valueRange ?? frontmatter.openRange, message };
}

/**
 * The JSON Schema a document's frontmatter follows, for the editor features: chosen as the check
 * chooses it; undefined when none applies or it cannot be used (the check reports why). While the
 * YAML does not parse, its `$schema` is still read where it can be.
 */
export function frontmatterSchemaOf(context: MarkdownContext): AnySchemaObject | undefined {
  const frontmatter = context.parsed.frontmatter;
  if (!frontmatter) return undefined;
  const value = frontmatter.value;
  let data: Data = {};
  if (typeof value === "object" && value !== null && !Array.isArray(value)) data = value as Data;
  else if (value === undefined && isMap(frontmatter.document?.contents)) {
    const reference: unknown = frontmatter.document.get("$schema");
    if (reference !== undefined) data = { $schema: reference };
  }
  const choice = selectFrontmatterSchema(context, data);
  if ("problem" in choice || !choice.key) return undefined;
  const compiled = context.services.schemas.get(choice.key);
  return compiled.ok ? compiled.schema : undefined;
}
