import * as fs from "node:fs";
import * as path from "node:path";
import { version } from "../../../package.json";
import type { FileReport, LanguageService } from "../core";
import { toCorePath, toNativePath } from "../node/nodeFileSystem";
import { parseArguments, type CheckArguments, usage } from "./args";
import { cliLanguageService } from "./cliService";
import { readableConfigPath } from "./configFile";
import { formatReports } from "./formats/formatReports";
import { renderSite } from "./renderSite";
import { workspaceRootFor } from "./workspaceRoot";

/** Runs the CLI; returns the exit status (0 no errors, 1 errors, 2 could not start). */
function main(argv: string[]): number {
  const parsed = parseArguments(argv);
  switch (parsed.command) {
    case "help":
      process.stdout.write(usage + "\n");
      return 0;
    case "version":
      process.stdout.write(version + "\n");
      return 0;
    case "error":
      process.stderr.write(`kb-author: ${parsed.message}\n\n${usage}\n`);
      return 2;
    case "check":
      return check(parsed.args);
    case "render":
      return renderSite(parsed.args);
  }
}

function check(args: CheckArguments): number {
  const cwd = process.cwd();
  const configPath = readableConfigPath(args.configPath, cwd);
  if (configPath === null) return 2;
  const targets = args.paths.map((target) => path.resolve(cwd, target));
  const missing = targets.find((target) => !fs.existsSync(target));
  if (missing) {
    process.stderr.write(`kb-author: no such file or folder: ${path.relative(cwd, missing) || missing}\n`);
    return 2;
  }
  const service = cliLanguageService(
    targets.map((target) => workspaceRootFor(target, cwd)),
    configPath,
    false, // retainContents: check reads each file once
  );
  const files = new Set<string>();
  for (const target of targets) {
    const corePath = toCorePath(target);
    if (fs.statSync(target).isDirectory())
      for (const file of service.listCheckedFiles(corePath)) files.add(file);
    else files.add(corePath);
  }
  if (configPath) files.add(toCorePath(configPath));
  if (args.fix) {
    const summary = fixFiles(service, files, cwd);
    (args.format === "text" ? process.stdout : process.stderr).write(summary);
  }
  const reports: FileReport[] = [];
  for (const file of files) {
    const report = service.validate(file);
    if (report) reports.push(report);
  }
  const output = formatReports(args.format, reports, cwd);
  process.stdout.write(output.text);
  return output.errors > 0 ? 1 : 0;
}

/**
 * `--fix`: every safe fix of each checked Markdown file, computed by the core on the file's text and
 * written here, only for files whose text changes (a symbolic link is left alone: its target may lie
 * outside the checked paths). Returns the lines that say what changed.
 */
function fixFiles(service: LanguageService, files: Set<string>, cwd: string): string {
  const lines: string[] = [];
  let problems = 0;
  let changed = 0;
  for (const file of files) {
    const native = toNativePath(file);
    if (!/\.mdx?$/i.test(native) || fs.lstatSync(native, { throwIfNoEntry: false })?.isSymbolicLink())
      continue;
    const result = service.fixAll(file);
    if (!result || result.fixed.length === 0) continue;
    const bytes = fs.readFileSync(native);
    const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const before = new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
    if (before === result.text) continue;
    fs.writeFileSync(native, (bom ? "\uFEFF" : "") + result.text);
    service.filesChanged([{ path: file, change: "changed" }]);
    const counts = new Map<string, number>();
    for (const diagnostic of result.fixed)
      counts.set(String(diagnostic.code), (counts.get(String(diagnostic.code)) ?? 0) + 1);
    const codes = [...counts].map(([code, count]) => (count > 1 ? `${code} (${count})` : code));
    const display = path.relative(cwd, native).split(path.sep).join("/");
    lines.push(`fixed ${display}: ${codes.join(", ")}`);
    problems += result.fixed.length;
    changed++;
  }
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  lines.push(`${plural(problems, "problem")} fixed in ${plural(changed, "file")}.`);
  return lines.join("\n") + "\n";
}

// A reader that stops early (`kb-author check | head`) closes the pipe: the rest of the output has nowhere
// to go, which is no error of the check.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = main(process.argv.slice(2));
