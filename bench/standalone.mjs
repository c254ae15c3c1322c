// What the benchmark modules share when run alone (`node bench/lsp-latency.mjs`, ...) and what every
// run prints first: the machine it ran on.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Node, the CPUs and the load average before the run: a loaded machine moves every figure. */
export function printMachine(log = console.log) {
  log(
    `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${os.platform()} ${os.release()}`,
  );
  log(
    `Load average before: ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(", ")}`,
  );
}

/** The machine's fields of a stored result: the Node version, the CPUs and the load average at the end. */
export function machineFields() {
  return {
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown"}`,
    loadAverageAtEnd: os.loadavg(),
  };
}

/**
 * Runs one LSP benchmark module alone: checks the arguments (`--quick`, `--cpu-prof`), finds the corpus
 * ($KB_AUTHOR_CORPUS, else ../shared/corpus/llm-ai-safety-map beside the repository), measures, prints,
 * and stores the result under `key` in bench/results/latest.json (the other keys are kept).
 */
export async function runStandalone({ repoRoot, script, key, corpusNote = "", measure, print }) {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== "--quick" && arg !== "--cpu-prof");
  if (unknown.length > 0) {
    console.error(
      `bench: unknown argument ${unknown.join(" ")} (usage: node bench/${script} [--quick] [--cpu-prof])`,
    );
    process.exit(2);
  }
  const corpus = path.resolve(
    process.env.KB_AUTHOR_CORPUS ?? path.join(repoRoot, "../shared/corpus/llm-ai-safety-map"),
  );
  if (!fs.existsSync(corpus)) {
    console.error(`bench: corpus not found: ${corpus} (set KB_AUTHOR_CORPUS)`);
    process.exit(2);
  }
  console.log(`Corpus: ${corpus}${corpusNote}`);
  printMachine();
  console.log("");
  const result = await measure({
    corpus,
    quick: args.includes("--quick"),
    cpuProf: args.includes("--cpu-prof") || Boolean(process.env.KB_AUTHOR_BENCH_CPU_PROF),
  });
  console.log("");
  print(result);
  const resultsFile = path.join(repoRoot, "bench", "results", "latest.json");
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  const existing = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, "utf8")) : {};
  fs.writeFileSync(resultsFile, JSON.stringify({ ...existing, [key]: result }, null, 2) + "\n");
  console.log("");
  console.log(`Written: ${path.relative(process.cwd(), resultsFile)} (key ${key})`);
  console.log(`Reproduce: (cd ${repoRoot} && npm run build && ${result.reproduce})`);
}
