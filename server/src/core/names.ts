import { distance } from "fastest-levenshtein";

/**
 * The candidate nearest to a misspelt name, if it is near enough to be a plausible typo:
 * equal ignoring case, underscores and spaces, or within a third of the name's length in edits.
 */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const loose = (value: string) => value.toLowerCase().replace(/[\s_-]+/g, "");
  const looseName = loose(name);
  const lowerName = name.toLowerCase();
  const limit = Math.max(1, Math.floor(Math.max(name.length, 3) / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const lowerCandidate = candidate.toLowerCase();
    // Lengths further apart than the limit mean more edits than the limit: such a candidate can never be
    // the answer, and skipping the edit distance keeps an Order of thousands of entries linear.
    const edits =
      loose(candidate) === looseName
        ? 0
        : Math.abs(lowerCandidate.length - lowerName.length) > limit
          ? Infinity
          : distance(lowerName, lowerCandidate);
    if (edits < bestDistance) {
      best = candidate;
      bestDistance = edits;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Map folder names use `_` for spaces; the site shows them with spaces. */
export function displayName(folderName: string): string {
  return folderName.replace(/_/g, " ");
}
