import * as fs from "node:fs";
import * as path from "node:path";
import { version } from "../../../package.json";
import { createLanguageService, type FileReport } from "../core/languageService";
import { toCorePath } from "../node/nodeFileSystem";
import { NodeFileSystem } from "../node/nodeFileSystem";
import { parseArguments, type CheckArguments, usage } from "./args";
import { formatReports } from "./formats/formatReports";
import { workspaceRootFor } from "./workspaceRoot";

/** Runs the CLI; returns the exit status (0 no errors, 1 errors, 2 could not start). */
export function main(argv: string[]): number {
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
  }
}

function check(args: CheckArguments): number {
  const cwd = process.cwd();
  const configPath = args.configPath ? path.resolve(cwd, args.configPath) : undefined;
  if (configPath) {
    try {
      fs.accessSync(configPath, fs.constants.R_OK);
      if (!fs.statSync(configPath).isFile()) throw new Error("not a file");
    } catch (error) {
      process.stderr.write(
        `kb-author: cannot read --config ${args.configPath}: ${(error as Error).message}\n`,
      );
      return 2;
    }
  }
  const targets = args.paths.map((target) => path.resolve(cwd, target));
  const missing = targets.find((target) => !fs.existsSync(target));
  if (missing) {
    process.stderr.write(`kb-author: no such file or folder: ${path.relative(cwd, missing) || missing}\n`);
    return 2;
  }
  const roots = new Set(targets.map((target) => workspaceRootFor(target, cwd)));
  if (configPath) roots.add(path.dirname(configPath));
  const service = createLanguageService({
    fileSystem: new NodeFileSystem(),
    workspaceRoots: [...roots].map(toCorePath),
    configPath: configPath && toCorePath(configPath),
  });
  const files = new Set<string>();
  for (const target of targets) {
    const corePath = toCorePath(target);
    if (fs.statSync(target).isDirectory())
      for (const file of service.listCheckedFiles(corePath)) files.add(file);
    else files.add(corePath);
  }
  if (configPath) files.add(toCorePath(configPath));
  const reports: FileReport[] = [];
  for (const file of files) {
    const report = service.validate(file);
    if (report) reports.push(report);
  }
  const output = formatReports(args.format, reports, cwd);
  process.stdout.write(output.text);
  return output.errors > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
