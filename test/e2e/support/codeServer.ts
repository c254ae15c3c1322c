/**
 * Starts code-server 4.100.3 (VS Code 1.100.3's workbench served to a browser, with the normal Node
 * extension host) for the extension-host and UI tests. The install is made by
 * `scripts/install-code-server.sh` in a cache outside the clone; `codeServerInstallDir()` computes the
 * same path as the script.
 *
 * Each launch is isolated: a temporary config file, user-data dir (with settings that keep the workbench
 * from saving files or showing start pages), extensions dir and XDG folders, so nothing is written into
 * the home folder and nothing leaks between runs. The server binds to 127.0.0.1 only.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";

export const codeServerVersion = "4.100.3";

/** The install script, relative to the repository root (for error messages). */
export const installScript = "scripts/install-code-server.sh";

/** `${KB_AUTHOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kb-author}`, as in scripts/install-code-server.sh. */
export function kbAuthorCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KB_AUTHOR_CACHE) return env.KB_AUTHOR_CACHE;
  const cacheHome = env.XDG_CACHE_HOME || path.join(env.HOME || homedir(), ".cache");
  return path.join(cacheHome, "kb-author");
}

/** Where scripts/install-code-server.sh installs code-server. */
export function codeServerInstallDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(kbAuthorCacheDir(env), `code-server-${codeServerVersion}`);
}

/**
 * The `entry.js` of a completed install. Throws, telling how to install it, when there is none: the
 * script writes its marker file only after the install has been checked to work.
 */
export function locateCodeServer(env: NodeJS.ProcessEnv = process.env): string {
  const dir = codeServerInstallDir(env);
  const entry = path.join(dir, "node_modules", "code-server", "out", "node", "entry.js");
  const marker = path.join(dir, ".kb-author-install-complete");
  if (!existsSync(entry) || !existsSync(marker)) {
    throw new Error(
      `code-server ${codeServerVersion} is not installed at ${dir}` +
        (existsSync(dir) ? " (the install there is incomplete)" : "") +
        `. Install it first (as root; it uses apt-get and npm, about 2 minutes): bash ${installScript}` +
        ` (or npm run install:code-server). Set KB_AUTHOR_CACHE to use another cache folder.`,
    );
  }
  return entry;
}

export interface CodeServerOptions {
  /** Extra user settings, merged over the defaults below. */
  settings?: Record<string, unknown>;
  /** Extra environment variables for code-server (and so for its extension hosts). */
  env?: Record<string, string>;
  /** How long to wait for `/healthz` (default 60 s). */
  startTimeoutMs?: number;
  /** Receives code-server's output lines as they come (default: kept only for error messages). */
  onOutput?: (line: string) => void;
  /**
   * An extensions dir to use instead of a fresh empty one (e.g. one that `installExtension` filled). It
   * belongs to the caller: dispose() leaves it in place.
   */
  extensionsDir?: string;
  /** Keep workspace trust on (default off: `--disable-workspace-trust`), for Restricted Mode tests. */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** `127.0.0.1:<port>`: the remote authority of `vscode-remote://` URIs for this server. */
  readonly authority: string;
  /** The last lines code-server printed (for failure messages). */
  output(): string;
  /** Resolves when the code-server process exits. */
  readonly exited: Promise<number | null>;
  /** Stops code-server and everything it started (its process group) and removes the temporary folders. */
  dispose(): Promise<void>;
}

/**
 * The user settings of every launch. `files.autoSave: off` matters most: the web workbench otherwise
 * saves edited files after a delay and would overwrite the test workspace behind the tests' backs.
 */
export const defaultSettings: Readonly<Record<string, unknown>> = {
  "files.autoSave": "off",
  "workbench.startupEditor": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "telemetry.telemetryLevel": "off",
  "editor.hover.delay": 150,
  "security.workspace.trust.enabled": false,
};

/** A port that was free a moment ago on 127.0.0.1 (code-server is retried on another if it is taken meanwhile). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("could not get a free port"))));
    });
  });
}

/** Launches code-server on a free port of 127.0.0.1 and resolves once `/healthz` answers. */
export async function launchCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const entry = locateCodeServer();
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    try {
      return await launchOnPort(entry, port, options);
    } catch (error) {
      lastError = error;
      // Only a port taken between freePort() and code-server's listen() is worth another try.
      if (!/EADDRINUSE/.test(String(error))) throw error;
    }
  }
  throw lastError;
}

interface IsolatedDirs {
  configFile: string;
  userDataDir: string;
  /** process.env with the XDG folders inside `tmp` and the extension gallery switched off. */
  env: NodeJS.ProcessEnv;
}

/**
 * Fills `tmp` with what every code-server invocation gets: a config file (always passed as --config:
 * without one code-server writes a config with a password into the home folder), a user-data dir with
 * `settings`, and XDG folders for its logs.
 */
function isolatedDirs(tmp: string, port: number, settings: Record<string, unknown>): IsolatedDirs {
  const userDataDir = path.join(tmp, "user-data");
  const xdgDir = path.join(tmp, "xdg");
  mkdirSync(path.join(userDataDir, "User"), { recursive: true });
  mkdirSync(xdgDir, { recursive: true });
  writeFileSync(path.join(userDataDir, "User", "settings.json"), JSON.stringify(settings, undefined, 2));
  const configFile = path.join(tmp, "config.yaml");
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // code-server writes its own logs under XDG_DATA_HOME/code-server: keep them out of the home folder.
    XDG_DATA_HOME: path.join(xdgDir, "data"),
    XDG_CONFIG_HOME: path.join(xdgDir, "config"),
    // No extension gallery (code-server's default is open-vsx.org): the tests use only the built-in, the
    // development and locally installed extensions, and these machines cannot reach it anyway.
    EXTENSIONS_GALLERY: "{}",
  };
  return { configFile, userDataDir, env };
}

/**
 * Installs a .vsix into `extensionsDir` with code-server's own `--install-extension` (what a user of
 * code-server runs), isolated like a launch (temporary config, user-data dir and XDG folders, no gallery).
 * Resolves with code-server's output; rejects with it when the install fails.
 */
export async function installExtension(
  vsix: string,
  extensionsDir: string,
  options: { timeoutMs?: number } = {},
): Promise<string> {
  const entry = locateCodeServer();
  const tmp = realpathSync(mkdtempSync(path.join(tmpdir(), "kb-author-code-server-install-")));
  try {
    mkdirSync(extensionsDir, { recursive: true });
    // The port is never listened on: --install-extension exits once the extension is installed.
    const { configFile, userDataDir, env } = isolatedDirs(tmp, 0, { ...defaultSettings });
    const args = [
      entry,
      "--config",
      configFile,
      "--user-data-dir",
      userDataDir,
      "--extensions-dir",
      extensionsDir,
      "--install-extension",
      vsix,
    ];
    const timeoutMs = options.timeoutMs ?? 120_000;
    return await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: tmp, stdio: ["ignore", "pipe", "pipe"], env });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(
          new Error(`code-server --install-extension did not finish within ${timeoutMs} ms:\n${output}`),
        );
      }, timeoutMs);
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on("exit", (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve(output);
        else reject(new Error(`code-server --install-extension exited with ${code ?? signal}:\n${output}`));
      });
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function launchOnPort(entry: string, port: number, options: CodeServerOptions): Promise<CodeServer> {
  const tmp = realpathSync(mkdtempSync(path.join(tmpdir(), "kb-author-code-server-")));
  const extensionsDir = options.extensionsDir ?? path.join(tmp, "extensions");
  mkdirSync(extensionsDir, { recursive: true });
  const { configFile, userDataDir, env } = isolatedDirs(tmp, port, {
    ...defaultSettings,
    ...options.settings,
  });

  const args = [
    entry,
    "--config",
    configFile,
    "--bind-addr",
    `127.0.0.1:${port}`,
    "--auth",
    "none",
    "--disable-telemetry",
    "--disable-update-check",
    ...(options.workspaceTrust ? [] : ["--disable-workspace-trust"]),
    "--disable-getting-started-override",
    "--user-data-dir",
    userDataDir,
    "--extensions-dir",
    extensionsDir,
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: tmp,
    // Its own process group, so that dispose() also stops the extension hosts and file watchers it forks.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...env, ...options.env },
  });

  const outputLines: string[] = [];
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString("utf8").split(/\r?\n/)) {
      if (line === "") continue;
      outputLines.push(line);
      if (outputLines.length > 200) outputLines.shift();
      options.onOutput?.(line);
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const output = (): string => outputLines.join("\n");

  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code) => {
      exitCode = code; // null when killed by a signal
      resolve(code);
    });
    child.on("error", (error) => {
      outputLines.push(`spawn failed: ${error.message}`);
      exitCode = null;
      resolve(null);
    });
  });

  let disposed: Promise<void> | undefined;
  const dispose = (): Promise<void> =>
    (disposed ??= (async () => {
      if (exitCode === undefined && child.pid !== undefined) {
        killGroup(child.pid, "SIGTERM");
        const stopped = await Promise.race([exited.then(() => true), delay(5000).then(() => false)]);
        if (!stopped) {
          killGroup(child.pid, "SIGKILL");
          await Promise.race([exited, delay(2000)]);
        }
      }
      // The extension host and its children are in the same group: make sure none outlives the server.
      if (child.pid !== undefined) killGroup(child.pid, "SIGKILL");
      rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    })());

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealthz(url, exited, options.startTimeoutMs ?? 60_000, output);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { url, port, authority: `127.0.0.1:${port}`, output, exited, dispose };
}

/** Polls `/healthz` until it answers 200, code-server exits, or the deadline passes. */
async function waitForHealthz(
  url: string,
  exited: Promise<number | null>,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let hasExited = false;
  let exitCode: number | null = null;
  void exited.then((code) => {
    hasExited = true;
    exitCode = code;
  });
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (hasExited) {
      throw new Error(
        `code-server exited (code ${exitCode}) before answering ${url}/healthz. Its output:\n${output()}`,
      );
    }
    try {
      const status = await httpStatus(`${url}/healthz`, 2000);
      if (status === 200) return;
      lastProblem = `HTTP ${status}`;
    } catch (error) {
      lastProblem = String(error);
    }
    await delay(100);
  }
  throw new Error(
    `code-server did not answer ${url}/healthz within ${timeoutMs} ms (${lastProblem}). Its output:\n${output()}`,
  );
}

/**
 * The status code of a GET. Not `fetch`: its pooled keep-alive connection would keep the test process
 * alive for seconds after everything else has finished.
 */
function httpStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on("error", reject);
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** A pause that does not keep the process alive (the dispose() races would otherwise delay its exit). */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
