import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import metaSchema from "../../../../../schemas/meta.schema.json";
import papersSchema from "../../../../../schemas/papers.schema.json";
import breakdownPaperSchema from "../../../../../schemas/breakdown-paper.schema.json";
import { type JsonDocument, parseJsonDocument, rangeAtPath, schemaProblems } from "../../json/jsonDocument";
import { joinPath, dirname } from "../../paths";
import type { Problem } from "../../problem";
import type { CoreServices } from "../../model/services";

interface BuiltinValidators {
  papers: ValidateFunction;
  meta: ValidateFunction;
  breakdownPaper: ValidateFunction;
}

let validators: BuiltinValidators | undefined;

/** The built-in JSON validators, compiled on first use (most runs of the server never open a papers.json). */
export function builtinValidators(): BuiltinValidators {
  if (!validators) {
    // `unicode: false`: lengths in UTF-16 units instead of code points, which ajv counts by walking every
    // string (5 % of a corpus check went there, on abstracts). These schemas only say `minLength: 1`,
    // which means "not empty" either way. ajv still honours the option but warns that it is deprecated,
    // on the console, which is the CLI's stderr: `logger: false` (nothing else of these fixed schemas logs).
    // `optimize: false` skips ajv's passes over the generated code: compiling takes a third less (10 ms
    // of every check), and the validators run as fast (V8 optimises the code anyway).
    const ajv = new Ajv({
      allErrors: true,
      strict: false,
      verbose: true,
      unicode: false,
      logger: false,
      code: { optimize: false },
    });
    addFormats(ajv);
    validators = {
      papers: ajv.compile(papersSchema),
      meta: ajv.compile(metaSchema),
      breakdownPaper: ajv.compile(breakdownPaperSchema),
    };
  }
  return validators;
}

export function checkPapers(text: string): Problem[] {
  const validate = builtinValidators().papers;
  const plain = plainJsonValue(text);
  if (plain && validate(plain.value)) return [];
  const document = parseJsonDocument(text, false);
  if (document.syntaxProblems.length > 0) return document.syntaxProblems;
  return validate(document.value) ? [] : schemaProblems(document, validate.errors ?? [], "papers/invalid");
}

/** meta.json against its schema, plus what a schema cannot say: `rootDir` names an existing node folder with its file. */
export function checkMeta(path: string, text: string, services: CoreServices): Problem[] {
  const document = parseJsonDocument(text, false);
  if (document.syntaxProblems.length > 0) return document.syntaxProblems;
  const validate = builtinValidators().meta;
  // Departures from the schema are warnings; a rootDir that leads to no root node stops the build.
  const rootDir = (document.value as { rootDir?: unknown } | undefined)?.rootDir;
  const errors = validate(document.value) ? [] : (validate.errors ?? []);
  // A missing or mistyped rootDir is one cause: meta/root-dir says it, not the schema too.
  const problems = schemaProblems(
    document,
    errors.filter(
      (error) => !`${error.instancePath}/${String(error.params.missingProperty ?? "")}`.includes("rootDir"),
    ),
    "meta/invalid",
  );
  if (typeof rootDir === "string") problems.push(...rootDirProblems(path, rootDir, document, services));
  else
    problems.push({
      code: "meta/root-dir",
      range: rangeAtPath(document, []),
      message: "meta.json has no `rootDir` (the root node's folder): the map build stops.",
    });
  return problems;
}

/**
 * The value of a file that is plain, valid JSON, by the native JSON.parse: several times faster than
 * jsonc-parser's tree with offsets (a tenth of a corpus check went to it), which only a file with
 * problems needs, to place them. Undefined when JSON.parse refuses the text: the tree parse then says
 * where and why. Anything JSON.parse accepts, jsonc-parser (comments refused) accepts with the same value.
 */
function plainJsonValue(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function rootDirProblems(
  path: string,
  rootDir: string,
  document: JsonDocument,
  services: CoreServices,
): Problem[] {
  const range = rangeAtPath(document, ["rootDir"]);
  const rootFolder = joinPath(dirname(path), rootDir);
  if (!services.workspace.isDirectory(rootFolder)) {
    return [
      {
        code: "meta/root-dir",
        range,
        message: `\`rootDir\` names \`${rootDir}\`, which is not a folder beside meta.json: the map build stops.`,
      },
    ];
  }
  const name =
    services.maps.nodeFolder(rootFolder)?.fileName ?? rootFolder.split("/").pop()!.normalize("NFC") + ".md";
  if (services.workspace.hasFile(rootFolder, name)) return [];
  return [
    {
      code: "node/file-name",
      range,
      message: `The root node folder \`${rootDir}\` has no \`${name}\`: the map build stops (it finds no root node).`,
    },
  ];
}
