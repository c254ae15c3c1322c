import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import type { Construct, Extension } from "micromark-util-types";
import type { Processor } from "unified";

/**
 * GFM's autolink literals (`www.x.org`, `https://x.org`, `a@b.org`) made a parse about 7 times slower:
 * micromark tries an e-mail address at every word (fuzz: a 40 KB paragraph of words took 33 ms, 5 ms
 * without them). Every literal holds `@`, `www` or `http`: a text holding none of them parses to the
 * same tree without the extension. Almost no file of a knowledge base holds one (one in the corpus's 5,799).
 */
export function mayHoldAutolinkLiteral(text: string): boolean {
  return /@|www|http/i.test(text);
}

const autolinkConstructs = new Set<unknown>(Object.values(gfmAutolinkLiteral().text ?? {}).flat());

/**
 * A unified plugin, used after remark-gfm, that takes the autolink literals' constructs out of the
 * parser's syntax extensions (they are the very objects remark-gfm combined; the rest of GFM stays).
 */
export function withoutAutolinkLiterals(this: Processor): void {
  const data = this.data();
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map(withoutAutolinkConstructs);
}

function withoutAutolinkConstructs(extension: Extension): Extension {
  if (!extension.text) return extension;
  const text: NonNullable<Extension["text"]> = {};
  for (const [code, constructs] of Object.entries(extension.text)) {
    const kept = [constructs]
      .flat()
      .filter(
        (construct): construct is Construct => construct !== undefined && !autolinkConstructs.has(construct),
      );
    if (kept.length > 0) text[Number(code)] = kept;
  }
  return { ...extension, text };
}
