import assert from "node:assert/strict";
import { diagnosticCodes } from "../../server/src/core/diagnosticCodes";
import {
  compareDiagnostics,
  diagnosticKey,
  findCases,
  type FixtureCase,
  fixturesRoot,
  fragileFixtureFiles,
  materialize,
  runCase,
} from "../support/fixtures";

/**
 * The fixture suite (test/fixtures/, format in test/support/fixtures.ts and test/fixtures/README.md):
 * every case folder is a small workspace run through the core as the CLI runs it, and must produce
 * exactly the diagnostics its expected.json lists. Each diagnostic code has a case that produces it
 * (`proves`) and a near miss that must not (`nearMissOf`).
 */
const cases = findCases();

/** The "Bad input" list, each with the case(s) that cover it (under test/fixtures/bad-input/). */
const badInput: Record<string, string[]> = {
  "frontmatter that is not closed": ["frontmatter-not-closed"],
  "invalid YAML": ["invalid-yaml"],
  "frontmatter that is a list": ["frontmatter-list"],
  "frontmatter that is a scalar": ["frontmatter-scalar"],
  "duplicate keys": ["duplicate-keys"],
  "tabs in YAML": ["tabs-in-yaml"],
  "an alias bomb (billion laughs)": ["alias-bomb"],
  "invalid UTF-8": ["invalid-utf8", "invalid-utf8-json"],
  "a binary file named .md": ["binary-md"],
  "a file over the size limit": ["too-large-default-limit", "too-large-configured-limit"],
  "an invalid configuration file": ["invalid-config", "config-json-syntax"],
  "a frontmatter schema that is not valid JSON Schema": [
    "config-schema-not-json-schema",
    "dollar-schema-not-json-schema",
  ],
  "a $schema or $ref to an http(s) URL": ["dollar-schema-https", "config-schema-https", "ref-https"],
  "a $schema or $ref to a file outside the workspace": [
    "dollar-schema-outside",
    "config-schema-outside",
    "ref-outside",
  ],
  "CRLF, a BOM and non-ASCII text are legal": ["crlf-bom-non-ascii-legal", "crlf-bom-non-ascii-ranges"],
  "lines ended by a lone CR are lines": ["cr-only-line-ends"],
};

function caseCodes(fixture: FixtureCase): Set<string> {
  return new Set(fixture.expected.diagnostics.map((diagnostic) => diagnostic.code));
}

describe("fixtures (test/fixtures)", () => {
  it("has cases", () => {
    assert.ok(cases.length > 0, `no expected.json found under ${fixturesRoot}`);
  });

  describe("cases", () => {
    for (const fixture of cases) {
      it(fixture.name, () => {
        const { expected } = fixture;
        // The expected.json must agree with what the case claims to prove.
        const codes = caseCodes(fixture);
        for (const code of expected.proves ?? []) {
          assert.ok(codes.has(code), `the case proves ${code} but does not list a ${code} diagnostic`);
        }
        for (const code of expected.nearMissOf ?? []) {
          assert.ok(!codes.has(code), `the case is a near miss of ${code} but lists a ${code} diagnostic`);
        }

        const { dir, dispose } = materialize(fixture);
        try {
          const result = runCase(fixture, dir);
          assert.deepEqual(result.unreadable, [], "listed files that validate() could not read");
          const actual = result.diagnostics.map(diagnosticKey);
          const wanted = [...expected.diagnostics].sort(compareDiagnostics).map(diagnosticKey);
          const missing = wanted.filter((key) => !actual.includes(key));
          const unexpected = actual.filter((key) => !wanted.includes(key));
          assert.deepEqual(
            actual,
            wanted,
            `diagnostics differ\n  missing:    ${missing.join("\n              ") || "-"}\n  unexpected: ${
              unexpected.join("\n              ") || "-"
            }\n`,
          );
          for (const { key, message } of result.messages) {
            assert.ok(message.trim().length > 0, `empty message for ${key}`);
          }
          for (const [file, kind] of Object.entries(expected.kinds ?? {})) {
            assert.ok(
              file in result.kinds,
              `${file} was not checked (checked: ${Object.keys(result.kinds).join(", ")})`,
            );
            assert.equal(result.kinds[file], kind, `kind of ${file}`);
          }
          // The language server validates open files from the editor's text: the same diagnostics.
          const opened = runCase(fixture, dir, true);
          assert.deepEqual(
            opened.diagnostics.map(diagnosticKey),
            actual,
            "diagnostics differ when the files are open in an editor",
          );
          assert.deepEqual(opened.kinds, result.kinds, "kinds differ when the files are open in an editor");
        } finally {
          dispose();
        }
      });
    }
  });

  describe("coverage", () => {
    // A file without read permission cannot be committed, and as root (CI containers) it is readable
    // anyway: test/unit/faults/scanFaults.test.ts covers file/unreadable in memory instead.
    const coveredElsewhere = new Set(["file/unreadable"]);
    for (const code of diagnosticCodes.filter((code) => !coveredElsewhere.has(code))) {
      it(`${code} has a positive case and a near miss`, () => {
        const positive = cases.filter((fixture) => fixture.expected.proves?.includes(code));
        const nearMiss = cases.filter((fixture) => fixture.expected.nearMissOf?.includes(code));
        assert.ok(positive.length > 0, `no case with "proves": ["${code}"]`);
        assert.ok(nearMiss.length > 0, `no case with "nearMissOf": ["${code}"]`);
      });
    }

    for (const [input, names] of Object.entries(badInput)) {
      it(`bad input: ${input}`, () => {
        for (const name of names) {
          const fixture = cases.find((candidate) => candidate.name === `bad-input ${name}`);
          assert.ok(fixture, `missing case test/fixtures/bad-input/${name}`);
          // Bad input gets a diagnostic (with a range, checked with the case); legal input gets none.
          if (name.endsWith("-legal")) assert.deepEqual(fixture.expected.diagnostics, []);
          else assert.ok(fixture.expected.diagnostics.length > 0, `${name} expects no diagnostic`);
        }
      });
    }

    it("committed fixture files hold no CR, BOM or NUL bytes (those are generated at test time)", () => {
      assert.deepEqual(fragileFixtureFiles(), []);
    });
  });
});
