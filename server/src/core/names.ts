import { distance } from "fastest-levenshtein";

/**
 * The candidate nearest to a misspelt name, if it is near enough to be a plausible typo:
 * equal ignoring case, underscores and spaces, or within a third of the name's length in edits.
 * The first such candidate at the least distance, in the candidates' order.
 */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  return new NameIndex(candidates).nearest(name);
}

const loose = (value: string) => value.toLowerCase().replace(/[\s_-]+/g, "");

/**
 * Candidates prepared once for many look-ups of `nearestName` (a folder's listing, a map's node names):
 * a link checker asks for the nearest of 10,000 siblings once per broken link.
 */
/**
 * Candidates compared, in total, by the did-you-means of one document's check (then the rest get none):
 * enough for every real document, bounded for thousands of near misses beside thousands of names.
 */
export const suggestionBudget = 1_000_000;

export class NameIndex {
  private readonly names: string[] = [];
  private readonly lowerNames: string[] = [];
  /** The candidates by their loose form, in order. */
  private readonly byLooseName = new Map<string, string[]>();

  /**
   * `budget`: how many candidates all its look-ups may compare, in total, before it stops suggesting
   * (loose equals are still found): a file of 10,000 misspelt entries beside 5,000 folders compared 50
   * million pairs and took over a minute.
   */
  constructor(
    candidates: Iterable<string>,
    private budget = Infinity,
  ) {
    for (const candidate of candidates) {
      this.names.push(candidate);
      this.lowerNames.push(candidate.toLowerCase());
      const key = loose(candidate);
      const same = this.byLooseName.get(key);
      if (same) same.push(candidate);
      else this.byLooseName.set(key, [candidate]);
    }
  }

  nearest(name: string): string | undefined {
    // Equal loosely is distance 0, which nothing beats: the first such candidate is the answer.
    const equal = this.byLooseName.get(loose(name))?.find((candidate) => candidate !== name);
    if (equal !== undefined) return equal;
    if (this.budget <= 0) return undefined;
    this.budget -= this.names.length;
    const lowerName = name.toLowerCase();
    const limit = Math.max(1, Math.floor(Math.max(name.length, 3) / 3));
    let best: string | undefined;
    let bestDistance = Infinity;
    for (let i = 0; i < this.names.length && bestDistance > 1; i++) {
      if (this.names[i] === name) continue;
      const lowerCandidate = this.lowerNames[i];
      // Lengths further apart than the limit mean more edits than the limit: such a candidate can never
      // be the answer, and skipping the edit distance keeps an Order of thousands of entries linear.
      // (The loop stops at distance 1: with no candidate equal loosely, nothing comes nearer.)
      if (Math.abs(lowerCandidate.length - lowerName.length) > limit) continue;
      const edits = distance(lowerName, lowerCandidate);
      if (edits < bestDistance) {
        best = this.names[i];
        bestDistance = edits;
      }
    }
    return bestDistance <= limit ? best : undefined;
  }
}
