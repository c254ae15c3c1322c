import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { Log } from "sarif";

/**
 * `kb-author check --format sarif` must validate against the official SARIF 2.1.0 JSON Schema
 * (issue 2, section 7).
 *
 * The schema, test/support/sarif-schema-2.1.0.json, is the OASIS SARIF TC's
 * `Schemata/sarif-schema-2.1.0.json` (draft-07, `$id`
 * https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json),
 * vendored byte for byte from the npm package @datadog/datadog-ci@2.48.0 (Apache-2.0), file
 * `package/dist/commands/sarif/json-schema/sarif-schema-2.1.0.json` of
 * https://registry.npmjs.org/@datadog/datadog-ci/-/datadog-ci-2.48.0.tgz, sha256 below. No npm
 * package small enough to be a devDependency ships it (@microsoft/jest-sarif has only the older
 * draft-04 2.1.0-rtm.5 schema). It is listed in .prettierignore so that its bytes stay as shipped.
 */

/** Runs from out/test/unit/, so the repository root is three folders up. */
const repoRoot = path.resolve(__dirname, "../../..");
const binPath = path.join(repoRoot, "bin", "kb-author.js");
const examplesDir = path.join(repoRoot, "examples");
const schemaFile = path.join(repoRoot, "test", "support", "sarif-schema-2.1.0.json");
const schemaSha256 = "10666d46649b52e262001e70d43e6c52f7c0279ca3dbdfe9a7dc2e4071556454";

function runCli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [binPath, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`).join("\n");
}

interface JsonOutput {
  files: {
    path: string;
    diagnostics: {
      code: string;
      severity: string;
      message: string;
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
    }[];
  }[];
}

describe("kb-author check --format sarif", function () {
  let validateSarif: ValidateFunction;
  let tempRoot: string;

  /** Runs `check --format sarif`, asserts the exit status and that the log validates; returns it. */
  function checkSarif(args: string[], cwd: string, status: number): Log {
    const result = runCli(["check", ...args, "--format", "sarif"], cwd);
    assert.equal(result.status, status, `exit ${result.status}\n${result.stdout}\n${result.stderr}`);
    const log = JSON.parse(result.stdout) as Log;
    assert.ok(validateSarif(log), `invalid SARIF 2.1.0:\n${describeErrors(validateSarif.errors)}`);
    return log;
  }

  before(function () {
    assert.ok(
      fs.existsSync(path.join(repoRoot, "dist", "cli.js")),
      "dist/cli.js is missing: run `npm run build` first",
    );
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    validateSarif = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")) as object);
    tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-sarif-test-"));
  });

  after(function () {
    if (tempRoot) fs.rmSync(tempRoot, { recursive: true, force: true });
  });

  it("the vendored schema is the official SARIF 2.1.0 schema, unchanged", function () {
    const bytes = fs.readFileSync(schemaFile);
    assert.equal(createHash("sha256").update(bytes).digest("hex"), schemaSha256);
    const schema = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>;
    assert.equal(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert.equal(schema["title"], "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema");
    assert.equal(
      schema["$id"],
      "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json",
    );
  });

  it("the validator rejects broken logs (so that a pass means something)", function () {
    const log = checkSarif(["examples"], repoRoot, 1);
    const broken = (change: (copy: Log) => void): Log => {
      const copy = structuredClone(log);
      change(copy);
      return copy;
    };
    const region = (copy: Log) => copy.runs[0].results![0].locations![0].physicalLocation!.region!;
    const cases: [string, Log][] = [
      ["version 2.0.0", broken((copy) => ((copy as { version: string }).version = "2.0.0"))],
      ["startLine 0", broken((copy) => (region(copy).startLine = 0))],
      ["unknown level", broken((copy) => ((copy.runs[0].results![0] as { level: string }).level = "fatal"))],
      ["a URI with a space", broken((copy) => (copy.runs[0].artifacts![0].location!.uri = "a b.md"))],
      ["no tool", broken((copy) => delete (copy.runs[0] as Partial<Log["runs"][0]>).tool)],
    ];
    for (const [name, invalid] of cases) assert.equal(validateSarif(invalid), false, name);
  });

  it("a run with results validates, with one result per diagnostic at the same 1-based place", function () {
    const log = checkSarif(["examples"], repoRoot, 1);
    const json = JSON.parse(runCli(["check", "examples", "--format", "json"], repoRoot).stdout) as JsonOutput;
    assert.equal(log.version, "2.1.0");
    assert.equal(log.runs.length, 1);
    const [run] = log.runs;
    assert.equal(run.tool.driver.name, "kb-author");
    const levels = { error: "error", warning: "warning", info: "note", hint: "note" } as Record<
      string,
      string
    >;
    const expected = json.files.flatMap((file) =>
      file.diagnostics.map((d) => ({
        uri: file.path,
        ruleId: d.code,
        level: levels[d.severity],
        message: d.message,
        region: {
          startLine: d.range.start.line + 1,
          startColumn: d.range.start.character + 1,
          endLine: d.range.end.line + 1,
          endColumn: d.range.end.character + 1,
        },
      })),
    );
    assert.ok(expected.length >= 8, "examples/ has at least one diagnostic per seeded mistake");
    const results = (run.results ?? []).map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      return {
        uri: location?.artifactLocation?.uri,
        ruleId: result.ruleId,
        level: result.level,
        message: result.message.text,
        region: location?.region,
      };
    });
    assert.deepEqual(results, expected);
    // Every result's rule is declared, at the index the result gives.
    const rules = run.tool.driver.rules ?? [];
    for (const result of run.results ?? []) {
      assert.ok(result.ruleIndex !== undefined, `${result.ruleId} has no ruleIndex`);
      assert.equal(rules[result.ruleIndex]?.id, result.ruleId);
    }
  });

  it("an empty run (a clean tree) validates", function () {
    const dir = path.join(tempRoot, "clean");
    fs.mkdirSync(path.join(dir, "wiki"), { recursive: true });
    fs.copyFileSync(
      path.join(examplesDir, "wiki", "international-coordination.md"),
      path.join(dir, "wiki", "international-coordination.md"),
    );
    const log = checkSarif([], dir, 0);
    assert.equal(log.runs.length, 1);
    assert.deepEqual(log.runs[0].results, []);
  });

  it("file names with spaces, `#`, `%` and non-ASCII letters are valid, percent-encoded URI references", function () {
    const dir = path.join(tempRoot, "odd-names");
    const names = ["notes on AI #1.md", "100% safe.md", "Löbian obstacle.md"];
    fs.mkdirSync(path.join(dir, "wiki drafts"), { recursive: true });
    const source = fs.readFileSync(path.join(examplesDir, "wiki", "mistake-importance-out-of-range.md"));
    for (const name of names) fs.writeFileSync(path.join(dir, "wiki drafts", name), source);
    const log = checkSarif(["."], dir, 1);
    const uris = (log.runs[0].results ?? []).map(
      (r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
    );
    assert.deepEqual(
      uris.map((uri) => decodeURIComponent(uri ?? "")).sort(),
      names.map((name) => `wiki drafts/${name}`).sort(),
    );
    for (const uri of uris) assert.match(uri ?? "", /^[A-Za-z0-9\-._~%/!$&'()*+,;=:@]+$/, uri);
  });
});
