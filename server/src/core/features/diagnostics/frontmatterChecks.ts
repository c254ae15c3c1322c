import type { AnySchemaObject, ErrorObject } from "ajv";
import { locateInFrontmatter } from "../../document/frontmatter";
import { instancePathSegments } from "../../json/jsonPointer";
import { nearestName } from "../../names";
import type { Problem } from "../../problem";
import { describeAjvError, isReportedAt } from "../../schemas/ajvErrors";
import { schemaProblem, selectFrontmatterSchema } from "../../schemas/frontmatterSchema";
import { patternsNotAppliedMessage } from "../../schemas/schemaStore";
import type { MarkdownContext } from "../../model/markdownContext";
import { testLinear } from "../../linearRegExp";

type Data = Record<string, unknown>;

/** Frontmatter presence, YAML syntax, and the data against the file's JSON Schema. */
export function checkFrontmatter(context: MarkdownContext): Problem[] {
  const { frontmatter } = context.parsed;
  const settings = context.settings?.frontmatter;
  if (!frontmatter) {
    if (!settings?.required) return [];
    return [
      {
        code: "frontmatter/missing",
        range: context.parsed.lines.lineRange(0),
        message: "A topic entry starts with YAML frontmatter between `---` lines (title, description, ...).",
      },
    ];
  }
  if (frontmatter.problems.length > 0) {
    return frontmatter.problems.map((problem) => ({ code: "frontmatter/syntax", ...problem }));
  }
  const value = frontmatter.value ?? {};
  if (typeof value !== "object" || Array.isArray(value)) {
    return [
      {
        code: "frontmatter/invalid-value",
        range: locateInFrontmatter(frontmatter, context.parsed.lines, []).valueRange ?? frontmatter.openRange,
        message: `The frontmatter must be a mapping of keys to values, not ${Array.isArray(value) ? "a list" : "a single value"}.`,
      },
    ];
  }
  const data = value as Data;
  const schema = selectFrontmatterSchema(context, data);
  if ("problem" in schema) return [schema.problem];
  if (!schema.key) return [];
  const compiled = context.services.schemas.get(schema.key);
  if (!compiled.ok) {
    // A broken configured schema is reported once, on the configuration file.
    return schema.fromFile
      ? [schemaProblem(context, data, `The schema cannot be used: ${compiled.message}.`)]
      : [];
  }
  const { $schema: _ignored, ...checked } = data;
  const problems: Problem[] = [];
  // A configured schema's unapplied patterns are reported once, on the configuration file.
  if (schema.fromFile && compiled.patternsNotApplied.length > 0)
    problems.push(
      schemaProblem(
        context,
        data,
        patternsNotAppliedMessage(String(data.$schema), compiled.patternsNotApplied),
        "schema/pattern-not-applied",
      ),
    );
  if (!compiled.validate(checked))
    problems.push(...validationProblems(context, compiled.validate.errors ?? []));
  problems.push(...nearMissKeys(context, checked, compiled.schema, []));
  return problems;
}

function validationProblems(context: MarkdownContext, errors: ErrorObject[]): Problem[] {
  const frontmatter = context.parsed.frontmatter!;
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const error of errors.filter(isReportedAt)) {
    const path = instancePathSegments(error.instancePath);
    const place = locateInFrontmatter(frontmatter, context.parsed.lines, path);
    let problem: Problem;
    if (error.keyword === "required") {
      problem = {
        code: "frontmatter/required",
        range: path.length === 0 ? frontmatter.openRange : (place.keyRange ?? place.valueRange!),
        message: describeAjvError(error),
        data: { property: (error.params as { missingProperty: string }).missingProperty },
      };
    } else if (error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties") {
      const params = error.params as { additionalProperty?: string; unevaluatedProperty?: string };
      const key = params.additionalProperty ?? params.unevaluatedProperty ?? "";
      const keyPlace = locateInFrontmatter(frontmatter, context.parsed.lines, [...path, key]);
      // The known property it may be a typo of, for the rename quick fix (the message stays as it is).
      const present = (error.data ?? {}) as Data;
      const known = Object.keys((error.parentSchema?.properties ?? {}) as Data);
      const suggestion = nearestName(
        key,
        known.filter((name) => !(name in present)),
      );
      problem = {
        code: "frontmatter/unknown-property",
        range: keyPlace.keyRange ?? place.valueRange!,
        message: `Property \`${key}\` is not allowed here.`,
        data: suggestion ? { suggestion } : undefined,
      };
    } else {
      problem = {
        code: "frontmatter/invalid-value",
        range: place.valueRange!,
        message: describeAjvError(error),
      };
    }
    const id = `${problem.code} ${problem.range.start.line}:${problem.range.start.character}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}

/**
 * Keys an open schema allows but that nearly match a known property (`llmSumary`): almost always a
 * typo that silently drops the value, so they are reported, as warnings.
 */
function nearMissKeys(
  context: MarkdownContext,
  data: Data,
  schema: AnySchemaObject,
  path: string[],
): Problem[] {
  const properties = schema.properties as Record<string, AnySchemaObject> | undefined;
  if (!properties || schema.additionalProperties === false) return [];
  const known = Object.keys(properties);
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(data)) {
    const propertySchema = properties[key];
    if (propertySchema) {
      if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        problems.push(...nearMissKeys(context, value as Data, propertySchema, [...path, key]));
      }
      continue;
    }
    if (matchesPatternProperty(schema, key)) continue;
    const suggestion = nearestName(
      key,
      known.filter((name) => !(name in data)),
    );
    if (!suggestion) continue;
    const place = locateInFrontmatter(context.parsed.frontmatter!, context.parsed.lines, [...path, key]);
    problems.push({
      code: "frontmatter/misspelt-property",
      range: place.keyRange ?? place.valueRange!,
      message: `Unknown property \`${key}\`: did you mean \`${suggestion}\`?`,
      data: { suggestion },
    });
  }
  return problems;
}

function matchesPatternProperty(schema: AnySchemaObject, key: string): boolean {
  const patterns = schema.patternProperties as Record<string, unknown> | undefined;
  if (!patterns) return false;
  return Object.keys(patterns).some((pattern) => {
    // As ajv does with kb-author's engine: a pattern RE2 cannot compile matches every key.
    return testLinear(pattern, key) !== false;
  });
}
