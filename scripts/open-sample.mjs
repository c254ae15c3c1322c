#!/usr/bin/env node
// The main job: opens the bundled sample knowledge base (examples/) in a real VS Code (code-server on
// 127.0.0.1) with the packaged extension installed, prints the URL, and keeps serving until Ctrl-C.
//
//   npm start        builds and packages kb-author.vsix, installs code-server if needed, then runs this
//
// Expects kb-author.vsix at the repository root and code-server installed by scripts/install-code-server.sh.
// The editor's state (user data, extensions) lives in the cache beside code-server, outside the clone.
// KB_AUTHOR_PORT chooses the port (default 8080, or a free one when 8080 is taken).
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (message) => console.log(`[kb-author] ${message}`);

const installDir = spawnSync("bash", [path.join(root, "scripts/install-code-server.sh"), "--print-dir"], {
  encoding: "utf8",
}).stdout.trim();
const entry = path.join(installDir, "node_modules/code-server/out/node/entry.js");
const vsix = path.join(root, "kb-author.vsix");
const workspace = path.join(root, "examples");
const stateDir = path.join(path.dirname(installDir), "sample-editor");
const userDataDir = path.join(stateDir, "user-data");
const extensionsDir = path.join(stateDir, "extensions");
const configFile = path.join(stateDir, "config.yaml");

for (const [file, hint] of [
  [entry, "bash scripts/install-code-server.sh"],
  [vsix, "npm run package"],
]) {
  if (!existsSync(file)) {
    console.error(
      `[kb-author] ${file} is missing: run \`${hint}\` first (or \`npm start\`, which does both).`,
    );
    process.exit(1);
  }
}

mkdirSync(path.join(userDataDir, "User"), { recursive: true });
mkdirSync(extensionsDir, { recursive: true });
// autoSave off: the web workbench would otherwise save edits to the sample behind the user's back.
writeFileSync(
  path.join(userDataDir, "User", "settings.json"),
  JSON.stringify(
    {
      "files.autoSave": "off",
      "workbench.startupEditor": "none",
      "extensions.autoUpdate": false,
      "extensions.autoCheckUpdates": false,
      "telemetry.telemetryLevel": "off",
      "security.workspace.trust.enabled": false,
      // The sample sits inside this repository's clone: no prompt about opening the parent repository.
      "git.openRepositoryInParentFolders": "never",
    },
    undefined,
    2,
  ),
);
const port = await choosePort(Number(process.env.KB_AUTHOR_PORT ?? 8080));
writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

// code-server writes logs and state under XDG folders; keep them beside the editor state, not in the home folder.
const env = {
  ...process.env,
  XDG_DATA_HOME: path.join(stateDir, "xdg-data"),
  XDG_CONFIG_HOME: path.join(stateDir, "xdg-config"),
  EXTENSIONS_GALLERY: "{}",
};
const common = ["--config", configFile, "--user-data-dir", userDataDir, "--extensions-dir", extensionsDir];

log("installing kb-author.vsix into the sample editor");
const install = spawnSync(process.execPath, [entry, ...common, "--install-extension", vsix, "--force"], {
  env,
  encoding: "utf8",
});
if (install.status !== 0) {
  console.error(install.stdout, install.stderr);
  process.exit(1);
}

const logFile = path.join(stateDir, "code-server.log");
const output = createWriteStream(logFile);
const server = spawn(
  process.execPath,
  [
    entry,
    ...common,
    "--bind-addr",
    `127.0.0.1:${port}`,
    "--auth",
    "none",
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
  ],
  { env, stdio: ["ignore", "pipe", "pipe"] },
);
server.stdout.pipe(output);
server.stderr.pipe(output);
const stop = () => server.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", (code) => {
  log(`code-server stopped (${code ?? "signal"}); its log: ${logFile}`);
  process.exit(code ?? 0);
});

log(`starting code-server on 127.0.0.1:${port} (log: ${logFile})`);
await waitForHealth(port, 60_000);
const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
log("ready. Open the sample knowledge base in your browser:");
console.log(`\n    ${url}\n`);
log(
  "the Problems panel (Ctrl+Shift+M) lists the seeded mistakes of examples/README.md. Ctrl-C stops the server.",
);

/** The wanted port when it is free on 127.0.0.1, else any free one. */
async function choosePort(wanted) {
  const tryListen = (candidate) =>
    new Promise((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(undefined));
      probe.listen(candidate, "127.0.0.1", () => {
        const { port: bound } = probe.address();
        probe.close(() => resolve(bound));
      });
    });
  return (await tryListen(wanted)) ?? (await tryListen(0));
}

async function waitForHealth(healthPort, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const healthy = await new Promise((resolve) => {
      const request = get(
        { host: "127.0.0.1", port: healthPort, path: "/healthz", timeout: 1000 },
        (response) => {
          response.resume();
          resolve(response.statusCode === 200);
        },
      );
      request.on("error", () => resolve(false));
      request.on("timeout", () => (request.destroy(), resolve(false)));
    });
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.error(`[kb-author] code-server did not answer within ${timeoutMs / 1000} s; see ${logFile}`);
  stop();
  process.exit(1);
}
