import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import metaSchema from "../../../../../schemas/meta.schema.json";
import papersSchema from "../../../../../schemas/papers.schema.json";
import { type JsonDocument, parseJsonDocument, rangeAtPath, schemaProblems } from "../../json/jsonDocument";
import { joinPath, dirname } from "../../paths";
import type { Problem } from "../../problem";
import type { CoreServices } from "../../documentContext";

let validators: { papers: ValidateFunction; meta: ValidateFunction } | undefined;

/** The two built-in JSON validators, compiled on first use (most runs of the server never open a papers.json). */
function builtinValidators(): { papers: ValidateFunction; meta: ValidateFunction } {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    addFormats(ajv);
    validators = { papers: ajv.compile(papersSchema), meta: ajv.compile(metaSchema) };
  }
  return validators;
}

export function checkPapers(text: string): Problem[] {
  const document = parseJsonDocument(text, false);
  if (document.syntaxProblems.length > 0) return document.syntaxProblems;
  const validate = builtinValidators().papers;
  return validate(document.value) ? [] : schemaProblems(document, validate.errors ?? [], "papers/invalid");
}

/** meta.json against its schema, plus what a schema cannot say: `rootDir` names an existing node folder with its file. */
export function checkMeta(path: string, text: string, services: CoreServices): Problem[] {
  const document = parseJsonDocument(text, false);
  if (document.syntaxProblems.length > 0) return document.syntaxProblems;
  const validate = builtinValidators().meta;
  if (!validate(document.value)) return schemaProblems(document, validate.errors ?? [], "meta/invalid");
  return rootDirProblems(path, document, services);
}

function rootDirProblems(path: string, document: JsonDocument, services: CoreServices): Problem[] {
  const rootDir = (document.value as { rootDir: string }).rootDir;
  const range = rangeAtPath(document, ["rootDir"]);
  const rootFolder = joinPath(dirname(path), rootDir);
  if (!services.workspace.isDirectory(rootFolder)) {
    return [
      {
        code: "meta/invalid",
        range,
        message: `\`rootDir\` names \`${rootDir}\`, which is not a folder beside meta.json.`,
      },
    ];
  }
  const name = rootFolder.split("/").pop()!.normalize("NFC");
  if (services.workspace.hasFile(rootFolder, name + ".md")) return [];
  return [
    { code: "node/file-name", range, message: `The root node folder \`${rootDir}\` has no \`${name}.md\`.` },
  ];
}
