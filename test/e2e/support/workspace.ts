/**
 * Paths of the repository and a throw-away copy of the sample knowledge base for the end-to-end runners:
 * the tests edit files and create folders, so they never run on examples/ itself.
 */
import { cpSync, existsSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/** The repository root (this file is compiled to out/test/e2e/support/). */
export const repoRoot = path.resolve(__dirname, "..", "..", "..", "..");

/** The compiled extension-host suite entry (`run()`), without its .js extension, as VS Code expects it. */
export const suiteEntry = path.join(repoRoot, "out", "test", "e2e", "suite", "index");

/** Throws, telling what to run, if the bundled extension or the compiled suite is missing. */
export function checkBuilt(): void {
  const required = [
    path.join(repoRoot, "dist", "client.js"),
    path.join(repoRoot, "dist", "server.js"),
    `${suiteEntry}.js`,
  ];
  const missing = required.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `Missing ${missing.map((file) => path.relative(repoRoot, file)).join(", ")}: run npm run build first.`,
    );
  }
}

export interface TempWorkspace {
  /** The absolute, symlink-free path of the copy. */
  readonly dir: string;
  dispose(): void;
}

/** Copies examples/ (the sample knowledge base with its seeded mistakes) to a new temporary folder. */
export function copyExamples(): TempWorkspace {
  const parent = realpathSync(mkdtempSync(path.join(tmpdir(), "kb-author-e2e-")));
  const dir = path.join(parent, "examples");
  cpSync(path.join(repoRoot, "examples"), dir, { recursive: true });
  return { dir, dispose: () => rmSync(parent, { recursive: true, force: true, maxRetries: 3 }) };
}
