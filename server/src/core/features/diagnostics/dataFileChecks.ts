import type { ErrorObject } from "ajv";
import { type Document, isMap, isSeq, type Node } from "yaml";
import type { DataFileDefinitions, ResolvedConfig } from "../../config/configTypes";
import { matchesGlobs } from "../../config/globs";
import { LineIndex } from "../../document/lineIndex";
import { parseYamlWithinLimits } from "../../document/yamlNesting";
import { instancePathSegments } from "../../json/jsonPointer";
import { plainItem } from "../../model/referenceIndex";
import type { CoreServices } from "../../model/services";
import type { Problem } from "../../problem";
import { duplicateIdProblems } from "./referenceChecks";
import { describeAjvError, isReportedAt } from "../../schemas/ajvErrors";

/**
 * A data file of the configuration's reference registries: valid YAML (or JSON), each item as the
 * registry's schema describes it, and no id that the registry defines elsewhere too.
 */
export function checkDataFile(
  path: string,
  text: string,
  config: ResolvedConfig,
  services: CoreServices,
): Problem[] {
  const lines = new LineIndex(text);
  const read = parseYamlWithinLimits(text, { uniqueKeys: false, prettyErrors: true });
  if ("unreadable" in read) {
    const { offset, reason } = read.unreadable;
    return [
      {
        code: "data/syntax",
        range: lines.rangeOfOffsets(offset, offset + 1),
        message: `The file ${reason}: it is not read, and its ids are not either.`,
      },
    ];
  }
  const { document } = read;
  const syntax = document.errors[0];
  if (syntax) {
    const [start, end] = syntax.pos;
    return [
      {
        code: "data/syntax",
        range: lines.rangeOfOffsets(start, Math.max(start, end)),
        message: `Invalid ${/\.json$/i.test(path) ? "JSON" : "YAML"}: ${syntax.message.split(/ at line \d+|\n/)[0].replace(/\.$/, "")}. Its ids are not read.`,
      },
    ];
  }
  const problems: Problem[] = [];
  for (const registry of config.references) {
    const specs = registry.dataFiles.filter((spec) => matchesGlobs(spec.files, config.baseDir ?? "", path));
    if (specs.length === 0) continue;
    for (const spec of specs)
      if (spec.schema) problems.push(...schemaProblems(document, lines, spec, services));
    problems.push(...duplicateIdProblems(path, registry, services.references.idsOf(config, registry)));
  }
  return problems;
}

/** Every item that its schema refuses, reported where ajv says (the item, or the property inside it). */
function schemaProblems(
  document: Document,
  lines: LineIndex,
  spec: DataFileDefinitions,
  services: CoreServices,
): Problem[] {
  const compiled = services.schemas.get(spec.schema!);
  if (!compiled.ok) return [];
  const container = spec.items.length === 0 ? document.contents : document.getIn(spec.items, true);
  const items: Node[] = isSeq(container)
    ? (container.items as Node[])
    : isMap(container)
      ? container.items.map((pair) => pair.value as Node)
      : [];
  const problems: Problem[] = [];
  for (const item of items) {
    if (!item?.range) continue;
    const value = plainItem(item, document);
    if (compiled.validate(value)) continue;
    for (const error of (compiled.validate.errors ?? []).filter(isReportedAt))
      problems.push({
        code: "data/schema",
        range: rangeIn(lines, item, error),
        message: describeAjvError(error),
      });
  }
  return problems;
}

/** Where an error lies: the property it names inside the item, else the item. */
function rangeIn(lines: LineIndex, item: Node, error: ErrorObject) {
  const path = instancePathSegments(error.instancePath);
  let node: unknown = item;
  for (const segment of path) {
    const inner =
      isMap(node) || isSeq(node) ? node.get(isSeq(node) ? Number(segment) : segment, true) : undefined;
    if (!inner || !(inner as Node).range) break;
    node = inner;
  }
  const [start, end] = (node as Node).range!;
  // A block item's range runs over its last line break: end the diagnostic on its own last line.
  let last = end;
  while (last > start && /\s/.test(lines.text[last - 1])) last--;
  return lines.rangeOfOffsets(start, last);
}
