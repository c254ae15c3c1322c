import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv from "ajv";
import { corpusDir, itWithShared } from "../support/sharedData";

/**
 * End-to-end tests of `kb-author check` (issue 2, section 7): each test runs the built CLI
 * (`node bin/kb-author.js`, which loads dist/cli.js: run `npm run build` first) in a new process.
 */

/** Runs from out/test/unit/, so the repository root is three folders up. */
const repoRoot = path.resolve(__dirname, "../../..");
const binPath = path.join(repoRoot, "bin", "kb-author.js");
const examplesDir = path.join(repoRoot, "examples");

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], cwd: string): CliResult {
  const result = spawnSync(process.execPath, [binPath, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI and asserts its exit status, showing the output when it is not the expected one. */
function expectStatus(args: string[], cwd: string, status: number): CliResult {
  const result = runCli(args, cwd);
  assert.equal(
    result.status,
    status,
    `kb-author ${args.join(" ")} (in ${cwd}) exited ${result.status}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`,
  );
  return result;
}

// ---------------------------------------------------------------------------------------------
// The documented `--format json` shape (issue 2, section 7). More fields are allowed.

type Severity = "error" | "warning" | "info" | "hint";

interface JsonPosition {
  line: number;
  character: number;
}

interface JsonDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: { start: JsonPosition; end: JsonPosition };
}

interface JsonFile {
  path: string;
  kind: "map-node" | "topic" | "papers" | "meta" | "config" | null;
  diagnostics: JsonDiagnostic[];
}

interface JsonOutput {
  version: 1;
  files: JsonFile[];
  summary: { files: number; errors: number; warnings: number };
}

const count = { type: "integer", minimum: 0 };
const position = {
  type: "object",
  required: ["line", "character"],
  properties: { line: count, character: count },
};
const jsonOutputSchema = {
  type: "object",
  required: ["version", "files", "summary"],
  properties: {
    version: { const: 1 },
    files: {
      type: "array",
      items: {
        type: "object",
        required: ["path", "kind", "diagnostics"],
        properties: {
          path: { type: "string", minLength: 1, not: { pattern: "\\\\" } },
          kind: { enum: ["map-node", "topic", "papers", "meta", "config", null] },
          diagnostics: {
            type: "array",
            minItems: 1,
            items: {
              type: "object",
              required: ["code", "severity", "message", "range"],
              properties: {
                code: { type: "string", pattern: "^[a-z]+/[a-z-]+$" },
                severity: { enum: ["error", "warning", "info", "hint"] },
                message: { type: "string", minLength: 1 },
                range: {
                  type: "object",
                  required: ["start", "end"],
                  properties: { start: position, end: position },
                },
              },
            },
          },
        },
      },
    },
    summary: {
      type: "object",
      required: ["files", "errors", "warnings"],
      properties: { files: count, errors: count, warnings: count },
    },
  },
};
const validateJsonOutput = new Ajv({ allErrors: true, strict: true }).compile<JsonOutput>(jsonOutputSchema);

/** Parses `--format json` output and checks it against the documented shape and its own summary. */
function parseJsonOutput(stdout: string): JsonOutput {
  const output = JSON.parse(stdout) as unknown;
  assert.ok(validateJsonOutput(output), JSON.stringify(validateJsonOutput.errors, null, 2));
  const all = output.files.flatMap((file) => file.diagnostics);
  assert.equal(output.summary.errors, all.filter((d) => d.severity === "error").length, "summary.errors");
  assert.equal(
    output.summary.warnings,
    all.filter((d) => d.severity === "warning").length,
    "summary.warnings",
  );
  assert.ok(output.summary.files >= output.files.length, "summary.files counts every checked file");
  return output;
}

// ---------------------------------------------------------------------------------------------
// `--format text`: `path:line:col severity message [code]`, then one summary line.

interface TextDiagnostic {
  path: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
  code: string;
}

const textLinePattern = /^(.+?):(\d+):(\d+) (error|warning|info|hint) (.+) \[([a-z]+\/[a-z-]+)\]$/;
const summaryLinePattern = /^(\d+) files? checked: (\d+) errors?, (\d+) warnings?\.$/;

function parseTextOutput(stdout: string): { diagnostics: TextDiagnostic[]; summary: string } {
  assert.ok(stdout.endsWith("\n"), "output ends with a newline");
  const lines = stdout.slice(0, -1).split("\n");
  const summary = lines.pop()!;
  assert.match(summary, summaryLinePattern);
  const diagnostics = lines.map((line) => {
    const match = textLinePattern.exec(line);
    assert.ok(match, `not \`path:line:col severity message [code]\`: ${line}`);
    const [, file, lineNumber, column, severity, message, code] = match;
    return {
      path: file,
      line: Number(lineNumber),
      column: Number(column),
      severity: severity as Severity,
      message,
      code,
    };
  });
  return { diagnostics, summary };
}

// ---------------------------------------------------------------------------------------------
// Temporary trees.

let tempRoot: string;

function tempDir(name: string): string {
  const dir = path.join(tempRoot, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A copy of the valid part of examples/: the Governance_and_Policy branch (at the same path, so its
 * absolute Related Nodes links still resolve) and the seed topic entry. No meta.json: nodes are found
 * by the `X/X.md` convention.
 */
function makeCleanTree(name: string): string {
  const dir = tempDir(name);
  fs.cpSync(
    path.join(examplesDir, "AI_Safety", "Governance_and_Policy"),
    path.join(dir, "AI_Safety", "Governance_and_Policy"),
    { recursive: true },
  );
  fs.mkdirSync(path.join(dir, "wiki"));
  fs.copyFileSync(
    path.join(examplesDir, "wiki", "international-coordination.md"),
    path.join(dir, "wiki", "international-coordination.md"),
  );
  return dir;
}

/** A tree of topic entries copied from examples/wiki/. */
function makeWikiTree(name: string, files: string[]): string {
  const dir = tempDir(name);
  fs.mkdirSync(path.join(dir, "wiki"));
  for (const file of files)
    fs.copyFileSync(path.join(examplesDir, "wiki", file), path.join(dir, "wiki", file));
  return dir;
}

function writeFile(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Every file `kb-author check` looks at below a folder: Markdown and the knowledge base's JSON files. */
function countCheckedFiles(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".") && entry.name !== "node_modules") {
        total += countCheckedFiles(path.join(dir, entry.name));
      }
    } else if (
      /\.mdx?$/.test(entry.name) ||
      ["papers.json", "meta.json", "kb-author.jsonc"].includes(entry.name)
    ) {
      total++;
    }
  }
  return total;
}

/** The seeded mistakes of examples/ (examples/README.md): file, then a code it must produce. */
const seededMistakes: [string, string][] = [
  ["AI_Safety/Technical_Foundations/Interpretability/Interpretability.md", "order/unknown-entry"],
  ["AI_Safety/Technical_Foundations/Robustness/Robustness.md", "section/missing"],
  ["AI_Safety/Technical_Foundations/Alignment_Theory/Alignment_Theory.md", "link/unresolved"],
  ["AI_Safety/Technical_Foundations/Verification_and_Testing/Verification_and_Testing.md", "link/other-node"],
  ["wiki/mistake-unknown-property.md", "frontmatter/misspelt-property"],
  ["wiki/mistake-importance-out-of-range.md", "frontmatter/invalid-value"],
  ["wiki/mistake-missing-title.md", "frontmatter/required"],
  ["wiki/mistake-broken-yaml.md", "frontmatter/syntax"],
];

describe("kb-author CLI (kb-author check)", function () {
  before(function () {
    assert.ok(
      fs.existsSync(path.join(repoRoot, "dist", "cli.js")),
      "dist/cli.js is missing: run `npm run build` first",
    );
    tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-cli-test-"));
  });

  after(function () {
    if (tempRoot) fs.rmSync(tempRoot, { recursive: true, force: true });
  });

  describe("exit status", function () {
    it("is 0 with no output but the summary on a clean tree (a copy of the valid part of examples/)", function () {
      const dir = makeCleanTree("clean");
      const result = expectStatus(["check"], dir, 0);
      assert.equal(result.stdout, `${countCheckedFiles(dir)} files checked: 0 errors, 0 warnings.\n`);
      assert.equal(result.stderr, "");
    });

    it("is 1 when there are errors (examples/)", function () {
      const result = expectStatus(["check", "examples"], repoRoot, 1);
      assert.equal(result.stderr, "");
    });

    it("is 0 when there are only warnings", function () {
      const dir = makeWikiTree("warnings-only", [
        "international-coordination.md",
        "mistake-unknown-property.md",
      ]);
      for (const format of ["text", "json", "sarif"]) {
        const result = expectStatus(["check", "--format", format], dir, 0);
        if (format === "json") {
          const output = parseJsonOutput(result.stdout);
          assert.deepEqual(output.summary, { files: 2, errors: 0, warnings: 1 });
        }
      }
    });

    it("is 2 on an unknown option, with a message and the usage on stderr and nothing on stdout", function () {
      const result = expectStatus(["check", "examples", "--frobnicate"], repoRoot, 2);
      assert.equal(result.stdout, "");
      assert.match(result.stderr, /--frobnicate/);
      assert.match(result.stderr, /Usage: kb-author check/);
    });

    it("is 2 on an unknown command", function () {
      const result = expectStatus(["lint", "examples"], repoRoot, 2);
      assert.equal(result.stdout, "");
      assert.match(result.stderr, /lint/);
    });

    it("is 2 on an unknown --format, or --format without a value", function () {
      for (const args of [["--format", "xml"], ["--format=yaml"], ["--format", "JSON"], ["--format"]]) {
        const result = expectStatus(["check", "examples", ...args], repoRoot, 2);
        assert.equal(result.stdout, "", args.join(" "));
        assert.match(result.stderr, /--format/, args.join(" "));
      }
    });

    it("is 2 when the --config file is missing, is a folder, or is not given", function () {
      const folder = tempDir("config-is-a-folder");
      for (const args of [["--config", "no-such-config.jsonc"], ["--config", folder], ["--config"]]) {
        const result = expectStatus(["check", "examples", ...args], repoRoot, 2);
        assert.equal(result.stdout, "", args.join(" "));
        assert.match(result.stderr, /--config/, args.join(" "));
      }
    });

    it("is 2 when a path does not exist (even next to one that does)", function () {
      const result = expectStatus(["check", "examples", "no-such-folder"], repoRoot, 2);
      assert.equal(result.stdout, "");
      assert.match(result.stderr, /no-such-folder/);
    });

    it("reads a --config kept outside the checked tree: its globs and routes from that tree, its schema from beside it", function () {
      const dir = tempDir("config-outside-the-tree");
      const page =
        "---\ntitle: Misuse\nseverity: extreme\n---\n\n## Overview\n\nSee [the guide](/guides/setup/).\n";
      writeFile(path.join(dir, "site", "pages", "risks", "misuse.md"), page);
      writeFile(path.join(dir, "site", "pages", "guides", "setup.md"), "---\ntitle: Setup\n---\n\nSteps.\n");
      const config = writeFile(
        path.join(dir, "configs", "kb-author.jsonc"),
        JSON.stringify({
          assign: [{ files: ["pages/risks/*.md"], kind: "risk" }],
          kinds: { risk: { frontmatter: { schema: "./risk.schema.json" } } },
          links: { routes: [{ prefix: "/", folder: "pages" }] },
        }),
      );
      writeFile(
        path.join(dir, "configs", "risk.schema.json"),
        JSON.stringify({ type: "object", properties: { severity: { enum: ["low", "high"] } } }),
      );
      // Run in the site's folder, the workspace as an editor opened there would have it.
      const result = expectStatus(
        ["check", ".", "--format=json", "--config", config],
        path.join(dir, "site"),
        1,
      );
      const found = parseJsonOutput(result.stdout).files.flatMap((file) =>
        file.diagnostics.map((diagnostic) => `${path.basename(file.path)} ${diagnostic.code}`),
      );
      // The kind by the glob, its schema from the config's folder, the route from the checked folder.
      assert.deepEqual(found, ["misuse.md frontmatter/invalid-value"]);
    });

    it("accepts --format=json and --config=FILE as single arguments", function () {
      const dir = makeWikiTree("inline-values", ["mistake-importance-out-of-range.md"]);
      const config = writeFile(
        path.join(dir, "ci.jsonc"),
        '{ "severity": { "frontmatter/invalid-value": "off" } }',
      );
      const result = expectStatus(["check", "wiki", "--format=json", `--config=${config}`], dir, 0);
      assert.deepEqual(parseJsonOutput(result.stdout).files, []);
    });
  });

  describe("--format text", function () {
    it("prints `path:line:col severity message [code]` with 1-based positions, then a summary line", function () {
      const result = expectStatus(["check", "examples", "--format", "text"], repoRoot, 1);
      const { diagnostics, summary } = parseTextOutput(result.stdout);
      const errors = diagnostics.filter((d) => d.severity === "error").length;
      const warnings = diagnostics.filter((d) => d.severity === "warning").length;
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
      assert.equal(
        summary,
        `${plural(countCheckedFiles(examplesDir), "file")} checked: ${plural(errors, "error")}, ${plural(warnings, "warning")}.`,
      );
      const at = (file: string, code: string) => diagnostics.find((d) => d.path === file && d.code === code);
      // Positions from examples/README.md's table of seeded mistakes.
      assert.deepEqual(
        [at("examples/AI_Safety/Technical_Foundations/Robustness/Robustness.md", "section/missing")].map(
          (d) => [d?.line, d?.column, d?.severity],
        ),
        [[1, 1, "warning"]],
      );
      const outOfRange = at("examples/wiki/mistake-importance-out-of-range.md", "frontmatter/invalid-value");
      assert.deepEqual([outOfRange?.line, outOfRange?.column, outOfRange?.severity], [4, 13, "error"]);
      const typo = at("examples/wiki/mistake-unknown-property.md", "frontmatter/misspelt-property");
      assert.deepEqual([typo?.line, typo?.column, typo?.severity], [6, 1, "warning"]);
      assert.match(typo?.message ?? "", /llmSummary/);
      const unknownEntry = at(
        "examples/AI_Safety/Technical_Foundations/Interpretability/Interpretability.md",
        "order/unknown-entry",
      );
      assert.equal(unknownEntry?.line, 16);
    });

    it("prints paths relative to the current folder, with `/` separators", function () {
      const fromRepo = parseTextOutput(expectStatus(["check", "examples"], repoRoot, 1).stdout).diagnostics;
      const fromWiki = parseTextOutput(
        expectStatus(["check", ".."], path.join(examplesDir, "wiki"), 1).stdout,
      ).diagnostics;
      const elsewhere = tempDir("cwd-elsewhere");
      const fromTemp = parseTextOutput(expectStatus(["check", examplesDir], elsewhere, 1).stdout).diagnostics;
      const fromInside = parseTextOutput(
        expectStatus(["check"], path.join(examplesDir, "AI_Safety", "Technical_Foundations"), 1).stdout,
      ).diagnostics;
      for (const [cwd, diagnostics] of [
        [repoRoot, fromRepo],
        [path.join(examplesDir, "wiki"), fromWiki],
        [elsewhere, fromTemp],
      ] as const) {
        assert.equal(diagnostics.length, fromRepo.length, cwd);
        for (const d of diagnostics) {
          assert.ok(!path.isAbsolute(d.path) && !d.path.includes("\\"), `${cwd}: ${d.path}`);
          assert.ok(fs.existsSync(path.resolve(cwd, d.path)), `${cwd}: ${d.path} does not exist`);
        }
      }
      assert.ok(fromRepo.every((d) => d.path.startsWith("examples/")));
      assert.ok(fromWiki.some((d) => d.path === "mistake-importance-out-of-range.md"));
      assert.ok(
        fromWiki.some((d) => d.path === "../AI_Safety/Technical_Foundations/Robustness/Robustness.md"),
      );
      const relativeExamples = path.relative(elsewhere, examplesDir).split(path.sep).join("/");
      assert.ok(fromTemp.every((d) => d.path.startsWith(relativeExamples + "/")));
      // From inside the map, below its meta.json, the same diagnostics (absolute links still resolve
      // from the folder holding meta.json), with shorter paths.
      const branch = "examples/AI_Safety/Technical_Foundations/";
      assert.deepEqual(
        fromInside,
        fromRepo
          .filter((d) => d.path.startsWith(branch))
          .map((d) => ({ ...d, path: d.path.slice(branch.length) })),
      );
      assert.equal(fromInside.length, 4);
    });

    it("is the default format", function () {
      const explicit = runCli(["check", "examples", "--format", "text"], repoRoot);
      const implicit = runCli(["check", "examples"], repoRoot);
      assert.equal(implicit.stdout, explicit.stdout);
    });
  });

  describe("--format json", function () {
    it("has the documented shape: version 1, files with diagnostics only, kinds, summary", function () {
      const result = expectStatus(["check", "examples", "--format", "json"], repoRoot, 1);
      const output = parseJsonOutput(result.stdout);
      assert.equal(output.summary.files, countCheckedFiles(examplesDir));
      assert.ok(output.files.every((file) => file.diagnostics.length > 0));
      // The valid files produce nothing; every seeded mistake produces its code.
      assert.deepEqual(
        output.files.map((file) => file.path).sort(),
        [...new Set(seededMistakes.map(([file]) => `examples/${file}`))].sort(),
      );
      for (const [file, code] of seededMistakes) {
        const listed = output.files.find((f) => f.path === `examples/${file}`);
        assert.ok(
          listed?.diagnostics.some((d) => d.code === code),
          `${file}: no ${code} in ${JSON.stringify(listed)}`,
        );
        assert.equal(listed?.kind, file.startsWith("wiki/") ? "topic" : "map-node", file);
      }
    });

    it("gives 0-based ranges (the text format's positions minus one)", function () {
      const json = parseJsonOutput(runCli(["check", "examples", "--format", "json"], repoRoot).stdout);
      const text = parseTextOutput(
        runCli(["check", "examples", "--format", "text"], repoRoot).stdout,
      ).diagnostics;
      const fromJson = json.files.flatMap((file) =>
        file.diagnostics.map((d) => ({
          path: file.path,
          line: d.range.start.line + 1,
          column: d.range.start.character + 1,
          severity: d.severity,
          message: d.message,
          code: d.code,
        })),
      );
      assert.deepEqual(fromJson, text);
      const robustness = json.files.find((f) => f.path.endsWith("/Robustness.md"));
      assert.deepEqual(robustness?.diagnostics[0].range.start, { line: 0, character: 0 });
      const outOfRange = json.files.find(
        (f) => f.path === "examples/wiki/mistake-importance-out-of-range.md",
      );
      assert.deepEqual(outOfRange?.diagnostics[0].range, {
        start: { line: 3, character: 12 },
        end: { line: 3, character: 15 },
      });
    });

    it("lists no files on a clean tree and still counts the files checked", function () {
      const dir = makeCleanTree("clean-json");
      const output = parseJsonOutput(expectStatus(["check", "--format", "json"], dir, 0).stdout);
      assert.deepEqual(output, {
        version: 1,
        files: [],
        summary: { files: countCheckedFiles(dir), errors: 0, warnings: 0 },
      });
    });

    it("reports kinds papers, meta and config", function () {
      const dir = tempDir("json-kinds");
      writeFile(path.join(dir, "meta.json"), '{ "rootDir": "No_Such_Folder" }\n');
      writeFile(path.join(dir, "kb-author.jsonc"), '{ "severity": { "no/such-code": "off" } }\n');
      writeFile(path.join(dir, "papers.json"), '{ "papers": 3 }\n');
      const output = parseJsonOutput(expectStatus(["check", "--format", "json"], dir, 1).stdout);
      const kinds = Object.fromEntries(output.files.map((file) => [file.path, file.kind]));
      assert.deepEqual(kinds, { "kb-author.jsonc": "config", "meta.json": "meta", "papers.json": "papers" });
      const codes = Object.fromEntries(output.files.map((file) => [file.path, file.diagnostics[0].code]));
      assert.deepEqual(codes, {
        "kb-author.jsonc": "config/invalid",
        "meta.json": "meta/root-dir",
        "papers.json": "papers/invalid",
      });
    });
  });

  describe("--config FILE", function () {
    it("applies to every checked file, instead of the nearest kb-author.jsonc", function () {
      const dir = makeWikiTree("config-everywhere", [
        "international-coordination.md",
        "mistake-unknown-property.md",
        "mistake-importance-out-of-range.md",
      ]);
      // The tree's own configuration would silence the typo warning; --config must win over it.
      writeFile(
        path.join(dir, "kb-author.jsonc"),
        '{ "severity": { "frontmatter/misspelt-property": "off" } }\n',
      );
      const config = writeFile(
        path.join(tempDir("config-elsewhere"), "ci.jsonc"),
        '// CI settings\n{ "severity": { "frontmatter/invalid-value": "off", "frontmatter/misspelt-property": "error" } }\n',
      );
      const output = parseJsonOutput(
        expectStatus(["check", dir, examplesDir, "--format", "json", "--config", config], tempRoot, 1).stdout,
      );
      const all = output.files.flatMap((file) => file.diagnostics.map((d) => ({ path: file.path, ...d })));
      assert.deepEqual(
        all.filter((d) => d.code === "frontmatter/invalid-value"),
        [],
        "invalid-value is off everywhere",
      );
      const typos = all.filter((d) => d.code === "frontmatter/misspelt-property");
      assert.deepEqual(
        typos.map((d) => [d.path, d.severity]).sort(),
        [
          ["config-everywhere/wiki/mistake-unknown-property.md", "error"],
          [
            `${path.relative(tempRoot, examplesDir).split(path.sep).join("/")}/wiki/mistake-unknown-property.md`,
            "error",
          ],
        ].sort(),
      );
      // Without --config, the nearest configuration applies again.
      const own = parseJsonOutput(expectStatus(["check", dir, "--format", "json"], tempRoot, 1).stdout);
      assert.deepEqual(
        own.files.flatMap((file) => file.diagnostics.map((d) => d.code)),
        ["frontmatter/invalid-value"],
      );
    });

    it("turning the only error's code off makes the exit status 0", function () {
      const dir = makeWikiTree("config-off", ["mistake-importance-out-of-range.md"]);
      expectStatus(["check"], dir, 1);
      const config = writeFile(
        path.join(dir, "..", "config-off.jsonc"),
        '{"severity":{"frontmatter/invalid-value":"off"}}',
      );
      const result = expectStatus(["check", "--config", config], dir, 0);
      assert.match(result.stdout, / 0 errors, 0 warnings\.\n$/);
    });

    it("reports an invalid --config file as a diagnostic (config/invalid, exit 1), not as exit 2", function () {
      const dir = makeWikiTree("config-invalid", ["international-coordination.md"]);
      const config = writeFile(
        path.join(tempDir("config-invalid-folder"), "kb-author.jsonc"),
        '{ "severity": { "no/such-code": "off" } }\n',
      );
      const output = parseJsonOutput(
        expectStatus(["check", "--config", config, "--format", "json"], dir, 1).stdout,
      );
      assert.deepEqual(
        output.files.map((file) => [file.path, file.kind, file.diagnostics.map((d) => d.code)]),
        [["../config-invalid-folder/kb-author.jsonc", "config", ["config/invalid"]]],
      );
    });

    it("reports an invalid --config file with any name (e.g. ci.jsonc) as config/invalid", function () {
      const dir = makeWikiTree("config-invalid-any-name", ["international-coordination.md"]);
      const config = writeFile(path.join(dir, "ci.jsonc"), '{ "severity": { "no/such-code": "off" } }\n');
      const output = parseJsonOutput(
        expectStatus(["check", "wiki", "--config", config, "--format", "json"], dir, 1).stdout,
      );
      assert.deepEqual(
        output.files.map((file) => [file.path, file.kind, file.diagnostics.map((d) => d.code)]),
        [["ci.jsonc", "config", ["config/invalid"]]],
      );
    });
  });

  describe("the shared corpus (llm-ai-safety-map)", function () {
    itWithShared(
      "corpus",
      "reports exactly 3 section/missing warnings (the non-leaf nodes without an Order, unlike the map's other 1134), nothing else",
      function () {
        this.timeout(60_000);
        const target = path.relative(repoRoot, corpusDir) || ".";
        // Warnings only: the map is published, its three nodes' children in sorted order (exit status 0).
        const result = expectStatus(["check", target, "--format", "json"], repoRoot, 0);
        const output = parseJsonOutput(result.stdout);
        const found = output.files.flatMap((file) =>
          file.diagnostics
            .filter((d) => d.severity === "error" || d.severity === "warning")
            .map((d) => ({
              node: path.posix.basename(file.path, ".md"),
              kind: file.kind,
              code: d.code,
              message: d.message,
            })),
        );
        assert.deepEqual(found.map(({ node, kind, code }) => [node, kind, code]).sort(), [
          ["Dynamic_Ensembles", "map-node", "section/missing"],
          ["Intervention_Mechanisms", "map-node", "section/missing"],
          ["Search-based_Generation", "map-node", "section/missing"],
        ]);
        for (const d of found) assert.match(d.message, /Order/);
        assert.deepEqual(output.summary.errors, 0);
        assert.deepEqual(output.summary.warnings, 3);
        assert.ok(output.summary.files > 6000, `only ${output.summary.files} files checked`);
        const text = expectStatus(["check", target], repoRoot, 0).stdout;
        assert.equal(text.split("\n").filter((line) => line.endsWith("[section/missing]")).length, 3);
      },
    );
  });

  describe("--help and --version", function () {
    it("--help, -h, `check --help` and no arguments print the usage and exit 0", function () {
      for (const args of [["--help"], ["-h"], ["check", "--help"], ["help"], []]) {
        const result = expectStatus(args, repoRoot, 0);
        assert.match(
          result.stdout,
          /^Usage: kb-author check \[paths\.\.\.\] \[--format text\|json\|sarif\] \[--config FILE\]/,
        );
        assert.match(
          result.stdout,
          /Exit status: 0 no errors, 1 errors found \(or, with --fix, a file not fixed\), 2 the check could\s+not start\./,
        );
        assert.equal(result.stderr, "", args.join(" "));
      }
    });

    it("--version and -v print package.json's version and exit 0", function () {
      const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
        version: string;
      };
      for (const flag of ["--version", "-v"]) {
        const result = expectStatus([flag], repoRoot, 0);
        assert.equal(result.stdout, `${version}\n`);
        assert.equal(result.stderr, "");
      }
    });
  });
});
