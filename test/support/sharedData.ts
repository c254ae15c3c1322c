import * as path from "node:path";

/** The repository's root (this file runs as out/test/support/sharedData.js). */
export const repoRoot = path.resolve(__dirname, "../../..");

/**
 * The real-world corpus, read in place and never written: $KB_AUTHOR_CORPUS, else the shared
 * folder beside the repository.
 */
export const corpusDir =
  process.env["KB_AUTHOR_CORPUS"] ?? path.resolve(repoRoot, "../shared/corpus/llm-ai-safety-map");

/** The seed files (a map node and a topic entry), read in place. */
export const seedsDir = path.resolve(repoRoot, "../shared/seeds");
