import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import type { Construct, Extension } from "micromark-util-types";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import type { Data, Processor } from "unified";

/**
 * GFM's autolink literals (`www.x.org`, `https://x.org`, `a@b.org`) made a parse about 7 times slower:
 * micromark tries an e-mail address at every word (fuzz: a 40 KB paragraph of words took 33 ms, 5 ms
 * without them), and a transform then searches every text of the tree again. Every literal holds `@`,
 * `www` or `http`: a text holding none of them parses to the same tree without them. Almost no file of
 * a knowledge base holds one (one in the corpus's 5,799).
 */
export function mayHoldAutolinkLiteral(text: string): boolean {
  return /@|www|http/i.test(text);
}

// The very objects remark-gfm registers (one copy of each package is installed, and they are made once).
const literalConstructs = new Set<unknown>(Object.values(gfmAutolinkLiteral().text ?? {}).flat());
const literalTransforms = new Set<unknown>(gfmAutolinkLiteralFromMarkdown().transforms ?? []);

type FromMarkdownExtension = Extract<
  NonNullable<Data["fromMarkdownExtensions"]>[number],
  { transforms?: unknown }
>;

/**
 * A unified plugin, used after remark-gfm, that takes the autolink literals out of the parser: their
 * constructs from micromark's syntax and their transform from the tree's making; the rest of GFM stays.
 */
export function withoutAutolinkLiterals(this: Processor): void {
  const data = this.data();
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map(withoutLiteralConstructs);
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map((extension) =>
    Array.isArray(extension) ? extension.map(withoutLiteralTransform) : withoutLiteralTransform(extension),
  );
}

function withoutLiteralConstructs(extension: Extension): Extension {
  if (!extension.text) return extension;
  const text: NonNullable<Extension["text"]> = {};
  for (const [code, constructs] of Object.entries(extension.text)) {
    const kept = [constructs]
      .flat()
      .filter(
        (construct): construct is Construct => construct !== undefined && !literalConstructs.has(construct),
      );
    if (kept.length > 0) text[Number(code)] = kept;
  }
  return { ...extension, text };
}

function withoutLiteralTransform(extension: FromMarkdownExtension): FromMarkdownExtension {
  if (!extension.transforms) return extension;
  return {
    ...extension,
    transforms: extension.transforms.filter((transform) => !literalTransforms.has(transform)),
  };
}
