// More fuzz cases than CI runs (issue 7): `npm run build`, then
//   node scripts/fuzz.mjs [--seed N] [--cases N] [--case N] [--corpus N]
// Random seed by default. Prints failures and the slowest cases, and saves each failing input as
// test/fixtures/fuzz-<seed>-<n>/ (replayed by test/unit/fuzz/fuzz.test.ts). Reads the corpus in place.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Fuzzer, loadSources, saveFailure } = require("../out/test/support/fuzzHarness.js");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const seed = option("seed", Math.floor(Math.random() * 2 ** 31));
const only = option("case", undefined);
const cases = option("cases", 20000);
const sources = loadSources(option("corpus", 300));
const fuzzer = new Fuzzer(sources);
const numbers = only === undefined ? Array.from({ length: cases }, (_, n) => n) : [only];

console.log(`seed ${seed}: ${numbers.length} cases over ${sources.length} sources`);
const slowest = [];
let failures = 0;
const started = performance.now();
for (const n of numbers) {
  const result = fuzzer.runCase(seed, n);
  slowest.push({ n, ms: result.ms, size: Buffer.byteLength(result.text), result });
  slowest.sort((a, b) => b.ms - a.ms).splice(10);
  if (result.problems.length === 0) continue;
  failures++;
  console.log(`\nFAIL case ${n}: ${result.source} ${result.target} (${result.steps.join(" + ")})`);
  for (const problem of result.problems) console.log("  " + problem.split("\n").slice(0, 4).join("\n  "));
  console.log("  saved as " + saveFailure(seed, n, sources, result));
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`\n${numbers.length} cases in ${seconds} s, ${failures} failing. Slowest:`);
for (const { n, ms, size, result } of slowest) {
  const flag = size <= 100 * 1024 && ms > 100 ? "  over the 100 ms target" : "";
  console.log(
    `  ${ms.toFixed(0).padStart(5)} ms  case ${n}  ${(size / 1024).toFixed(1)} KB  ${result.steps.join("+")}  ${result.target}${flag}`,
  );
}
console.log(`Replay one: node scripts/fuzz.mjs --seed ${seed} --case N`);
process.exitCode = failures > 0 ? 1 : 0;
