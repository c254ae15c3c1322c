/**
 * nearestName (server/src/core/names.ts) takes shortcuts: a map finds the names equal loosely, the
 * edit distance is skipped for candidates whose length differs from the name's by more than the limit,
 * and the search stops at the first candidate one edit away. This checks, against the plain definition
 * on random names, that the shortcuts never change the answer.
 */
import * as assert from "node:assert/strict";
import { distance } from "fastest-levenshtein";
import { NameIndex, nearestName } from "../../../server/src/core/names";

/** The definition: the first candidate at the least distance (0 when equal loosely), if within the limit. */
function nearestByDefinition(name: string, candidates: string[]): string | undefined {
  const loose = (value: string) => value.toLowerCase().replace(/[\s_-]+/g, "");
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const edits =
      loose(candidate) === loose(name) ? 0 : distance(name.toLowerCase(), candidate.toLowerCase());
    if (edits < bestDistance) [best, bestDistance] = [candidate, edits];
  }
  return bestDistance <= Math.max(1, Math.floor(Math.max(name.length, 3) / 3)) ? best : undefined;
}

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("nearestName", () => {
  it("suggests a near name, a name differing only in case and separators, and nothing far", () => {
    const children = ["Treaty_Frameworks", "Capacity_Building", "Crisis_Response_Protocols"];
    assert.equal(nearestName("Treaty_Framework", children), "Treaty_Frameworks");
    assert.equal(nearestName("capacity building", children), "Capacity_Building");
    assert.equal(nearestName("Unrelated", children), undefined);
    // The name itself is no suggestion; the first candidate equal loosely beats one an edit away.
    assert.equal(nearestName("Treaty_Frameworks", [...children, "treaty frameworks"]), "treaty frameworks");
    assert.equal(nearestName("Abc", ["Abd", "Abc", "a_b_c"]), "a_b_c");
  });

  it("gives the answer of the plain definition on 20,000 random names (the shortcuts are exact)", () => {
    const next = random(20261123);
    const alphabet = "abAB_ -İı";
    const word = () =>
      Array.from(
        { length: 1 + Math.floor(next() * 12) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join("");
    for (let trial = 0; trial < 20_000; trial++) {
      const name = word();
      const candidates = Array.from({ length: 1 + Math.floor(next() * 8) }, word);
      assert.equal(
        nearestName(name, candidates),
        nearestByDefinition(name, candidates),
        `${name} among ${candidates}`,
      );
    }
  });

  it("stops suggesting once its look-ups have compared its budget of candidates, but still finds loose equals", () => {
    const names = Array.from({ length: 100 }, (_, i) => `Child_Node_${String(i).padStart(3, "0")}`);
    const index = new NameIndex(names, 250);
    assert.equal(index.nearest("Child_Nod_000"), "Child_Node_000");
    assert.equal(index.nearest("Child_Nod_001"), "Child_Node_001");
    assert.equal(
      index.nearest("Child_Nod_002"),
      "Child_Node_002",
      "the third look-up starts within the budget",
    );
    assert.equal(index.nearest("Child_Nod_003"), undefined, "the budget of 250 comparisons is spent");
    assert.equal(index.nearest("child node 004"), "Child_Node_004", "near miss: equal loosely costs nothing");
  });
});
