import { distance } from "fastest-levenshtein";

/**
 * The candidate nearest to a misspelt name, if it is near enough to be a plausible typo:
 * equal ignoring case, underscores and spaces, or within a third of the name's length in edits.
 */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const loose = (value: string) => value.toLowerCase().replace(/[\s_-]+/g, "");
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const edits =
      loose(candidate) === loose(name) ? 0 : distance(name.toLowerCase(), candidate.toLowerCase());
    if (edits < bestDistance) {
      best = candidate;
      bestDistance = edits;
    }
  }
  const limit = Math.max(1, Math.floor(Math.max(name.length, 3) / 3));
  return bestDistance <= limit ? best : undefined;
}

/** Map folder names use `_` for spaces; the site shows them with spaces. */
export function displayName(folderName: string): string {
  return folderName.replace(/_/g, " ");
}
