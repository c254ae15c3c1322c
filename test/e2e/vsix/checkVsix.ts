/**
 * Checks the packaged extension as a user gets it: the .vsix installs into code-server (VS Code 1.100.3),
 * activates there and shows a diagnostic.
 *
 *   npm run build && node out/test/e2e/vsix/checkVsix.js        (npm run test:vsix)
 *
 * 1. The .vsix: KB_AUTHOR_VSIX names one to check; otherwise ./kb-author.vsix if it is newer than everything
 *    it packs; otherwise `npx vsce package --no-dependencies --out <tmp>/kb-author.vsix` (which builds first).
 * 2. `entry.js --install-extension <vsix> --extensions-dir <tmp>` (isolated config and user-data dir).
 * 3. code-server on 127.0.0.1 with that extensions dir and WITHOUT the development payload, on a temporary
 *    copy of examples/; in Debian's Chromium: the status-bar item reports the seeded 6 errors and 2
 *    warnings, and the Problems panel shows Robustness.md's `section/missing` warning on line 1.
 * 4. No request of the browser left 127.0.0.1.
 *
 * Ends with `N passed, N failed`; exits with 1 if a check failed. Screenshots go to test-results/vsix/
 * (a failing step's ends in `-FAILED.png`). Environment: KB_AUTHOR_VSIX, KB_AUTHOR_E2E_VERBOSE=1.
 */
import { stopOnSignals } from "../support/lifecycle";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Browser } from "playwright-core";
import { closeBrowser, launchBrowser } from "../support/browser";
import {
  type CodeServer,
  codeServerVersion,
  installExtension,
  launchCodeServer,
  locateCodeServer,
} from "../support/codeServer";
import { repoRoot } from "../support/workspace";
import { robustness, seeded } from "../ui/examples";
import { NetworkGuard, uiSettings, Workbench } from "../ui/workbench";

const prefix = "[vsix]";
const verbose = process.env.KB_AUTHOR_E2E_VERBOSE === "1";
const resultsDir = path.join(repoRoot, "test-results", "vsix");
const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
  publisher: string;
  name: string;
  version: string;
};
const extensionId = `${manifest.publisher}.${manifest.name}`;

function info(message: string): void {
  console.log(`${prefix} ${message}`);
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** The newest modification time under `target` (a file or a folder), 0 if it does not exist. */
function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** ./kb-author.vsix if it was made after every file it packs (see .vscodeignore), else undefined. */
function freshRepositoryVsix(): string | undefined {
  const vsix = path.join(repoRoot, `${manifest.name}.vsix`);
  if (!existsSync(vsix)) return undefined;
  const packed = [
    "package.json",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    "dist",
    "schemas",
    "syntaxes",
    "images",
  ];
  const newestInput = Math.max(...packed.map((name) => newestMtime(path.join(repoRoot, name))));
  return statSync(vsix).mtimeMs >= newestInput ? vsix : undefined;
}

/** Runs a command from the repository root; rejects with its output if it fails. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(" ")} exited with ${code ?? signal}:\n${output}`)),
    );
  });
}

interface Check {
  name: string;
  run: () => Promise<string | void>;
}

async function main(): Promise<number> {
  locateCodeServer(); // Fails with the install command before anything is started.
  const tmp = realpathSync(mkdtempSync(path.join(tmpdir(), "kb-author-vsix-")));
  const extensionsDir = path.join(tmp, "extensions");
  const guard = new NetworkGuard();
  let vsix = "";
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workbench: Workbench | undefined;

  let cleaningUp: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaningUp ??= (async () => {
      if (workbench) await workbench.close();
      if (browser) await closeBrowser(browser).catch(() => undefined);
      if (server) await server.dispose();
      rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    })());
  const interrupted = stopOnSignals(cleanup, info);

  const checks: Check[] = [
    {
      name: "the .vsix is packaged",
      run: async () => {
        const given = process.env.KB_AUTHOR_VSIX;
        if (given) {
          vsix = path.resolve(given);
          if (!existsSync(vsix)) throw new Error(`KB_AUTHOR_VSIX names ${vsix}, which does not exist`);
          return `KB_AUTHOR_VSIX=${vsix}`;
        }
        const fresh = freshRepositoryVsix();
        if (fresh) {
          vsix = fresh;
          return `${path.relative(repoRoot, fresh)} is newer than everything it packs`;
        }
        vsix = path.join(tmp, `${manifest.name}.vsix`);
        await run("npx", ["vsce", "package", "--no-dependencies", "--out", vsix]);
        return `npx vsce package --no-dependencies --out ${vsix} (${(statSync(vsix).size / 1024).toFixed(0)} KiB)`;
      },
    },
    {
      name: `it installs with code-server ${codeServerVersion} --install-extension`,
      run: async () => {
        const output = await installExtension(vsix, extensionsDir);
        const installed = path.join(extensionsDir, `${extensionId}-${manifest.version}`);
        // KaTeX's stylesheet and fonts ship in the .vsix: the preview loads them from the extension, offline.
        // The preview's worker thread too (the server starts it from beside dist/server.js).
        for (const file of [
          "package.json",
          "dist/client.js",
          "dist/server.js",
          "dist/renderWorker.js",
          "dist/katex/katex.min.css",
          "dist/katex/fonts/KaTeX_Main-Regular.woff2",
          "dist/katex/fonts/KaTeX_Math-Italic.woff2",
        ]) {
          if (!existsSync(path.join(installed, file))) {
            throw new Error(`${path.join(installed, file)} is missing after the install. Output:\n${output}`);
          }
        }
        if (verbose) info(output.trim());
        return `into ${installed}`;
      },
    },
    {
      name: "code-server opens the sample knowledge base with the installed extension (no development payload)",
      run: async () => {
        server = await launchCodeServer({
          settings: uiSettings,
          extensionsDir,
          onOutput: verbose ? (line) => console.log(`[code-server] ${line}`) : undefined,
        });
        browser = await launchBrowser({ handleSignals: false });
        workbench = await Workbench.open({
          server,
          browser,
          guard,
          name: "installed-extension",
          resultsDir,
          development: false,
          verbose,
        });
        const title = (await workbench.page.title()) || "";
        if (title.includes("Extension Development Host")) {
          throw new Error(
            `the window is an Extension Development Host (${title}): the payload was not empty`,
          );
        }
      },
    },
    {
      name: `the extension activates: its status-bar item shows ${seeded.errors} errors and ${seeded.warnings} warnings`,
      run: async () => {
        const status = await workbench!.step("the status-bar item shows the counts", () =>
          workbench!.waitForStatusCounts(seeded),
        );
        return status.ariaLabel;
      },
    },
    {
      name: "the Problems panel shows section/missing on line 1 of Robustness.md",
      run: async () => {
        await workbench!.step("the Problems panel shows section/missing", async () => {
          await workbench!.statusItem().click(); // The item's command opens the Problems panel.
          await workbench!.page.locator(".markers-panel").waitFor({ state: "visible", timeout: 10_000 });
          await workbench!.filterProblemsToFile(robustness);
          const row = await workbench!.waitForProblem("section/missing", 1);
          // A warning: the node lacks a section that most of the map's nodes have.
          if (row.severity !== "Warning" || row.source !== "kb-author") {
            throw new Error(`unexpected row: ${row.ariaLabel}`);
          }
        });
        await workbench!.step("the squiggle in Robustness.md is on line 1", async () => {
          await workbench!.openFile(robustness);
          await workbench!.waitForSquiggleOn(1, "warning");
        });
      },
    },
    {
      name: "no request left 127.0.0.1",
      run: async () => {
        const report = guard.report();
        if (report) throw new Error(report);
      },
    },
  ];

  let passed = 0;
  let failed = 0;
  try {
    for (const check of checks) {
      const started = Date.now();
      try {
        const detail = await check.run();
        passed++;
        info(`✔ ${check.name} (${seconds(started)})${detail ? `\n${prefix}     ${detail}` : ""}`);
      } catch (error) {
        failed++;
        info(
          `✖ ${check.name} (${seconds(started)})\n${prefix}     ${(error as Error).message ?? String(error)}`,
        );
        if (workbench) {
          const file = path.join(workbench.resultsDir, "failure.png");
          if (await workbench.screenshot(file)) info(`    screenshot: ${path.relative(process.cwd(), file)}`);
        }
        const skipped = checks.length - checks.indexOf(check) - 1;
        if (skipped > 0) info(`${skipped} later check(s) not run`);
        failed += skipped;
        break;
      }
    }
  } finally {
    await cleanup();
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || interrupted.stopping ? 1 : 0;
}

const started = Date.now();
main().then(
  (code) => {
    process.exitCode = code;
    if (verbose) info(`took ${seconds(started)}`);
  },
  (error: unknown) => {
    console.error(`${prefix} FAILED: ${error instanceof Error ? error.message : String(error)}`);
    console.log("0 passed, 1 failed");
    process.exitCode = 1;
  },
);
