/**
 * The yaml package recurses once per level of nesting and overflows the stack from about a thousand
 * levels (found by the fuzz suite: `[` 1,000 deep in a frontmatter, `- - - ...` 3,000 deep on one line,
 * a data file nested 3,000 levels). A text nested deeper than these limits is not given to it; no real
 * frontmatter or data file comes near them.
 */
export const maxYamlFlowDepth = 100;
/** Block nesting, counted as indentation columns plus the compact `- ` and `? ` indicators of a line. */
export const maxYamlBlockDepth = 256;

/**
 * Where a YAML text first nests past the limits, with what it nests (an overestimate: quotes are not
 * skipped, so only absurd text is flagged), or undefined.
 */
export function yamlTooDeep(text: string): { offset: number; what: string } | undefined {
  let flow = 0;
  let lineStart = true;
  let block = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) {
      lineStart = true;
      block = 0;
      continue;
    }
    if (lineStart) {
      // Indentation and compact indicators (`- - x`, `? - x`) each open a level of block nesting.
      const indicator = (code === 45 || code === 63) && isBlank(text.charCodeAt(i + 1));
      if (code === 32 || code === 9 || indicator) {
        if (++block > maxYamlBlockDepth)
          return { offset: i, what: `blocks over ${maxYamlBlockDepth} levels` };
        continue;
      }
      lineStart = false;
    }
    if (code === 91 || code === 123) {
      if (++flow > maxYamlFlowDepth)
        return { offset: i, what: `\`[\` or \`{\` over ${maxYamlFlowDepth} levels` };
    } else if ((code === 93 || code === 125) && flow > 0) flow--;
  }
  return undefined;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || Number.isNaN(code);
}
