import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ESLint } from "eslint";

// out/test/unit/core -> the repository's root, where eslint.config.mjs is.
const repoRoot = path.resolve(__dirname, "../../../..");
/** A file of the core (it exists, so that the type-aware rules find its project); its text is the snippet. */
const coreFile = path.join(repoRoot, "server", "src", "core", "model", "locate.ts");
const boundaryRule = "kb-author/core-imports";

/** The boundary rule's messages for a snippet linted as that core file. */
async function boundaryErrors(eslint: ESLint, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: coreFile });
  const fatal = result.messages.filter((message) => message.fatal);
  assert.deepEqual(fatal, [], "the snippet parses");
  return result.messages
    .filter((message) => message.ruleId === boundaryRule)
    .map((message) => message.message);
}

describe("the core's import boundary (ESLint allowlist)", function () {
  // The first lint builds the TypeScript program for the type-aware rules.
  this.timeout(120_000);
  const eslint = new ESLint({ cwd: repoRoot });

  const forbidden: [string, string][] = [
    [
      "a Node built-in (node:fs)",
      'import { readFileSync } from "node:fs";\nexport const read = readFileSync;\n',
    ],
    [
      "node:path (no I/O, but a built-in all the same)",
      'import * as path from "node:path";\nexport const join = path.join;\n',
    ],
    ['a built-in re-exported (export ... from "path/posix")', 'export { join } from "path/posix";\n'],
    ["a package not on the list (lodash)", 'import lodash from "lodash";\nexport const x = lodash;\n'],
    [
      "the LSP connection (vscode-languageserver/node)",
      'import { createConnection } from "vscode-languageserver/node";\nexport const c = createConnection;\n',
    ],
    [
      "the LSP layer (../lsp/server)",
      'import * as server from "../../lsp/server";\nexport const s = server;\n',
    ],
    ["the CLI layer by a dynamic import()", 'export const cli = () => import("../../cli/main");\n'],
    ["the Node host by require()", 'export const host = require("../../node/nodeFileSystem");\n'],
    ["the extension client by export *", 'export * from "../../../../client/src/extension";\n'],
  ];
  for (const [what, code] of forbidden) {
    it(`refuses a core file importing ${what}, with the boundary's explanation`, async () => {
      const errors = await boundaryErrors(eslint, code);
      assert.equal(errors.length, 1, `one boundary error for:\n${code}\ngot ${JSON.stringify(errors)}`);
      assert.match(errors[0], /not on the core's import allowlist/);
      assert.match(errors[0], /server\/src\/core is pure/);
    });
  }

  it("accepts a core file importing the core, server/src/shared, the JSON schemas and listed packages (sub-paths too)", async () => {
    const code =
      'import { joinPath } from "../paths";\n' +
      'import { nodeDisplayName } from "../../shared/nodeNames";\n' +
      'import metaSchema from "../../../../schemas/meta.schema.json";\n' +
      'import Ajv2020 from "ajv/dist/2020";\n' +
      'import type { Range } from "vscode-languageserver-types";\n' +
      'export { parse } from "yaml";\n' +
      'export const later = () => import("jsonc-parser");\n' +
      "export const all = [joinPath, nodeDisplayName, metaSchema, Ajv2020];\n" +
      "export type R = Range;\n";
    assert.deepEqual(await boundaryErrors(eslint, code), []);
  });
});
