import * as fs from "node:fs";
import * as path from "node:path";
import { MemoryFileSystem } from "../../support/memoryFileSystem";

/** The repository's examples/ folder (or a folder of it), its files by path under /kb. */
export function examplesFiles(subfolder = ""): Record<string, string> {
  return repositoryFiles(path.join("examples", subfolder));
}

/** A folder of the repository (`docs/examples/entity-wiki`), its files by path under /kb. */
export function repositoryFiles(folder: string): Record<string, string> {
  const root = path.resolve(__dirname, "../../../..", folder);
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        files["/kb/" + path.relative(root, full).split(path.sep).join("/")] = fs.readFileSync(full, "utf8");
    }
  };
  walk(root);
  return files;
}

/** examples/ (a map with deliberate mistakes, a breakdown map, topic pages), read once. */
const examples = examplesFiles();

export const kbRoot = "/kb";

/** A fresh in-memory copy of examples/ at /kb. */
export function examplesFileSystem(): MemoryFileSystem {
  return new MemoryFileSystem(examples);
}
