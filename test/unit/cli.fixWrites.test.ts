import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * `kb-author check --fix` never loses or leaks data (issue 16, point 2): a file that changes while it
 * is fixed is not overwritten, files that must not be written are reported and left alone, an error
 * on one file does not stop the others, and a replaced file keeps its mode, owner, BOM and line ends.
 * The CLI as `tsc -b` builds it, run in a new process on temporary folders.
 */

const repoRoot = path.resolve(__dirname, "../../..");
const cliPath = path.join(repoRoot, "out", "server", "src", "cli", "main.js");
const isRoot = process.getuid?.() === 0;
/** The user a test runs the CLI as when it needs one that permissions apply to (root ignores them). */
const nobody = 65534;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, uid?: number): Run {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A map whose leaves each have a fixable problem: `## Mini Description` (section/level). */
function writeMap(dir: string, leaves: number): string[] {
  const names = Array.from({ length: leaves }, (_, i) => `Leaf_${String(i).padStart(3, "0")}`);
  fs.mkdirSync(path.join(dir, "Root"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "meta.json"),
    JSON.stringify({ rootDir: "Root", coverRootDescription: "R." }),
  );
  const order = names.map((name, i) => `${i + 1}. ${name}`).join("\n");
  fs.writeFileSync(
    path.join(dir, "Root", "Root.md"),
    `### Description\n\nThe root.\n\n### Order\n\n${order}\n`,
  );
  return names.map((name) => {
    const file = path.join(dir, "Root", name, `${name}.md`);
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, `## Mini Description\n\n${name}.\n`);
    return file;
  });
}

const fixedHeading = /^### Mini Description\n/;

describe("kb-author check --fix writes", function () {
  this.timeout(300_000);
  let temp: string;

  beforeEach(() => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-fix-writes-"));
    // The CLI may run as another user: it must reach the folder.
    fs.chmodSync(temp, 0o755);
  });
  afterEach(() => {
    fs.rmSync(temp, { recursive: true, force: true });
  });

  it("never loses a line that a concurrent writer appends (property, 4 rounds of 120 files)", async () => {
    for (let round = 1; round <= 4; round++) {
      const dir = path.join(temp, `round-${round}`);
      const files = writeMap(dir, 120);
      const child = spawn(process.execPath, [cliPath, "check", "--fix", "."], { cwd: dir });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      let running = true;
      const exited = new Promise<number | null>((resolve) =>
        child.on("exit", (code) => {
          running = false;
          resolve(code);
        }),
      );
      // Append to the files in turn until the check ends, letting the event loop see the exit.
      const appended = files.map(() => 0);
      for (let n = 0; running; n++) {
        const index = n % files.length;
        fs.appendFileSync(files[index], `appended line ${appended[index]++}\n`);
        if (n % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
      }
      const status = await exited;
      const lost: string[] = [];
      files.forEach((file, index) => {
        const lines = new Set(fs.readFileSync(file, "utf8").split("\n"));
        for (let line = 0; line < appended[index]; line++)
          if (!lines.has(`appended line ${line}`)) lost.push(`${path.basename(file)}: appended line ${line}`);
      });
      assert.deepEqual(
        lost.slice(0, 10),
        [],
        `round ${round}: ${lost.length} appended lines lost\n${output}`,
      );
      // Each file is fixed, or named on a line that says why not (it kept changing): nothing else.
      const notFixed = output.match(/^not fixed .*$/gm) ?? [];
      const unaccounted = files
        .map((file) => path.relative(dir, file).split(path.sep).join("/"))
        .filter((file) => !fixedHeading.test(fs.readFileSync(path.join(dir, file), "utf8")))
        .filter((file) => !notFixed.some((line) => line.startsWith(`not fixed ${file}: `)));
      assert.deepEqual(unaccounted, [], output);
      assert.equal(status, notFixed.length > 0 ? 1 : 0, output);
      assert.deepEqual(strayFiles(dir), [], "no temporary file is left behind");
    }
  });

  it("leaves a read-only file (mode 444, even as root) alone, says so, fixes the others, and exits 1", () => {
    const [readOnly, ...others] = writeMap(temp, 3);
    fs.chmodSync(readOnly, 0o444);
    const result = run(["check", "--fix", "."], temp);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(
      result.stdout,
      /^not fixed Root\/Leaf_000\/Leaf_000\.md: it is read-only \(mode 444\); left as it is$/m,
    );
    assert.match(result.stdout, /^2 problems fixed in 2 files; 1 file not fixed\.$/m);
    assert.equal(fs.readFileSync(readOnly, "utf8"), "## Mini Description\n\nLeaf_000.\n");
    assert.equal(fs.statSync(readOnly).mode & 0o777, 0o444);
    for (const file of others) assert.match(fs.readFileSync(file, "utf8"), fixedHeading);
  });

  it("leaves a file with another hard link alone (the link outside is unchanged) and says so", () => {
    const kb = path.join(temp, "kb");
    const [linked, other] = writeMap(kb, 2);
    const outside = path.join(temp, "outside", "other.md");
    fs.mkdirSync(path.dirname(outside));
    fs.linkSync(linked, outside);
    const result = run(["check", "--fix", "."], kb);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(
      result.stdout,
      /^not fixed Root\/Leaf_000\/Leaf_000\.md: it has 1 other hard link; left as it is$/m,
    );
    assert.equal(fs.readFileSync(outside, "utf8"), "## Mini Description\n\nLeaf_000.\n");
    assert.equal(fs.statSync(outside).ino, fs.statSync(linked).ino);
    assert.match(fs.readFileSync(other, "utf8"), fixedHeading);
  });

  it("reports a file it cannot write (EACCES) on its own line and fixes the others", () => {
    const files = writeMap(temp, 3);
    const lockedFolder = path.dirname(files[1]);
    if (isRoot) {
      // Root ignores permissions: the CLI runs as nobody, who owns everything but that folder.
      for (const entry of walk(temp)) fs.chownSync(entry, nobody, nobody);
      fs.chownSync(temp, nobody, nobody);
      fs.chownSync(lockedFolder, 0, 0);
    }
    fs.chmodSync(lockedFolder, 0o555);
    const result = run(["check", "--fix", "."], temp, isRoot ? nobody : undefined);
    fs.chmodSync(lockedFolder, 0o755);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.equal(result.stderr, "");
    assert.match(
      result.stdout,
      /^not fixed Root\/Leaf_001\/Leaf_001\.md: EACCES: permission denied, open '.*\.tmp'$/m,
    );
    assert.match(result.stdout, /^2 problems fixed in 2 files; 1 file not fixed\.$/m);
    assert.match(fs.readFileSync(files[0], "utf8"), fixedHeading);
    assert.equal(fs.readFileSync(files[1], "utf8"), "## Mini Description\n\nLeaf_001.\n");
    assert.match(fs.readFileSync(files[2], "utf8"), fixedHeading);
    assert.deepEqual(strayFiles(temp), []);
  });

  it("replaces a file atomically, keeping its mode (and its owner, as root)", () => {
    const [file] = writeMap(temp, 1);
    fs.chmodSync(file, 0o640);
    if (isRoot) fs.chownSync(file, nobody, nobody);
    const before = fs.statSync(file);
    const result = run(["check", "--fix", "."], temp);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const after = fs.statSync(file);
    assert.match(fs.readFileSync(file, "utf8"), fixedHeading);
    assert.notEqual(after.ino, before.ino, "a new file took the old one's place");
    assert.equal(after.mode & 0o7777, 0o640);
    assert.equal(after.uid, before.uid);
    assert.equal(after.gid, before.gid);
    assert.deepEqual(strayFiles(temp), []);
  });

  it("keeps CR-only line ends and a doubled BOM, and adds no section that is already there", () => {
    const files = writeMap(temp, 4);
    const [crOnly, doubledBom, crOnlyFixable, doubledBomFixable] = files;
    fs.writeFileSync(crOnly, "### Mini Description\r\rLeaf_000.\r");
    fs.writeFileSync(doubledBom, "\uFEFF\uFEFF### Mini Description\n\nLeaf_001.\n");
    fs.writeFileSync(crOnlyFixable, "## Mini Description\r\rLeaf_002.\r");
    fs.writeFileSync(
      doubledBomFixable,
      "\uFEFF\uFEFF<!-- A comment. -->\n\n## Mini Description\n\nLeaf_003.\n",
    );
    const check = run(["check", "."], temp);
    // The builder does not see a heading behind a BOM: a hidden section, not a missing one.
    assert.match(check.stdout, /^Root\/Leaf_001\/Leaf_001\.md:1:2 warning .*\[section\/hidden\]$/m);
    assert.doesNotMatch(check.stdout, /Leaf_001\.md.*section\/missing/);

    const result = run(["check", "--fix", "."], temp);
    assert.match(result.stdout, /^2 problems fixed in 2 files\.$/m, result.stdout);
    assert.equal(fs.readFileSync(crOnly, "utf8"), "### Mini Description\r\rLeaf_000.\r");
    assert.equal(fs.readFileSync(doubledBom, "utf8"), "\uFEFF\uFEFF### Mini Description\n\nLeaf_001.\n");
    assert.equal(fs.readFileSync(crOnlyFixable, "utf8"), "### Mini Description\r\rLeaf_002.\r");
    assert.equal(
      fs.readFileSync(doubledBomFixable, "utf8"),
      "\uFEFF\uFEFF<!-- A comment. -->\n\n### Mini Description\n\nLeaf_003.\n",
    );
  });
});

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? [full, ...walk(full)] : [full];
  });
}

/** Files the replace would have left behind (its temporary files and second names). */
function strayFiles(dir: string): string[] {
  return walk(dir).filter((file) => /\.kb-author-\d+-\d+\.(tmp|old)$/.test(file));
}
