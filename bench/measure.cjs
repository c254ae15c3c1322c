// Fallback of bench/run.mjs where /usr/bin/time is missing: runs a Node script in this process and,
// when the process exits, writes its CPU time and peak RSS (process.resourceUsage()) as JSON.
//
//   node bench/measure.cjs USAGE_FILE SCRIPT [ARGS...]
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const [usageFile, script, ...args] = process.argv.slice(2);
if (!usageFile || !script) {
  console.error("usage: node bench/measure.cjs USAGE_FILE SCRIPT [ARGS...]");
  process.exit(2);
}
process.on("exit", (code) => {
  const usage = process.resourceUsage();
  const result = {
    userMs: usage.userCPUTime / 1000,
    sysMs: usage.systemCPUTime / 1000,
    maxRssKiB: usage.maxRSS,
    exitCode: code,
  };
  fs.writeFileSync(usageFile, JSON.stringify(result));
});
process.argv = [process.argv[0], path.resolve(script), ...args];
import(pathToFileURL(path.resolve(script)).href).catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
