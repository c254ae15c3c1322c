import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { MarkdownContext } from "../model/markdownContext";
import type { ParsedMarkdown } from "../document/parsedDocument";
import { frontmatterData, stringField } from "../model/fileData";
import { basename, extname } from "../paths";
import { renderLines } from "./documentBody";
import type { PageBody } from "./nodePage";
import type { PageContext } from "./pageContext";
import { guarded } from "./renderError";

/**
 * A topic entry's page: a header card from its frontmatter (title, description, importance and
 * quality as badges, llmSummary), then the body. Whatever the frontmatter lacks or gets wrong is
 * simply not shown (the problems banner says why); the title falls back to the first heading.
 */
export function topicPage(context: MarkdownContext, page: PageContext): PageBody {
  const data = frontmatterData(context);
  const title = stringField(data, "title") ?? fallbackTitle(context.parsed);
  const header = h("header.kb-topic-header", { dataLine: 0 }, [
    h("h1.kb-title", title),
    ...optionalText("p.kb-description", stringField(data, "description")),
    ...badge("importance", "Importance", data?.importance),
    ...badge("quality", "Quality", data?.quality),
    ...optionalText("div.kb-summary", stringField(data, "llmSummary")),
  ]);
  return { title, content: [header, ...bodyOf(context.parsed, page)] };
}

/** A Markdown file of no kind: its body, titled by its first heading or its file name. */
export function markdownPage(parsed: ParsedMarkdown, page: PageContext): PageBody {
  const title = fallbackTitle(parsed);
  return { title, content: bodyOf(parsed, page) };
}

/** `div.kb-body`: the document after its frontmatter, rendered. */
function bodyOf(parsed: ParsedMarkdown, page: PageContext): ElementContent[] {
  const { lines, outline } = parsed;
  return [
    h(
      "div.kb-body",
      guarded("the body", () => renderLines(lines, outline.bodyStartLine, lines.lineCount, page)),
    ),
  ];
}

function fallbackTitle(parsed: ParsedMarkdown): string {
  return parsed.outline.headings[0]?.text || basename(parsed.path, extname(parsed.path));
}

function optionalText(selector: string, text: string | undefined): Element[] {
  return text === undefined ? [] : [h(selector, text)];
}

/** A badge for a number (or a short text) of the frontmatter; nothing for other values. */
function badge(name: string, label: string, value: unknown): Element[] {
  const shown =
    typeof value === "number" && Number.isFinite(value)
      ? String(value)
      : typeof value === "string" && value.trim() !== ""
        ? value.trim()
        : undefined;
  return shown === undefined ? [] : [h(`span.kb-badge.kb-badge-${name}`, `${label}: ${shown}`)];
}
