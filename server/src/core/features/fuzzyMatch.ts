/** How well a name matches a query; higher is better. */
export interface FuzzyMatch {
  /** 0: equal, 1: prefix, 2: a word starts with the query, 3: contains it, 4: a subsequence. */
  tier: number;
  /** Within a tier: more letters on word starts and in runs score higher. */
  score: number;
}

/** Spaces, `_` and `-` separate words; case is ignored; spaces in the query are not letters to match. */
export function normalizeForMatch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s_]+/g, " ")
    .trim();
}

/**
 * Matches a query (normalised) against a name (normalised) as the letters of the query appearing in
 * order in the name, as VS Code's quick open does: `unc quant` and `uq` both find `Uncertainty
 * Quantification`. Undefined when the name does not contain the query's letters in order.
 */
export function fuzzyMatch(query: string, name: string): FuzzyMatch | undefined {
  if (query === "") return { tier: 0, score: 0 };
  if (name === query) return { tier: 0, score: 0 };
  if (name.startsWith(query)) return { tier: 1, score: 0 };
  const index = name.indexOf(query);
  if (index !== -1) return startsAWord(name, query) ? { tier: 2, score: 0 } : { tier: 3, score: -index };
  const letters = query.replace(/ /g, "");
  const score = subsequenceScore(letters, name, true) ?? subsequenceScore(letters, name, false);
  return score === undefined ? undefined : { tier: 4, score };
}

/**
 * The letters found in order, left to right; with `preferWordStarts`, a letter that would land
 * mid-word jumps to the start of a later word when there is one (which can miss a match the plain
 * left-to-right search finds, hence the second try).
 */
function subsequenceScore(letters: string, name: string, preferWordStarts: boolean): number | undefined {
  let score = 0;
  let position = 0;
  let previous = -2;
  for (const letter of letters) {
    const next = name.indexOf(letter, position);
    if (next === -1) return undefined;
    let chosen = next;
    if (preferWordStarts && next !== previous + 1 && !isWordStart(name, next)) {
      const atWord = nextWordStart(name, letter, next);
      if (atWord !== -1) chosen = atWord;
    }
    if (isWordStart(name, chosen)) score += 3;
    if (chosen === previous + 1) score += 2;
    previous = chosen;
    position = chosen + 1;
  }
  return score;
}

function isWordStart(name: string, index: number): boolean {
  return index === 0 || name[index - 1] === " " || name[index - 1] === "-";
}

/** Whether the query occurs in the name at the start of a word. */
function startsAWord(name: string, query: string): boolean {
  for (let index = name.indexOf(query); index !== -1; index = name.indexOf(query, index + 1)) {
    if (isWordStart(name, index)) return true;
  }
  return false;
}

function nextWordStart(name: string, letter: string, from: number): number {
  for (let index = name.indexOf(letter, from); index !== -1; index = name.indexOf(letter, index + 1)) {
    if (isWordStart(name, index)) return index;
  }
  return -1;
}

/** Orders matches best first: tier, then score. */
export function compareMatches(a: FuzzyMatch, b: FuzzyMatch): number {
  return a.tier - b.tier || b.score - a.score;
}
