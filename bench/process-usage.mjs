// Runs a Node script once in a new process and measures it: wall time around the process, user+sys
// CPU time and peak RSS from `/usr/bin/time -v` when it is there, else (or with
// KB_AUTHOR_BENCH_NO_TIME=1) from process.resourceUsage() taken inside the process by bench/measure.cjs.
// Shared by bench/run.mjs (check and render sections) and bench/scale.mjs.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const timeBin = "/usr/bin/time";
const useTime =
  !process.env.KB_AUTHOR_BENCH_NO_TIME &&
  fs.existsSync(timeBin) &&
  spawnSync(timeBin, ["-v", "true"], { stdio: "ignore" }).status === 0;

export const measuredWith = useTime ? "/usr/bin/time -v" : "process.resourceUsage() (bench/measure.cjs)";

/**
 * `node <script> <args>` in `cwd`; its output goes to files under `scratch` (as cheap as /dev/null,
 * and checkable) and is returned as text.
 */
export function measureProcess({ name, script, args, cwd, scratch }) {
  const id = `${name.replaceAll(" ", "-")}-${Math.random().toString(36).slice(2)}`;
  const outFile = path.join(scratch, `${id}.out`);
  const errFile = path.join(scratch, `${id}.err`);
  const usageFile = path.join(scratch, `${id}.usage`);
  const stdout = fs.openSync(outFile, "w");
  const stderr = fs.openSync(errFile, "w");
  const [command, commandArgs] = useTime
    ? [timeBin, ["-v", "-o", usageFile, process.execPath, script, ...args]]
    : [process.execPath, [path.join(benchDir, "measure.cjs"), usageFile, script, ...args]];
  const start = process.hrtime.bigint();
  const child = spawnSync(command, commandArgs, { cwd, stdio: ["ignore", stdout, stderr] });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  fs.closeSync(stdout);
  fs.closeSync(stderr);
  if (child.error) throw child.error;
  const usage = useTime
    ? parseTimeOutput(fs.readFileSync(usageFile, "utf8"))
    : JSON.parse(fs.readFileSync(usageFile, "utf8"));
  const text = fs.readFileSync(outFile, "utf8");
  const errText = fs.readFileSync(errFile, "utf8");
  for (const file of [outFile, errFile, usageFile]) fs.rmSync(file, { force: true });
  return {
    wallMs,
    cpuMs: usage.userMs + usage.sysMs,
    userMs: usage.userMs,
    sysMs: usage.sysMs,
    maxRssKiB: usage.maxRssKiB,
    exitCode: child.status,
    stdout: text,
    stderr: errText,
  };
}

/** The fields of GNU time's `-v` report that the bench uses. */
function parseTimeOutput(text) {
  const field = (label) => {
    const match = new RegExp(`^\\s*${label}: (.+)$`, "m").exec(text);
    if (!match) throw new Error(`bench: no "${label}" in /usr/bin/time output:\n${text}`);
    return match[1];
  };
  return {
    userMs: Number(field("User time \\(seconds\\)")) * 1000,
    sysMs: Number(field("System time \\(seconds\\)")) * 1000,
    maxRssKiB: Number(field("Maximum resident set size \\(kbytes\\)")),
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
