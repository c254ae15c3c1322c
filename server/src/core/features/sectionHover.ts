import type { Hover, Position } from "vscode-languageserver-types";
import type { SectionRule } from "../config/configTypes";
import type { MarkdownContext } from "../model/markdownContext";
import { whyRequired } from "./diagnostics/sectionChecks";
import { sectionsOf } from "../model/locate";

const kindLabel = { "map-node": "a map node", topic: "a topic entry" } as const;

/** On a section heading: what the section is for, and whether this document must have it. */
export function sectionHover(context: MarkdownContext, position: Position): Hover | undefined {
  if (!context.kind || !context.settings) return undefined;
  const section = sectionsOf(context).find((found) => found.heading.line === position.line);
  if (!section) return undefined;
  const rules = context.settings.sections;
  let value: string;
  if (section.rule) {
    value = [
      `**${section.rule.heading}**: section of ${kindLabel[context.kind]}`,
      section.rule.description ?? "",
      presence(context, section.rule),
    ]
      .filter(Boolean)
      .join("\n\n");
  } else if (!rules.allowUnknown && rules.rules.length > 0) {
    const known = rules.rules.map((rule) => `\`${rule.heading}\``).join(", ");
    value = `Not a section of ${kindLabel[context.kind]}. Its sections, in order: ${known}.`;
  } else {
    return undefined;
  }
  return { contents: { kind: "markdown", value }, range: section.heading.range };
}

function presence(context: MarkdownContext, rule: SectionRule): string {
  const reason = whyRequired(context, rule);
  const repeat = rule.repeatable ? " It may appear more than once." : "";
  if (reason !== undefined) return `Required here${reason}.${repeat}`;
  switch (rule.presence) {
    case "required-except-on-root":
      return `Optional here: meta.json's \`coverRootDescription\` describes the map's root.${repeat}`;
    case "required-on-nodes-with-children":
      return `Optional here: required once the node has child folders.${repeat}`;
    case "usual":
      return context.nodeFolder?.isRoot &&
        context.nodeFolder.map.rootDescribedByMeta &&
        rule.heading === "Mini Description"
        ? `Optional here: meta.json's \`coverRootDescription\` describes the map's root.${repeat}`
        : `Optional here: most of this map's nodes do not have one.${repeat}`;
    case "usual-on-nodes-with-children":
      return `Optional here: without it the builder publishes the children in sorted order.${repeat}`;
    default:
      return `Optional.${repeat}`;
  }
}
