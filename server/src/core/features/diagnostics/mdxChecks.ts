import { readMdx } from "../../document/mdxSyntax";
import type { MarkdownContext } from "../../model/markdownContext";
import type { Problem } from "../../problem";

/**
 * An `.mdx` page as its site compiles it: mdx/syntax where the MDX compiler stops (the build fails
 * there); else mdx/unknown-component for each component neither imported nor provided by the site.
 */
export function checkMdx(context: MarkdownContext): Problem[] {
  const { parsed, config } = context;
  const reading = readMdx(parsed.lines.text, parsed.outline.bodyStartLine, config.mdx.syntax);
  if (reading.error) {
    const { line, reason } = reading.error;
    const lineText = parsed.lines.lines[line] ?? "";
    const character = Math.min(reading.error.character, lineText.length);
    return [
      {
        code: "mdx/syntax",
        range: {
          start: { line, character },
          end: { line, character: Math.max(character, lineText.length) },
        },
        message: `The page does not compile as MDX: ${reason.replace(/\.?$/, ".")}`,
      },
    ];
  }
  const provided = new Set(config.mdx.providedComponents);
  return reading.components
    .filter((component) => !reading.defined.has(component.name) && !provided.has(component.name))
    .map((component) => ({
      code: "mdx/unknown-component" as const,
      range: {
        start: { line: component.line, character: component.character },
        end: { line: component.line, character: component.character + component.name.length },
      },
      message: `\`<${component.name}>\` is not imported in this page, nor listed in \`mdx.providedComponents\` (kb-author.jsonc): unless the site provides it, the page fails to render ("Expected component \`${component.name}\` to be defined").`,
    }));
}
