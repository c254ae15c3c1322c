/**
 * Seeded mutations of real files, shared by the fuzz suite (test/unit/fuzz/fuzz.test.ts) and the
 * longer fuzz script (scripts/fuzz.mjs, which requires the compiled out/test/support/mutations.js).
 * Everything random comes from one seeded PRNG so that a seed and a case number replay exactly.
 */

/** A seeded PRNG (mulberry32): tiny, fast and good enough to pick mutations; not for anything secret. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** The seed of case `n` of a run: each case replays alone from (seed, n). */
export function caseSeed(seed: number, n: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(n + 1, 0xc2b2ae35)) >>> 0;
}

export interface Mutated {
  text: string;
  /** The mutations applied, in order, for failure reports. */
  steps: string[];
}

type Mutation = (text: string, random: Random) => string;

const lines = (text: string) => text.split("\n");

/** Code points that stress offsets and normalisation: surrogates (paired and lone), combining marks, BOM, CR, NUL, RTL. */
const awkward = [
  "\u0000",
  "\r",
  "\r\n",
  "\t",
  "\ufeff",
  "\u200b",
  "\u0301",
  "\u202e",
  "\u2028",
  "\ud83d\ude00",
  "\ud83d",
  "\ude00",
  "\uffff",
  "é",
  "Ö",
  "日本",
  "\u{10ffff}",
];

/** Markdown and YAML fragments that exercise the formats' own syntax. */
const fragments = [
  "### Order",
  "### Mini Description",
  "### Description",
  "### Related Nodes",
  "## Heading",
  "#",
  "####### too deep",
  "1. Child",
  "1.",
  "- [Link](/Root/Child/Child.md)",
  "\t- Reason: because",
  "[broken](",
  "![img](x.png)",
  "```",
  "~~~yaml",
  "---",
  "<!-- kb-author-disable-next-line -->",
  "<Component prop={1}>",
  "import x from 'y'",
  "{expression}",
  "title: [unclosed",
  "a: &a [*a, *a]",
  "key: !!binary x",
  "? complex",
  "| table | x |",
  "<script>alert(1)</script>",
];

const yamlValues = [
  "",
  "null",
  "~",
  "1e999",
  "-0",
  "2025-01-03",
  "[",
  "{a: 1}",
  "'x",
  '"\\u',
  "|",
  ">-",
  "*x",
  "&x y",
  "?",
];
const yamlKeys = ["title", "description", "importance", "quality", "llmSummary", "sidebar", "a", "<<", ""];

function randomYaml(random: Random): string {
  const out: string[] = [];
  for (let i = random.int(8); i >= 0; i--) {
    const indent = " ".repeat(random.int(3) * 2);
    out.push(`${indent}${random.pick(yamlKeys)}: ${random.pick(yamlValues)}`);
  }
  return out.join("\n");
}

const mutations: Record<string, Mutation> = {
  byteFlip: (text, random) => {
    // On the UTF-8 bytes: a flip may make invalid UTF-8, decoded the way an editor shows it (U+FFFD).
    const bytes = new TextEncoder().encode(text);
    if (bytes.length === 0) return text;
    for (let i = 1 + random.int(4); i > 0; i--) bytes[random.int(bytes.length)] ^= 1 << random.int(8);
    return new TextDecoder().decode(bytes);
  },
  truncate: (text, random) => text.slice(0, random.int(text.length + 1)),
  deleteLines: (text, random) => {
    const all = lines(text);
    all.splice(random.int(all.length), 1 + random.int(3));
    return all.join("\n");
  },
  duplicateLines: (text, random) => {
    const all = lines(text);
    const at = random.int(all.length);
    all.splice(at, 0, ...all.slice(at, at + 1 + random.int(3)));
    return all.join("\n");
  },
  shuffleHeadings: (text, random) => {
    const all = lines(text);
    const headings = all.flatMap((line, i) => (/^#{1,6}\s/.test(line) ? [i] : []));
    if (headings.length < 2) return text;
    const a = random.pick(headings);
    const b = random.pick(headings);
    [all[a], all[b]] = [all[b], all[a]];
    return all.join("\n");
  },
  duplicateHeading: (text, random) => {
    const all = lines(text);
    const headings = all.filter((line) => /^#{1,6}\s/.test(line));
    all.splice(random.int(all.length + 1), 0, headings.length ? random.pick(headings) : "### Order");
    return all.join("\n");
  },
  randomYaml: (text, random) => {
    const yaml = randomYaml(random);
    const match = /^---\r?\n[\s\S]*?\r?\n---/.exec(text);
    if (match && random.int(2) === 0) return `---\n${yaml}\n---` + text.slice(match[0].length);
    return `---\n${yaml}\n${random.int(4) === 0 ? "" : "---\n"}${text}`;
  },
  randomUnicode: (text, random) => {
    let out = text;
    for (let i = 1 + random.int(5); i > 0; i--) {
      const at = random.int(out.length + 1);
      out = out.slice(0, at) + random.pick(awkward) + out.slice(at);
    }
    return out;
  },
  insertFragment: (text, random) => {
    const all = lines(text);
    all.splice(random.int(all.length + 1), 0, random.pick(fragments));
    return all.join("\n");
  },
  longLine: (text, random) => {
    const all = lines(text);
    const unit = random.pick(["a", "word ", "[x](y) ", "é", "\ud83d\ude00", "*_`", "1. "]);
    all.splice(random.int(all.length + 1), 0, unit.repeat(1000 + random.int(8000)));
    return all.join("\n");
  },
  deepNesting: (text, random) => {
    const depth = 50 + random.int(800);
    const nest = random.pick([
      () => "> ".repeat(depth) + "quote",
      () => Array.from({ length: Math.min(depth, 200) }, (_, i) => " ".repeat(i * 2) + "- item").join("\n"),
      () => "[".repeat(depth) + "]".repeat(random.int(depth)),
      () => "{".repeat(depth) + "a: " + "[".repeat(depth),
      () => "*".repeat(depth) + "x" + "_".repeat(depth),
      () => "<div>".repeat(depth),
    ])();
    const all = lines(text);
    all.splice(random.int(all.length + 1), 0, nest);
    return all.join("\n");
  },
  lineEndings: (text, random) =>
    random.int(2) === 0 ? text.replace(/\r?\n/g, "\r\n") : text.replace(/\r?\n/g, random.pick(["\r", ""])),
  empty: () => "",
};

export const mutationNames = Object.keys(mutations);

/** Applies one to three random mutations to a file's text. */
export function mutate(text: string, random: Random): Mutated {
  const steps: string[] = [];
  let out = text;
  for (let i = 1 + random.int(3); i > 0; i--) {
    const name = random.pick(mutationNames);
    // `empty` is rare: a fuzzer that mostly sees empty files learns nothing.
    if (name === "empty" && random.int(10) !== 0) continue;
    out = mutations[name](out, random);
    steps.push(name);
  }
  return { text: out, steps };
}
