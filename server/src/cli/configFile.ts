import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The absolute path of `--config` when it names a readable file; otherwise writes why to stderr and
 * returns null (the command exits 2). Undefined when no `--config` was given.
 */
export function readableConfigPath(configArg: string | undefined, cwd: string): string | undefined | null {
  if (!configArg) return undefined;
  const configPath = path.resolve(cwd, configArg);
  try {
    fs.accessSync(configPath, fs.constants.R_OK);
    if (!fs.statSync(configPath).isFile()) throw new Error("not a file");
  } catch (error) {
    process.stderr.write(`kb-author: cannot read --config ${configArg}: ${(error as Error).message}\n`);
    return null;
  }
  return configPath;
}
