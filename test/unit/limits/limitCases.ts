/**
 * The issue's "Limits" cases (issue 7, point 5), generated in memory: a file over the size limit, a
 * 1 MB single line, 100,000 headings and a YAML alias bomb. Each is reported by one diagnostic with a
 * stable code and skipped, never freezing the server. Shared by limits.test.ts (the core),
 * limitsServer.test.ts (the real server over the protocol) and bench/limits.mjs (timings).
 */
import { defaultMaxFileSize } from "../../../server/src/core/config/defaults";
import {
  maxFrontmatterLength,
  maxHeadings,
  maxMdxBlockLines,
} from "../../../server/src/core/document/contentLimits";

export interface LimitCase {
  name: string;
  /** The file's name in the workspace (a topic entry: it has frontmatter and is outside any map). */
  file: string;
  text: string;
  /** The code the file is reported with. */
  code: string;
  /** The 0-based line the diagnostic starts on. */
  line: number;
}

const frontmatter = (title: string) => `---\ntitle: ${title}\n---\n\n`;

/** Nine aliases of nine aliases, nine levels deep: 9^9 (387 million) strings if expanded. */
function aliasBomb(): string {
  const levels = "abcdefghi".split("");
  const lines = levels.map((name, level) =>
    level === 0
      ? `${name}: &${name} [${Array(9).fill('"lol"').join(", ")}]`
      : `${name}: &${name} [${Array(9)
          .fill(`*${levels[level - 1]}`)
          .join(", ")}]`,
  );
  return `---\ntitle: Billion laughs\n${lines.join("\n")}\n---\n\nBody.\n`;
}

export function limitCases(): LimitCase[] {
  const overSize = frontmatter("Huge") + "Lorem ipsum dolor sit amet.\n".repeat(defaultMaxFileSize / 28 + 1);
  const oneLine = frontmatter("One line") + "lorem ipsum *dolor* sit [amet](x) ".repeat(30_000) + "\n";
  const headings =
    frontmatter("Headings") + Array.from({ length: 100_000 }, (_, i) => `## Heading ${i}\n`).join("");
  return [
    {
      name: "a file over the size limit (2 MiB)",
      file: "huge.md",
      text: overSize,
      code: "file/too-large",
      line: 0,
    },
    { name: "a 1 MB single line", file: "one-line.md", text: oneLine, code: "file/too-complex", line: 4 },
    {
      name: "100,000 headings",
      file: "headings.md",
      text: headings,
      code: "file/too-complex",
      // The first heading past the limit: the headings start on line 4.
      line: 4 + maxHeadings,
    },
    {
      // Lines of 14 characters: 9,362 of them fit in the limit, and the next (line 9,363) passes it.
      name: "frontmatter of 40,000 keys (560 KB; reading it took a second)",
      file: "many-keys.md",
      text: `---\n${Array.from({ length: 40_000 }, (_, i) => `k${String(i).padStart(5, "0")}: ${String(i).padStart(5, "0")}\n`).join("")}---\n\nBody.\n`,
      code: "file/too-complex",
      line: Math.floor(maxFrontmatterLength / 14) + 1,
    },
    {
      // The import opens on line 4; the MDX parser placed each name by a search over the block's lines.
      name: "an MDX import of 20,000 names over 20,000 lines (10 s)",
      file: "imports.mdx",
      text: `---\ntitle: Imports\n---\n\nimport {\n${Array.from({ length: 20_000 }, (_, i) => `  a${i},`).join("\n")}\n} from "x";\n\nText.\n`,
      code: "file/too-complex",
      line: 4 + maxMdxBlockLines,
    },
    {
      // Each broken line is read as a mapping inside the one before: the parser overflowed the stack.
      name: "5,000 frontmatter lines of `k: a: b: c`",
      file: "nested-by-recovery.md",
      text: `---\n${Array.from({ length: 5_000 }, (_, i) => `k${i}: a: b: c\n`).join("")}---\n\nBody.\n`,
      code: "frontmatter/syntax",
      line: 1,
    },
    {
      name: "a YAML alias bomb",
      file: "alias-bomb.md",
      text: aliasBomb(),
      code: "frontmatter/syntax",
      line: 0,
    },
  ];
}
