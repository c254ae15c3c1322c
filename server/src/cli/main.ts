import * as fs from "node:fs";
import * as path from "node:path";
import { version } from "../../../package.json";
import type { FileReport } from "../core";
import { toCorePath } from "../node/nodeFileSystem";
import { parseArguments, type CheckArguments, usage } from "./args";
import { cliLanguageService } from "./cliService";
import { readableConfigPath } from "./configFile";
import { fixFiles } from "./fixFiles";
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
  // Fixes not all written (a file left alone or an error) make the exit status 1, as remaining errors do.
  let incompleteFix = false;
  if (args.fix) {
    const summary = fixFiles(service, files, cwd);
    (args.format === "text" ? process.stdout : process.stderr).write(summary.text);
    incompleteFix = summary.incomplete;
  }
  const reports: FileReport[] = [];
  for (const file of files) {
    const report = service.validate(file);
    if (report) reports.push(report);
  }
  const output = formatReports(args.format, reports, cwd);
  process.stdout.write(output.text);
  return output.errors > 0 || incompleteFix ? 1 : 0;
}

// A reader that stops early (`kb-author check | head`) closes the pipe: the rest of the output has nowhere
// to go, which is no error of the check.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = main(process.argv.slice(2));
