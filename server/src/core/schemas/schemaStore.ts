import Ajv, { type AnySchemaObject, type ValidateFunction } from "ajv";
import Ajv2019 from "ajv/dist/2019";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { decodeText } from "../document/decode";
import { dirname, isInside, joinPath } from "../paths";
import type { Workspace } from "../workspace/workspace";
import { linearRegExpEngine } from "../linearRegExp";

type CompiledSchema =
  | {
      ok: true;
      validate: ValidateFunction;
      schema: AnySchemaObject;
      /** Patterns the schema's checks leave out (RE2 cannot run them), each with why, for the user. */
      patternsNotApplied: string[];
    }
  | { ok: false; message: string };

const builtinPrefix = "builtin:";
const uriScheme = /^[a-z][a-z0-9+.-]*:/i;

/** Key under which a built-in schema is found; configuration and `$schema` name them by their `$id` too. */
export function builtinSchemaKey(name: string): string {
  return builtinPrefix + name;
}

/** What a schema's checks leave out, as a sentence: the patterns RE2 cannot run. */
export function patternsNotAppliedMessage(reference: string, patterns: readonly string[]): string {
  const which = patterns.length === 1 ? "pattern" : "patterns";
  return (
    `The schema \`${reference}\` is applied without its ${which} ${patterns.join(", ")}: kb-author runs ` +
    "patterns on a linear-time engine (RE2) that has no lookaround or backreferences, so values they " +
    "would refuse are not reported."
  );
}

/**
 * Compiles JSON Schemas once and hands out validators. Schema files come from the workspace only:
 * a `$ref` to a URL, or to a file outside the workspace, is refused, because kb-author never
 * touches the network or reads outside the folders the user opened.
 */
export class SchemaStore {
  private readonly compiled = new Map<string, CompiledSchema>();
  private readonly builtinIds = new Map<string, string>();
  /** False in an untrusted workspace: only the built-in schemas are used, no schema file is read. */
  private trusted = true;

  constructor(
    private readonly workspace: Workspace,
    private readonly builtins: Record<string, AnySchemaObject>,
  ) {
    for (const [name, schema] of Object.entries(builtins)) {
      if (typeof schema.$id === "string") this.builtinIds.set(schema.$id, builtinSchemaKey(name));
    }
    workspace.onDidChange(({ rules }) => {
      if (rules) this.invalidate();
    });
  }

  /** The built-in schema a URL names (`$schema: https://kb-author.dev/schemas/topic.schema.json`), if any. */
  builtinKeyForId(id: string): string | undefined {
    return this.builtinIds.get(id);
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    this.invalidate();
  }

  /** Forget every compiled schema: a schema file changed, and others may `$ref` it. */
  private invalidate(): void {
    this.compiled.clear();
  }

  /** A validator for a built-in key or an absolute schema path. */
  get(key: string): CompiledSchema {
    let result = this.compiled.get(key);
    if (!result) {
      result = this.compile(key);
      this.compiled.set(key, result);
    }
    return result;
  }

  private compile(key: string): CompiledSchema {
    try {
      if (!this.trusted && !key.startsWith(builtinPrefix)) {
        throw new Error("schema files are not read in an untrusted workspace (Restricted Mode)");
      }
      const collected = new Map<string, AnySchemaObject>();
      const root = key.startsWith(builtinPrefix) ? this.builtin(key) : this.loadFile(key, collected);
      const patternsNotApplied: string[] = [];
      const ajv = createAjv(root, (pattern, reason) =>
        patternsNotApplied.push(`\`${pattern}\` (${reason.replace(/^Invalid regular expression: /, "")})`),
      );
      for (const [id, schema] of collected) if (schema !== root) ajv.addSchema(schema, id);
      const validate = ajv.compile(root);
      refuseEndlessSelfReference(validate);
      return { ok: true, validate, schema: root, patternsNotApplied: [...new Set(patternsNotApplied)] };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  private builtin(key: string): AnySchemaObject {
    const schema = this.builtins[key.slice(builtinPrefix.length)];
    if (!schema) throw new Error(`There is no built-in schema \`${key.slice(builtinPrefix.length)}\``);
    return schema;
  }

  /** Reads a schema file and, recursively, the files its `$ref`s name, giving each its file URL as `$id`. */
  private loadFile(path: string, collected: Map<string, AnySchemaObject>): AnySchemaObject {
    const id = fileUrl(path);
    const known = collected.get(id);
    if (known) return known;
    if (!this.workspace.isInWorkspace(path))
      throw new Error(`\`${path}\` is outside the workspace; schemas are only read from the workspace`);
    const bytes = this.workspace.readBytes(path);
    if (!bytes) throw new Error(`The schema file \`${path}\` does not exist`);
    if ("outsideWorkspace" in bytes)
      throw new Error(
        `The schema file \`${path}\` is refused: it is a symbolic link that leads outside the workspace`,
      );
    if ("tooLarge" in bytes) throw new Error(`The schema file \`${path}\` is over 16 MiB`);
    if ("unreadable" in bytes)
      throw new Error(`The schema file \`${path}\` cannot be read (${bytes.unreadable})`);
    const decoded = decodeText(bytes);
    if (!decoded.ok) throw new Error(`The schema file \`${path}\` is not UTF-8 text`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(decoded.text.replace(/^\uFEFF/, ""));
    } catch (error) {
      throw new Error(`The schema file \`${path}\` is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new Error(`The schema file \`${path}\` does not hold a JSON Schema object`);
    }
    const schema = { ...(parsed as AnySchemaObject) };
    const ownId = typeof schema.$id === "string" ? schema.$id : undefined;
    if (!ownId) schema.$id = id;
    collected.set(ownId ?? id, schema);
    for (const ref of collectRefs(schema)) {
      const target = ref.split("#")[0];
      if (target === "" || collected.has(target) || this.builtinIds.has(target)) continue;
      if (uriScheme.test(target)) {
        throw new Error(
          `\`$ref\` to \`${ref}\` is refused: kb-author never fetches schemas from the network`,
        );
      }
      const targetPath = joinPath(dirname(path), decodeURIComponent(target));
      if (
        !this.workspace.isInWorkspace(targetPath) ||
        !isInside(targetPath, this.workspace.rootOf(path) ?? "/")
      ) {
        throw new Error(`\`$ref\` to \`${ref}\` is refused: it points outside the workspace`);
      }
      this.loadFile(targetPath, collected);
    }
    return schema;
  }
}

function createAjv(schema: AnySchemaObject, notApplied: (pattern: string, reason: string) => void): Ajv {
  const draft = typeof schema.$schema === "string" ? schema.$schema : "";
  const options = {
    allErrors: true,
    strict: false,
    verbose: true,
    validateFormats: true,
    code: { regExp: linearRegExpEngine(notApplied) },
  } as const;
  const ajv = draft.includes("2020-12")
    ? new Ajv2020(options)
    : draft.includes("2019-09")
      ? new Ajv2019(options)
      : new Ajv(options);
  addFormats(ajv);
  return ajv;
}

function fileUrl(path: string): string {
  return "file://" + encodeURI(path);
}

/** Every `$ref` string in a schema, at any depth. */
function collectRefs(value: unknown, refs: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, refs);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string") refs.push(child);
      else collectRefs(child, refs);
    }
  }
  return refs;
}

/**
 * A schema that refers to itself before looking at any data (`{"$ref": "#"}`, an `anyOf` of itself) makes
 * every validation recurse until the stack overflows. Such a schema validates nothing: it is refused
 * when compiled, by validating a few values of each type, rather than crashing each check that uses it.
 */
function refuseEndlessSelfReference(validate: ValidateFunction): void {
  for (const probe of [null, {}, [], "", 0, true]) {
    try {
      validate(probe);
    } catch (error) {
      if (error instanceof RangeError)
        throw new Error(
          "it refers to itself without end (a `$ref` to itself, directly or through anyOf, allOf or not)",
        );
      throw error;
    }
  }
}
