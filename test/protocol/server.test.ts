/**
 * Protocol tests: the bundled language server (`dist/server.js`, run `npm run build` first) driven over
 * stdio by a minimal LSP client. Every test works on a fresh copy of a knowledge base in a temporary
 * folder (the shared corpus is only read), and waits for events (a publication, `kbAuthor/waitForIdle`),
 * never for a fixed time.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { type Diagnostic, DiagnosticSeverity, FileChangeType } from "vscode-languageserver-protocol/node";
import { cliPath, fileUri, LspClient, type LspClientOptions, repoRoot } from "../support/lspClient";
import { corpusDir, itWithShared } from "../support/sharedData";

const examplesDir = path.join(repoRoot, "examples");

const coordination = "AI_Safety/Governance_and_Policy/International_Coordination";
const coordinationNode = `${coordination}/International_Coordination.md`;
const technicalNode = "AI_Safety/Technical_Foundations/Technical_Foundations.md";
const robustnessNode = "AI_Safety/Technical_Foundations/Robustness/Robustness.md";
const outOfRangeTopic = "wiki/mistake-importance-out-of-range.md";
const validTopic = "wiki/international-coordination.md";

/** The seeded mistakes of examples/README.md: file -> a code its diagnostics must include. */
const seededMistakes: Record<string, string> = {
  "AI_Safety/Technical_Foundations/Interpretability/Interpretability.md": "order/unknown-entry",
  [robustnessNode]: "section/missing",
  "AI_Safety/Technical_Foundations/Alignment_Theory/Alignment_Theory.md": "link/unresolved",
  "AI_Safety/Technical_Foundations/Verification_and_Testing/Verification_and_Testing.md": "link/other-node",
  "wiki/mistake-unknown-property.md": "frontmatter/misspelt-property",
  [outOfRangeTopic]: "frontmatter/invalid-value",
  "wiki/mistake-missing-title.md": "frontmatter/required",
  "wiki/mistake-broken-yaml.md": "frontmatter/syntax",
};

const severityNames: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: "error",
  [DiagnosticSeverity.Warning]: "warning",
  [DiagnosticSeverity.Information]: "info",
  [DiagnosticSeverity.Hint]: "hint",
};

interface CliReport {
  version: number;
  files: {
    path: string;
    kind: string | null;
    diagnostics: { code: string; severity: string; message: string; range: Diagnostic["range"] }[];
  }[];
  summary: { files: number; errors: number; warnings: number };
}

const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => String(d.code));
const has = (code: string) => (diagnostics: Diagnostic[]) => codes(diagnostics).includes(code);
const lacks = (code: string) => (diagnostics: Diagnostic[]) => !codes(diagnostics).includes(code);
const clean = (diagnostics: Diagnostic[]): boolean => diagnostics.length === 0;

function row(
  file: string,
  code: unknown,
  severity: string,
  range: Diagnostic["range"],
  message: string,
): string {
  const { start, end } = range;
  return `${file} ${String(code)} ${severity} ${start.line}:${start.character}-${end.line}:${end.character} ${message}`;
}

/** `kb-author check . --format json` run in `dir`, as sorted `path code severity range message` rows. */
function cliRows(dir: string): { rows: string[]; report: CliReport } {
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, [cliPath, "check", ".", "--format", "json"], {
      cwd: dir,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // Exit 1 means "errors were found": the report is still on stdout.
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    if (failed.status !== 1 || failed.stdout === undefined) throw error;
    stdout = failed.stdout;
  }
  const report = JSON.parse(stdout) as CliReport;
  assert.equal(report.version, 1);
  const rows = report.files.flatMap((file) =>
    file.diagnostics.map((d) => row(file.path, d.code, d.severity, d.range, d.message)),
  );
  return { rows: rows.sort(), report };
}

/** The server's current diagnostics (latest publication per URI), as rows relative to `dir`. */
function serverRows(client: LspClient, dir: string): string[] {
  const rows: string[] = [];
  for (const [uri, diagnostics] of client.currentDiagnostics()) {
    const file = path.relative(dir, fileURLToPath(uri)).split(path.sep).join("/");
    for (const d of diagnostics) {
      rows.push(row(file, d.code, severityNames[d.severity ?? DiagnosticSeverity.Error], d.range, d.message));
    }
  }
  return rows.sort();
}

/** After the server is idle, its diagnostics are exactly those of a cold CLI run on the same tree. */
async function assertSameAsCli(client: LspClient, dir: string): Promise<string[]> {
  await client.waitForIdle();
  const { rows } = cliRows(dir);
  assert.deepEqual(serverRows(client, dir), rows, "server and CLI disagree");
  return rows;
}

function assertNoServerErrors(client: LspClient): void {
  const errors = client.logMessages.filter((m) => m.type === 1 /* MessageType.Error */);
  assert.deepEqual(errors, [], "the server logged errors");
}

describe("language server over stdio (dist/server.js)", function () {
  const tempDirs: string[] = [];
  const clients: LspClient[] = [];

  /** A fresh copy of examples/ (the sample knowledge base) in a new temporary folder. */
  function copyOfExamples(): string {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-protocol-")));
    tempDirs.push(dir);
    fs.cpSync(examplesDir, dir, { recursive: true });
    return dir;
  }

  async function start(options: LspClientOptions): Promise<LspClient> {
    const client = await LspClient.start(options);
    clients.push(client);
    return client;
  }

  before(function () {
    if (!fs.existsSync(path.join(repoRoot, "dist", "server.js")) || !fs.existsSync(cliPath)) {
      throw new Error("dist/server.js or dist/cli.js is missing: run `npm run build` first");
    }
  });

  afterEach(async function () {
    for (const client of clients.splice(0)) await client.shutdown();
    for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("publishes diagnostics for an open document, from its unsaved text and with its version", async function () {
    const dir = copyOfExamples();
    const client = await start({ workspaceFolder: dir });
    const valid = client.uri(validTopic);
    const onDisk = fs.readFileSync(path.join(dir, validTopic), "utf8");
    assert.match(onDisk, /^importance: \d+$/m);

    // Valid on disk; the editor's text has an out-of-range importance.
    await client.open(valid, onDisk.replace(/^importance: \d+$/m, "importance: 250"));
    const published = await client.waitForDiagnostics(valid, has("frontmatter/invalid-value"));
    assert.equal(published.version, 1);
    assert.deepEqual(codes(published.diagnostics), ["frontmatter/invalid-value"]);
    const line = onDisk.split("\n").findIndex((text) => text.startsWith("importance: "));
    assert.equal(published.diagnostics[0].range.start.line, line);
    assert.equal(published.diagnostics[0].severity, DiagnosticSeverity.Error);

    // Broken on disk; the editor's text fixes it: the open text wins.
    const broken = client.uri(outOfRangeTopic);
    const fixed = fs
      .readFileSync(path.join(dir, outOfRangeTopic), "utf8")
      .replace("importance: 120", "importance: 12");
    await client.waitForIdle();
    const before = client.publications.get(broken)?.length ?? 0;
    await client.open(broken, fixed, "markdown", 7);
    await client.waitForIdle();
    assert.equal(client.publications.get(broken)!.length, before + 1, "one didOpen, one publication");
    const latest = client.latest(broken);
    assert.ok(latest, "the file has problems on disk, so it was published");
    assert.equal(latest.version, 7);
    assert.deepEqual(latest.diagnostics, []);
    assertNoServerErrors(client);
  });

  it("publishes diagnostics for files that were never opened (background scan with progress)", async function () {
    const dir = copyOfExamples();
    const client = await start({ workspaceFolder: dir });

    const robustness = await client.waitForDiagnostics(client.uri(robustnessNode), has("section/missing"));
    assert.equal(robustness.version, undefined, "a file that is not open has no version");

    await client.waitForIdle();
    const current = client.currentDiagnostics();
    for (const [file, code] of Object.entries(seededMistakes)) {
      assert.ok(codes(current.get(client.uri(file)) ?? []).includes(code), `${file} should report ${code}`);
    }
    // The valid files of the sample produce no diagnostics.
    const withProblems = [...current.keys()].map((uri) =>
      path.relative(dir, fileURLToPath(uri)).split(path.sep).join("/"),
    );
    assert.deepEqual(withProblems.sort(), Object.keys(seededMistakes).sort());

    // The scan reported work-done progress from begin to end.
    const progress = [...client.progress.values()].find((values) => values[0]?.kind === "begin");
    assert.ok(progress, "a work-done progress was begun");
    assert.equal(progress.at(-1)?.kind, "end");
    assertNoServerErrors(client);
  });

  it("updates an open document's diagnostics after incremental edits", async function () {
    const dir = copyOfExamples();
    const client = await start({ workspaceFolder: dir });
    const uri = client.uri(outOfRangeTopic);
    const text = fs.readFileSync(path.join(dir, outOfRangeTopic), "utf8");
    const lines = text.split("\n");
    const importanceLine = lines.indexOf("importance: 120");
    const qualityLine = lines.indexOf("quality: 3");
    assert.ok(importanceLine > 0 && qualityLine > 0);

    await client.open(uri, text);
    const first = await client.waitForDiagnostics(
      uri,
      (d, p) => p.version === 1 && has("frontmatter/invalid-value")(d),
    );
    assert.deepEqual(first.diagnostics[0].range, {
      start: { line: importanceLine, character: 12 },
      end: { line: importanceLine, character: 15 },
    });

    // 120 -> 50: the problem goes away.
    const v2 = await client.change(uri, [
      {
        range: {
          start: { line: importanceLine, character: 12 },
          end: { line: importanceLine, character: 15 },
        },
        text: "50",
      },
    ]);
    await client.waitForDiagnostics(uri, (d, p) => p.version === v2 && clean(d));

    // quality: 3 -> quality: "high": a new problem, on the edited value.
    const v3 = await client.change(uri, [
      {
        range: { start: { line: qualityLine, character: 9 }, end: { line: qualityLine, character: 10 } },
        text: '"high"',
      },
    ]);
    const third = await client.waitForDiagnostics(uri, (d, p) => p.version === v3 && d.length > 0);
    assert.deepEqual(codes(third.diagnostics), ["frontmatter/invalid-value"]);
    assert.deepEqual(third.diagnostics[0].range, {
      start: { line: qualityLine, character: 9 },
      end: { line: qualityLine, character: 15 },
    });

    // Closing the document drops the unsaved edits: the file's disk diagnostics come back.
    await client.close(uri);
    const closed = await client.waitForDiagnostics(
      uri,
      (_d, p) => p.version === undefined || p.version === null,
    );
    assert.deepEqual(codes(closed.diagnostics), ["frontmatter/invalid-value"]);
    assert.equal(closed.diagnostics[0].range.start.line, importanceLine);
    assertNoServerErrors(client);
  });

  it("with kbAuthor.validate.debounceMs set, kbAuthor/waitForIdle after an edit resolves only once the delayed validation is published", async function () {
    const dir = copyOfExamples();
    // The default (0) validates at once; a delay must still be waited out by waitForIdle.
    const client = await start({
      workspaceFolder: dir,
      settings: { kbAuthor: { validate: { debounceMs: 50 } } },
    });
    const uri = client.uri(outOfRangeTopic);
    const text = fs.readFileSync(path.join(dir, outOfRangeTopic), "utf8");
    await client.open(uri, text);
    await client.waitForIdle();
    assert.deepEqual(codes(client.latest(uri)!.diagnostics), ["frontmatter/invalid-value"]);

    const version = await client.change(uri, text.replace("importance: 120", "importance: 50"));
    await client.waitForIdle();
    const latest = client.latest(uri)!;
    assert.equal(latest.version, version, "waitForIdle resolved before the edit was validated");
    assert.deepEqual(latest.diagnostics, []);
  });

  it("reports the parent's order/unlisted-child when a child folder is created, and clears it when listed", async function () {
    const dir = copyOfExamples();
    const client = await start({ workspaceFolder: dir });
    await client.waitForIdle();
    const parentUri = client.uri(coordinationNode);
    assert.deepEqual(client.latest(parentUri)?.diagnostics ?? [], [], "the parent starts clean");
    const parentFile = path.join(dir, coordinationNode);
    const orderHeading = fs.readFileSync(parentFile, "utf8").split("\n").indexOf("### Order");

    // 1. A new child folder, not in the Order, with a papers.json but without its NewChild.md: the
    // builder drops it (node/file-name); there is no published child to list yet. (An empty folder is not
    // in git, so it is not reported at all.)
    const childDir = path.join(dir, coordination, "NewChild");
    fs.mkdirSync(childDir);
    fs.writeFileSync(path.join(childDir, "papers.json"), "[]\n");
    await client.watchedFilesChanged([
      { uri: fileUri(childDir), type: FileChangeType.Created },
      { uri: fileUri(path.join(childDir, "papers.json")), type: FileChangeType.Created },
    ]);
    const created = await client.waitForDiagnostics(parentUri, has("node/file-name"));
    const withoutFile = created.diagnostics.find((d) => d.code === "node/file-name")!;
    assert.match(withoutFile.message, /NewChild/);
    assert.equal(
      withoutFile.range.start.line,
      orderHeading,
      "no entry names it: reported on the Order heading",
    );
    assert.deepEqual(codes(created.diagnostics), ["node/file-name"]);
    await assertSameAsCli(client, dir);

    // 2. Its node file appears: node/file-name goes, order/unlisted-child comes, on the Order heading.
    const childFile = path.join(childDir, "NewChild.md");
    fs.writeFileSync(childFile, "### Mini Description\n\nA child node created by the protocol test.\n");
    await client.watchedFilesChanged([{ uri: fileUri(childFile), type: FileChangeType.Created }]);
    const withFile = await client.waitForDiagnostics(parentUri, lacks("node/file-name"));
    assert.deepEqual(codes(withFile.diagnostics), ["order/unlisted-child"]);
    assert.match(withFile.diagnostics[0].message, /NewChild/);
    assert.equal(withFile.diagnostics[0].range.start.line, orderHeading);
    await assertSameAsCli(client, dir);

    // 3. The Order lists it (with the next number): the parent is clean.
    const parentText = fs.readFileSync(parentFile, "utf8");
    assert.match(parentText, /^5\. Capacity_Building\n$/m);
    fs.writeFileSync(parentFile, parentText.replace(/\n*$/, "\n") + "6. NewChild\n");
    await client.watchedFilesChanged([{ uri: fileUri(parentFile), type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(parentUri, clean);
    assert.deepEqual(
      client.latest(client.uri(`${coordination}/NewChild/NewChild.md`))?.diagnostics ?? [],
      [],
    );
    await assertSameAsCli(client, dir);
    assertNoServerErrors(client);
  });

  it("reports order/unknown-entry on the parent and clears the folder's diagnostics when a listed child folder is deleted", async function () {
    const dir = copyOfExamples();
    const client = await start({ workspaceFolder: dir });
    const robustnessUri = client.uri(robustnessNode);
    const parentUri = client.uri(technicalNode);
    await client.waitForIdle();
    assert.deepEqual(codes(client.latest(robustnessUri)!.diagnostics), ["section/missing"]);
    assert.deepEqual(client.latest(parentUri)?.diagnostics ?? [], []);

    const robustnessDir = path.join(dir, "AI_Safety/Technical_Foundations/Robustness");
    fs.rmSync(robustnessDir, { recursive: true });
    await client.watchedFilesChanged([{ uri: fileUri(robustnessDir), type: FileChangeType.Deleted }]);

    const parent = await client.waitForDiagnostics(parentUri, has("order/unknown-entry"));
    const entryLine = fs
      .readFileSync(path.join(dir, technicalNode), "utf8")
      .split("\n")
      .indexOf("2. Robustness");
    assert.deepEqual(codes(parent.diagnostics), ["order/unknown-entry"]);
    assert.deepEqual(parent.diagnostics[0].range, {
      start: { line: entryLine, character: 3 },
      end: { line: entryLine, character: 3 + "Robustness".length },
    });
    await client.waitForDiagnostics(robustnessUri, clean);
    await assertSameAsCli(client, dir);
    assertNoServerErrors(client);
  });

  it("updates the parent's Order diagnostics when a child folder is renamed (deleted + created events)", async function () {
    const dir = copyOfExamples();
    const client = await start({ workspaceFolder: dir });
    await client.waitForIdle();
    const parentUri = client.uri(coordinationNode);

    const from = path.join(dir, coordination, "Capacity_Building");
    const to = path.join(dir, coordination, "Capacity_Development");
    fs.renameSync(from, to);
    await client.watchedFilesChanged([
      { uri: fileUri(from), type: FileChangeType.Deleted },
      { uri: fileUri(to), type: FileChangeType.Created },
    ]);
    // The entry names no folder now; the renamed folder holds no Capacity_Development.md, so the builder
    // drops it (no child to list): its file says so.
    const parent = await client.waitForDiagnostics(parentUri, has("order/unknown-entry"));
    assert.deepEqual(codes(parent.diagnostics), ["order/unknown-entry"]);
    assert.ok(parent.diagnostics.some((d) => d.message.includes("Capacity_Building")));
    const misnamed = await client.waitForDiagnostics(
      client.uri(`${coordination}/Capacity_Development/Capacity_Building.md`),
      has("node/file-name"),
    );
    assert.ok(misnamed.diagnostics.some((d) => d.message.includes("Capacity_Development")));
    await assertSameAsCli(client, dir);

    // Rename the file and fix the Order entry: everything is clean again.
    fs.renameSync(path.join(to, "Capacity_Building.md"), path.join(to, "Capacity_Development.md"));
    const parentFile = path.join(dir, coordinationNode);
    fs.writeFileSync(
      parentFile,
      fs.readFileSync(parentFile, "utf8").replace("5. Capacity_Building", "5. Capacity_Development"),
    );
    await client.watchedFilesChanged([
      { uri: fileUri(path.join(to, "Capacity_Building.md")), type: FileChangeType.Deleted },
      { uri: fileUri(path.join(to, "Capacity_Development.md")), type: FileChangeType.Created },
      { uri: fileUri(parentFile), type: FileChangeType.Changed },
    ]);
    await client.waitForDiagnostics(parentUri, clean);
    await client.waitForDiagnostics(
      client.uri(`${coordination}/Capacity_Development/Capacity_Building.md`),
      clean,
    );
    await assertSameAsCli(client, dir);
    assertNoServerErrors(client);
  });

  it("pulls kbAuthor.validate settings with workspace/configuration: enable=false publishes nothing", async function () {
    const dir = copyOfExamples();
    const client = await start({
      workspaceFolder: dir,
      settings: { kbAuthor: { validate: { enable: false } } },
    });
    const uri = client.uri(outOfRangeTopic);
    await client.open(uri, fs.readFileSync(path.join(dir, outOfRangeTopic), "utf8"));
    await client.waitForIdle();
    assert.ok(
      client.configurationSections.includes("kbAuthor.validate"),
      "the server asked for its settings",
    );
    assert.deepEqual([...client.currentDiagnostics().keys()], []);
  });

  it("reports the same diagnostics as the CLI for the whole examples/ tree", async function () {
    const dir = copyOfExamples();
    const client = await start({ workspaceFolder: dir });
    const rows = await assertSameAsCli(client, dir);
    assert.ok(rows.length >= Object.keys(seededMistakes).length, "the sample's seeded mistakes are reported");
    assertNoServerErrors(client);
  });

  itWithShared(
    "corpus",
    "reports the same 3 diagnostics as the CLI for the shared corpus (read only)",
    async function () {
      this.timeout(120_000);
      const client = await start({ workspaceFolder: corpusDir });
      await client.waitForIdle(90_000);
      const { rows, report } = cliRows(corpusDir);
      assert.deepEqual(serverRows(client, corpusDir), rows, "server and CLI disagree");
      assert.equal(rows.length, 3, rows.join("\n"));
      assert.ok(
        report.files.every((file) => file.diagnostics.every((d) => d.code === "section/missing")),
        rows.join("\n"),
      );
      assertNoServerErrors(client);
    },
  );

  it("survives bad input in open documents (unclosed frontmatter, alias bomb) and still answers", async function () {
    const dir = copyOfExamples();
    const client = await start({ workspaceFolder: dir });
    const unclosed = client.uri("wiki/unclosed.md");
    const bomb = client.uri("wiki/alias-bomb.md");
    const invalidYaml = client.uri("wiki/tabs.md");

    await client.open(
      unclosed,
      "---\ntitle: Never closed\ndescription: the block never ends\n\nBody text.\n",
    );
    const levels = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    const bombYaml = levels
      .map(
        (key, i) =>
          `${key}: &${key} [${Array(9)
            .fill(i === 0 ? '"lol"' : `*${levels[i - 1]}`)
            .join(", ")}]`,
      )
      .join("\n");
    await client.open(bomb, `---\ntitle: Billion laughs\n${bombYaml}\nz: *i\n---\n\nBody.\n`);
    await client.open(invalidYaml, "---\ntitle: Tabs\n\tdescription: indented with a tab\n---\n\nBody.\n");

    const u = await client.waitForDiagnostics(unclosed, has("frontmatter/syntax"));
    assert.equal(u.diagnostics[0].range.start.line, 0);
    await client.waitForDiagnostics(bomb, has("frontmatter/syntax"));
    await client.waitForDiagnostics(invalidYaml, has("frontmatter/syntax"));
    await client.waitForIdle();

    // Still alive and working: a later edit is validated.
    const fixedVersion = await client.change(unclosed, "---\ntitle: Closed now\n---\n\nBody text.\n");
    await client.waitForDiagnostics(unclosed, (d, p) => p.version === fixedVersion && clean(d));
    await client.waitForIdle();
    assertNoServerErrors(client);
    assert.deepEqual(await client.shutdown(), { code: 0, signal: null }, "clean exit after shutdown");
  });

  it("reports file-level problems of files never opened (binary, invalid UTF-8, too large), like the CLI", async function () {
    const dir = copyOfExamples();
    fs.writeFileSync(
      path.join(dir, "wiki/binary.md"),
      Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0xff, 0xfe, 0x0a]),
    );
    fs.writeFileSync(path.join(dir, "wiki/latin1.md"), Buffer.from("---\ntitle: caf\xe9\n---\n", "latin1"));
    fs.writeFileSync(path.join(dir, "wiki/huge.md"), "---\ntitle: Huge\n---\n\n" + "word ".repeat(500_000));
    const client = await start({ workspaceFolder: dir });
    await client.waitForDiagnostics(client.uri("wiki/binary.md"), has("file/encoding"));
    await client.waitForDiagnostics(client.uri("wiki/latin1.md"), has("file/encoding"));
    await client.waitForDiagnostics(client.uri("wiki/huge.md"), has("file/too-large"));
    await assertSameAsCli(client, dir);
    assertNoServerErrors(client);
  });

  it("reports file/encoding for an open document holding NUL characters, as the CLI does for the same text on disk", async function () {
    const dir = copyOfExamples();
    const client = await start({ workspaceFolder: dir });
    const text = "---\ntitle: Binary-ish\n---\n\n\u0000\u0001\u0002 PK\u0003\u0004 \u0000\u0000\n";
    fs.writeFileSync(path.join(dir, "wiki/binary-ish.md"), text);
    const uri = client.uri("wiki/binary-ish.md");
    await client.waitForDiagnostics(uri, has("file/encoding"));
    await client.open(uri, text);
    await client.waitForIdle();
    assert.deepEqual(
      codes(client.latest(uri)!.diagnostics),
      ["file/encoding"],
      "the open copy is checked like the file",
    );
    assertNoServerErrors(client);
  });

  it("reports file/too-large for an open document over the size limit, as the CLI does for the file", async function () {
    const dir = copyOfExamples();
    const client = await start({ workspaceFolder: dir });
    const text = "---\ntitle: Huge\n---\n\n" + "word ".repeat(500_000);
    const uri = client.uri("wiki/huge.md");
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, has("file/too-large"));
    await client.waitForIdle();
    assertNoServerErrors(client);
  });
});
