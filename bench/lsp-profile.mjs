// The CPU profile of a benchmarked language server (`node --cpu-prof`): where its time went in a window.
import * as fs from "node:fs";
import { SourceMap } from "node:module";
import { pathToFileURL } from "node:url";
import { fmt } from "./lsp-client.mjs";

/**
 * Self and total CPU time per function in the server while the requests were measured. V8's profile
 * timestamps and process.hrtime() both read CLOCK_MONOTONIC (µs and ns), so the window taken in this
 * process selects the samples. Bundle positions are mapped to the TypeScript sources with the bundle's
 * source map.
 */
export function analyzeProfile(file, serverPath, window) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8"));
  const mapFile = serverPath + ".map";
  const sourceMap = fs.existsSync(mapFile)
    ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, "utf8")))
    : undefined;
  const serverUrl = pathToFileURL(serverPath).href;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nameCache = new Map();
  const nameOf = (node) => {
    if (nameCache.has(node.id)) return nameCache.get(node.id);
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    let where = url ? url.replace(/^.*\/node_modules\//, "node_modules/").replace(/^file:\/\/.*\//, "") : "";
    if (url === serverUrl && sourceMap && lineNumber >= 0) {
      const entry = sourceMap.findEntry(lineNumber, columnNumber);
      if (entry?.originalSource) {
        const source = entry.originalSource.replace(/^.*?\/(server\/src\/|node_modules\/)/, "$1");
        where = `${source}:${entry.originalLine + 1}`;
      }
    } else if (where && lineNumber >= 0) where += `:${lineNumber + 1}`;
    const name = `${functionName || "(anonymous)"}${where ? ` ${where}` : ""}`;
    nameCache.set(node.id, name);
    return name;
  };
  const self = new Map();
  const total = new Map();
  let time = profile.startTime;
  let windowUs = 0;
  let idleUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    if (time < window.startUs || time > window.endUs) continue;
    const delta = profile.timeDeltas[i + 1] ?? 0;
    windowUs += delta;
    const node = byId.get(profile.samples[i]);
    const name = nameOf(node);
    if (node.callFrame.functionName === "(idle)") idleUs += delta;
    self.set(name, (self.get(name) ?? 0) + delta);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const ancestor = nameOf(byId.get(id));
      if (seen.has(ancestor)) continue;
      seen.add(ancestor);
      total.set(ancestor, (total.get(ancestor) ?? 0) + delta);
    }
  }
  const top = (map, count) =>
    [...map.entries()]
      .filter(([name]) => !/^\((root|program|idle)\)/.test(name) || map === self)
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / Math.max(1, windowUs) }));
  return {
    file,
    windowMs: windowUs / 1000,
    busyMs: (windowUs - idleUs) / 1000,
    self: top(self, 20),
    total: top(total, 30),
  };
}

export function printProfile(profile, log) {
  log("");
  log(
    `Server CPU profile while measuring (${profile.file}): ${fmt(profile.windowMs)} ms of wall time, ` +
      `${fmt(profile.busyMs)} ms busy (not idle).`,
  );
  log("Self time, top functions:");
  for (const entry of profile.self) {
    log(
      `  ${entry.ms.toFixed(0).padStart(7)} ms ${(100 * entry.share).toFixed(1).padStart(5)}%  ${entry.name}`,
    );
  }
  log("Total time (the function and what it calls), top functions:");
  for (const entry of profile.total) {
    log(
      `  ${entry.ms.toFixed(0).padStart(7)} ms ${(100 * entry.share).toFixed(1).padStart(5)}%  ${entry.name}`,
    );
  }
}
