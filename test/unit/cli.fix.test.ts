import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * `kb-author check --fix` (issue 4, scope 7), run in a new process on temporary copies (never on the
 * repository's files): the CLI as `tsc -b` builds it (out/server/src/cli/main.js), so that these tests
 * need no bundle.
 */

const repoRoot = path.resolve(__dirname, "../../..");
const cliPath = path.join(repoRoot, "out", "server", "src", "cli", "main.js");
const examplesDir = path.join(repoRoot, "examples");

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under a folder with its bytes and modification time. */
function snapshot(dir: string): Map<string, { bytes: Buffer; mtime: number }> {
  const files = new Map<string, { bytes: Buffer; mtime: number }>();
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        files.set(path.relative(dir, full).split(path.sep).join("/"), {
          bytes: fs.readFileSync(full),
          mtime: fs.statSync(full).mtimeMs,
        });
    }
  };
  walk(dir);
  return files;
}

/** The files whose bytes differ between two snapshots. */
function changedFiles(
  before: Map<string, { bytes: Buffer; mtime: number }>,
  after: Map<string, { bytes: Buffer; mtime: number }>,
): string[] {
  return [...after.keys()].filter((file) => !before.get(file)?.bytes.equals(after.get(file)!.bytes)).sort();
}

/** Files whose modification time changed. */
function touchedFiles(
  before: Map<string, { bytes: Buffer; mtime: number }>,
  after: Map<string, { bytes: Buffer; mtime: number }>,
): string[] {
  return [...after.keys()].filter((file) => before.get(file)?.mtime !== after.get(file)!.mtime).sort();
}

describe("kb-author check --fix", function () {
  this.timeout(120_000);
  let temp: string;

  beforeEach(() => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-fix-"));
  });
  afterEach(() => {
    fs.rmSync(temp, { recursive: true, force: true });
  });

  /** A copy of the bundled examples, with modification times in the past so that a write shows. */
  function examplesCopy(): string {
    const dir = path.join(temp, "examples");
    fs.cpSync(examplesDir, dir, { recursive: true });
    const past = new Date(Date.now() - 3_600_000);
    for (const file of snapshot(dir).keys()) fs.utimesSync(path.join(dir, file), past, past);
    return dir;
  }

  it("fixes every safe problem of the examples in place, says what it fixed, and reports what remains", () => {
    const dir = examplesCopy();
    const before = snapshot(dir);
    const result = run(["check", "--fix", "."], dir);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const lines = result.stdout.trim().split("\n");
    assert.deepEqual(lines.slice(0, 7), [
      "fixed AI_Safety/Technical_Foundations/Alignment_Theory/Alignment_Theory.md: link/unresolved",
      "fixed AI_Safety/Technical_Foundations/Interpretability/Interpretability.md: order/unknown-entry",
      "fixed AI_Safety/Technical_Foundations/Robustness/Robustness.md: section/missing",
      "fixed AI_Safety/Technical_Foundations/Verification_and_Testing/Verification_and_Testing.md: link/other-node",
      "fixed wiki/mistake-missing-title.md: frontmatter/required",
      "fixed wiki/mistake-unknown-property.md: frontmatter/misspelt-property",
      "6 problems fixed in 6 files.",
    ]);
    // What remains has no safe fix: broken YAML, and a value out of range.
    assert.match(lines[7], /^wiki\/mistake-broken-yaml\.md:\d+:\d+ error .*\[frontmatter\/syntax\]$/);
    assert.match(
      lines[8],
      /^wiki\/mistake-importance-out-of-range\.md:\d+:\d+ error .*\[frontmatter\/invalid-value\]$/,
    );
    assert.equal(lines[9], "36 files checked: 2 errors, 0 warnings.");

    const after = snapshot(dir);
    assert.deepEqual(changedFiles(before, after), [
      "AI_Safety/Technical_Foundations/Alignment_Theory/Alignment_Theory.md",
      "AI_Safety/Technical_Foundations/Interpretability/Interpretability.md",
      "AI_Safety/Technical_Foundations/Robustness/Robustness.md",
      "AI_Safety/Technical_Foundations/Verification_and_Testing/Verification_and_Testing.md",
      "wiki/mistake-missing-title.md",
      "wiki/mistake-unknown-property.md",
    ]);
    // No other file was written at all.
    assert.deepEqual(touchedFiles(before, after), changedFiles(before, after));
    const read = (file: string) => fs.readFileSync(path.join(dir, file), "utf8");
    assert.match(
      read("AI_Safety/Technical_Foundations/Interpretability/Interpretability.md"),
      /\n2\. Feature_Attribution\n$/,
    );
    assert.match(read("wiki/mistake-unknown-property.md"), /\nllmSummary: /);
    assert.ok(
      read("AI_Safety/Technical_Foundations/Robustness/Robustness.md").startsWith(
        "### Mini Description\n\nOne paragraph that says what this node covers.\n\n### Description\n",
      ),
    );

    // A second run has nothing to fix and writes nothing.
    const again = run(["check", "--fix", "."], dir);
    assert.equal(again.status, 1);
    assert.match(again.stdout, /^0 problems fixed in 0 files\.\n/);
    assert.deepEqual(touchedFiles(after, snapshot(dir)), []);
  });

  it("touches nothing outside the paths it checks", () => {
    const dir = examplesCopy();
    const before = snapshot(dir);
    const result = run(["check", "--fix", "AI_Safety/Technical_Foundations/Robustness"], dir);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(
      result.stdout,
      /^fixed AI_Safety\/Technical_Foundations\/Robustness\/Robustness\.md: section\/missing\n1 problem fixed in 1 file\.\n/,
    );
    assert.deepEqual(touchedFiles(before, snapshot(dir)), [
      "AI_Safety/Technical_Foundations/Robustness/Robustness.md",
    ]);
  });

  it("keeps stdout machine-readable with --format json (the list of fixes goes to stderr)", () => {
    const dir = examplesCopy();
    const result = run(["check", "--fix", "--format", "json", "wiki"], dir);
    assert.equal(result.status, 1);
    const output = JSON.parse(result.stdout) as { summary: { errors: number; warnings: number } };
    assert.deepEqual(output.summary, { files: 5, errors: 2, warnings: 0 });
    assert.match(result.stderr, /^fixed wiki\/mistake-missing-title\.md: frontmatter\/required\n/m);
    assert.match(result.stderr, /^2 problems fixed in 2 files\.$/m);
  });

  it("keeps a file's BOM and CRLF line endings, and exits 0 once every error is fixed", () => {
    const dir = path.join(temp, "kb");
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
    write("meta.json", JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }));
    // Every node with children needs an Order (by default only when most of the map's such nodes have one).
    write("kb-author.jsonc", JSON.stringify({ maps: { order: "required" } }));
    // The first line is no heading: a BOM would hide a first-line `###` from the builder (section/hidden).
    // `1. Beta` moves Beta to the front once `Alphaa` is corrected: order/numbering, fixed next.
    write(
      "Root/Root.md",
      "\uFEFF<!-- The map's root. -->\r\n\r\n### Description\r\n\r\nThe root.\r\n\r\n### Order\r\n\r\n1. Alphaa\r\n1. Beta\r\n",
    );
    write("Root/Alpha/Alpha.md", "### Mini Description\n\nAlpha.\n");
    write("Root/Beta/Beta.md", "### Mini Description\n\nBeta.\n");
    write("Root/Beta/Gamma/Gamma.md", "### Mini Description\n\nGamma.\n");
    const result = run(["check", "--fix"], dir);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(
      result.stdout,
      [
        "fixed Root/Beta/Beta.md: section/missing",
        "fixed Root/Root.md: order/unknown-entry, order/numbering",
        "3 problems fixed in 2 files.",
        "6 files checked: 0 errors, 0 warnings.",
        "",
      ].join("\n"),
    );
    assert.equal(
      fs.readFileSync(path.join(dir, "Root/Root.md"), "utf8"),
      "\uFEFF<!-- The map's root. -->\r\n\r\n### Description\r\n\r\nThe root.\r\n\r\n### Order\r\n\r\n1. Alpha\r\n2. Beta\r\n",
    );
  });

  it("is in the usage text", () => {
    const result = run(["--help"], temp);
    assert.match(result.stdout, /--fix\s+apply every safe fix in place/);
  });
});
