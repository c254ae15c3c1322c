import * as path from "node:path";
import { createLanguageService, type LanguageService } from "../core";
import { NodeFileSystem, toCorePath } from "../node/nodeFileSystem";

/**
 * The language service of a CLI command over the disk: the workspace roots found for its paths, plus
 * the folder of `--config` (schemas it names are read from there). `retainContents: false` for a
 * command that reads each file once (check), so that its memory does not hold every file.
 */
export function cliLanguageService(
  roots: Iterable<string>,
  configPath: string | undefined,
  retainContents = true,
): LanguageService {
  const workspaceRoots = new Set(roots);
  if (configPath) workspaceRoots.add(path.dirname(configPath));
  return createLanguageService({
    fileSystem: new NodeFileSystem(),
    workspaceRoots: [...workspaceRoots].map(toCorePath),
    configPath: configPath && toCorePath(configPath),
    retainContents,
  });
}
