import * as fs from "node:fs";
import * as path from "node:path";

/** The repository's root (this file runs as out/test/support/sharedData.js). */
export const repoRoot = path.resolve(__dirname, "../../..");

/** The shared folder beside the repository (the corpus and the seeds): $KB_AUTHOR_SHARED, else ../shared. */
export const sharedRoot = path.resolve(process.env["KB_AUTHOR_SHARED"] ?? path.join(repoRoot, "../shared"));

/**
 * The real-world corpus, read in place and never written: $KB_AUTHOR_CORPUS, else
 * corpus/llm-ai-safety-map in the shared folder.
 */
export const corpusDir = process.env["KB_AUTHOR_CORPUS"] ?? path.join(sharedRoot, "corpus/llm-ai-safety-map");

/** The seed files (a map node and a topic entry), read in place: seeds/ in the shared folder. */
export const seedsDir = path.join(sharedRoot, "seeds");

/** What a test reads from the shared folder. */
export type SharedNeed = "corpus" | "seeds";

/** The file or folder whose presence says that a need is met. */
export function sharedMarker(need: SharedNeed): string {
  return need === "corpus" ? path.join(corpusDir, "meta.json") : seedsDir;
}

/** " (needs ../shared/corpus)", " (needs ../shared/corpus and ../shared/seeds)": the suffix of such a test's title. */
export function sharedSuffix(needs: readonly SharedNeed[]): string {
  return ` (needs ${needs.map((need) => `../shared/${need}`).join(" and ")})`;
}

/**
 * Whether a test that needs `needs` runs, is skipped (the shared folder is absent: a fresh clone
 * without it) or fails (absent, and KB_AUTHOR_REQUIRE_SHARED=1, as in CI), with the reason.
 */
export function sharedDecision(
  needs: readonly SharedNeed[],
  options: { exists?: (file: string) => boolean; require?: boolean } = {},
): { action: "run" } | { action: "skip" | "fail"; reason: string } {
  const exists = options.exists ?? fs.existsSync;
  const require = options.require ?? process.env["KB_AUTHOR_REQUIRE_SHARED"] === "1";
  const missing = needs.map(sharedMarker).filter((marker) => !exists(marker));
  if (missing.length === 0) return { action: "run" };
  const reason = `not found: ${missing.join(", ")}`;
  return require
    ? { action: "fail", reason: `${reason} (KB_AUTHOR_REQUIRE_SHARED=1: the shared folder must be there)` }
    : { action: "skip", reason };
}

function checkShared(context: Mocha.Context, needs: readonly SharedNeed[]): void {
  const decision = sharedDecision(needs);
  if (decision.action === "fail") throw new Error(decision.reason);
  if (decision.action === "skip") context.skip();
}

const asList = (needs: SharedNeed | readonly SharedNeed[]): readonly SharedNeed[] =>
  typeof needs === "string" ? [needs] : needs;

/**
 * A test that reads the shared folder: its title ends with "(needs ../shared/…)"; it is skipped
 * when that is absent, and fails instead when KB_AUTHOR_REQUIRE_SHARED=1.
 */
export function itWithShared(
  needs: SharedNeed | readonly SharedNeed[],
  title: string,
  fn: (this: Mocha.Context) => void | Promise<unknown>,
): Mocha.Test {
  const list = asList(needs);
  return it(title + sharedSuffix(list), function (this: Mocha.Context) {
    checkShared(this, list);
    return fn.call(this);
  });
}

/** A suite whose tests all read the shared folder: the same rule as itWithShared, checked once before them. */
export function describeWithShared(
  needs: SharedNeed | readonly SharedNeed[],
  title: string,
  fn: (this: Mocha.Suite) => void,
): Mocha.Suite {
  const list = asList(needs);
  return describe(title + sharedSuffix(list), function (this: Mocha.Suite) {
    before(function (this: Mocha.Context) {
      checkShared(this, list);
    });
    fn.call(this);
  });
}
