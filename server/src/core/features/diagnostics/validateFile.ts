import type { Diagnostic } from "vscode-languageserver-types";
import type { FileKind, ResolvedConfig } from "../../config/configTypes";
import { type CoreServices } from "../../model/services";
import { markdownContext } from "../../model/markdownContext";
import { configFileNames } from "../../config/defaults";
import { findSections } from "../../document/sections";
import { basename, isMarkdownPath } from "../../paths";
import { type Problem, startOfFile } from "../../problem";
import type { SourceText } from "../../workspace/workspace";
import { checkFootnotes } from "./footnoteChecks";
import { checkMdx } from "./mdxChecks";
import { checkFrontmatter } from "./frontmatterChecks";
import { checkMeta, checkPapers } from "./jsonChecks";
import { checkDataFile } from "./dataFileChecks";
import { checkReferences } from "./referenceChecks";
import { checkLinks } from "./linkChecks";
import { checkMapFile } from "./map/mapChecks";
import { checkNode } from "./nodeChecks";
import { checkSections } from "./sectionChecks";
import { toDiagnostics } from "./severity";
import { applySuppressions } from "./suppression";

export interface FileReport {
  path: string;
  kind: FileKind | null;
  diagnostics: Diagnostic[];
  /** Resolved paths of the file's internal links: a change there revalidates this file. */
  linkTargets: string[];
}

/** The kind of a JSON file by its name, or undefined when kb-author does not check it. */
export function jsonKindOf(path: string): FileKind | undefined {
  const name = basename(path);
  if (name === "papers.json") return "papers";
  if (name === "meta.json") return "meta";
  if ((configFileNames as readonly string[]).includes(name)) return "config";
  return undefined;
}

/** Whether kb-author checks this file at all: Markdown and the knowledge base's own JSON files. */
export function isCheckedFile(path: string): boolean {
  return isMarkdownPath(path) || jsonKindOf(path) !== undefined;
}

/**
 * Whether kb-author checks a file: Markdown, the JSON files it knows, and the data files of the
 * configurations' reference registries (YAML or JSON matching their globs).
 */
export function isCheckedPath(path: string, services: CoreServices): boolean {
  return isCheckedFile(path) || isDataFilePath(path, services);
}

function isDataFilePath(path: string, services: CoreServices): boolean {
  return (
    /\.(ya?ml|json)$/i.test(path) && services.references.isDataFile(services.configs.configFor(path), path)
  );
}

/** Every check of one file, by its kind; undefined when the file does not exist (any more). */
export function validateFile(path: string, services: CoreServices): FileReport | undefined {
  const config = services.configs.configFor(path);
  if (!isCheckedFile(path) && !services.configs.isConfigFile(path))
    return validateDataFile(path, config, services);
  const jsonKind = services.configs.isConfigFile(path) ? "config" : jsonKindOf(path);
  const source = services.workspace.readText(path, config.maxFileSize, jsonKind === undefined);
  if (!source.ok && source.problem === "missing") return undefined;
  const report = (kind: FileKind | null, problems: Problem[], linkTargets: string[] = []): FileReport => ({
    path,
    kind,
    diagnostics: toDiagnostics(problems, config, path),
    linkTargets,
  });
  if (!source.ok) return report(jsonKind ?? null, [fileProblem(source, config)]);
  // The map builder reads papers.json and meta.json with Python's json.loads, which refuses a BOM.
  if ((jsonKind === "papers" || jsonKind === "meta") && services.workspace.startsWithBom(path))
    return report(jsonKind, [bomProblem()]);
  switch (jsonKind) {
    case "papers":
      return report("papers", checkPapers(source.text));
    case "meta":
      return report("meta", checkMeta(path, source.text, services));
    case "config":
      return report("config", services.configs.load(path).problems);
  }
  return validateMarkdown(path, source.text, source.version, services, report);
}

function validateMarkdown(
  path: string,
  text: string,
  version: number,
  services: CoreServices,
  reportAll: (kind: FileKind | null, problems: Problem[], linkTargets?: string[]) => FileReport,
): FileReport {
  const context = markdownContext(path, text, version, services);
  if (!context) return reportAll(null, []);
  const { kind, parsed } = context;
  // `<!-- kb-author-disable... -->` comments silence what they name.
  const report: typeof reportAll = (fileKind, found, targets) =>
    reportAll(fileKind, applySuppressions(found, parsed), targets);
  // A document past a content limit has been read no further: its one diagnostic says so.
  if (parsed.tooComplex) return report(kind, [{ code: "file/too-complex", ...parsed.tooComplex }]);
  const problems = checkNode(context);
  if (!kind) return report(null, problems);
  problems.push(...checkFrontmatter(context));
  // An unclosed frontmatter block leaves no body to check: its syntax error is the one diagnostic.
  if (parsed.frontmatter && parsed.frontmatter.bodyStartLine === undefined) return report(kind, problems);
  if (path.endsWith(".mdx")) problems.push(...checkMdx(context));
  // A map's node or breakdown file is checked as the map builder reads it; anything else by its kind's rules.
  const mapFile = checkMapFile(context);
  if (mapFile) problems.push(...mapFile.problems);
  else {
    problems.push(...checkSections(context, findSections(parsed, context.settings!.sections)));
    problems.push(...checkFootnotes(context));
  }
  problems.push(...checkReferences(context));
  const links = checkLinks(context, mapFile?.relatedLines);
  problems.push(...links.problems);
  return report(kind, problems, links.targets);
}

/** A data file of a reference registry (any other file is not checked: an empty report, nothing read). */
function validateDataFile(
  path: string,
  config: ResolvedConfig,
  services: CoreServices,
): FileReport | undefined {
  const report = (problems: Problem[]): FileReport => ({
    path,
    kind: null,
    diagnostics: toDiagnostics(problems, config, path),
    linkTargets: [],
  });
  if (!services.references.isDataFile(config, path)) return report([]);
  const source = services.workspace.readText(path, config.maxFileSize);
  if (!source.ok && source.problem === "missing") return undefined;
  if (!source.ok) return report([fileProblem(source, config)]);
  return report(checkDataFile(path, source.text, config, services));
}

/**
 * The diagnostics of a Markdown text that is not (or not yet) the file's content, such as the text a fix
 * would give: the same checks as `validateFile`, nothing cached or published.
 */
export function validateMarkdownText(
  path: string,
  text: string,
  version: number,
  services: CoreServices,
): FileReport {
  const config = services.configs.configFor(path);
  return validateMarkdown(path, text, version, services, (kind, problems, linkTargets = []) => ({
    path,
    kind,
    diagnostics: toDiagnostics(problems, config, path),
    linkTargets,
  }));
}

function bomProblem(): Problem {
  return {
    code: "json/syntax",
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    message:
      "The file starts with a byte order mark (BOM): the map builder's JSON reader refuses it and the map build stops. Save it as UTF-8 without BOM.",
  };
}

function fileProblem(
  source: Exclude<SourceText, { ok: true } | { problem: "missing" }>,
  config: ResolvedConfig,
): Problem {
  if (source.problem === "too-large") {
    return {
      code: "file/too-large",
      range: startOfFile,
      message: `The file is ${formatSize(source.size)}, over the ${formatSize(config.maxFileSize)} limit (\`maxFileSize\`); it is not checked.`,
    };
  }
  if (source.problem === "unreadable") {
    return {
      code: "file/unreadable",
      range: startOfFile,
      message: `The file cannot be read (${source.reason}); it is not checked.${source.reason.startsWith("permission denied") ? " Give it read permission." : ""}`,
    };
  }
  if (source.problem === "outside-workspace") {
    return {
      code: "file/outside-workspace",
      range: startOfFile,
      message:
        "This is a symbolic link (or lies in a linked folder) that leads outside the workspace: kb-author reads nothing outside the folders opened, so it is not checked, and what it leads to is published unchecked.",
    };
  }
  const position = source.position;
  return {
    code: "file/encoding",
    range: { start: position, end: { line: position.line, character: position.character + 1 } },
    message:
      source.problem === "binary"
        ? "This is a binary file (it holds NUL bytes), not Markdown or JSON text; it is not checked."
        : "The file is not valid UTF-8 from here on; save it as UTF-8 to have it checked.",
  };
}

/** Bytes with thousands separators: a rounded "2.0 MB" could not show why 2 MB + 1 byte is over a 2 MB limit. */
function formatSize(bytes: number): string {
  return `${bytes.toLocaleString("en-US")} bytes`;
}
