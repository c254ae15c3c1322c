/**
 * Protocol test of workspace trust: the bundled server (`dist/server.js`, run `npm run build` first)
 * started with `initializationOptions.trusted: false`, as the extension starts it in Restricted Mode,
 * ignores the workspace's kb-author.jsonc and schema files until `kbAuthor/workspaceTrusted` arrives.
 * Waits for events (publications, `kbAuthor/waitForIdle`), never for a fixed time.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type Diagnostic, DiagnosticSeverity } from "vscode-languageserver-protocol/node";
import { workspaceTrustedMethod } from "../../server/src/shared/protocol";
import { fileUri, LspClient, serverPath } from "../support/lspClient";

const files: Record<string, string> = {
  "kb-author.jsonc": JSON.stringify({
    severity: { "section/missing": "hint" },
    kinds: { topic: { frontmatter: { schema: "./schemas/owner.schema.json" } } },
  }),
  "schemas/owner.schema.json": JSON.stringify({
    type: "object",
    required: ["title", "owner"],
    properties: { title: { type: "string" }, owner: { type: "string" } },
  }),
  "meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
  "Root/Root.md": "### Description\n\nAll of it.\n\n### Order\n\n1. Child\n2. Sibling\n",
  // No Mini Description, which most of the map's nodes have (the root, by meta.json's
  // coverRootDescription, and the sibling): section/missing, at its default severity unless the
  // configuration applies.
  "Root/Child/Child.md": "### Description\n\nA child.\n",
  "Root/Sibling/Sibling.md": "### Mini Description\n\nA sibling.\n",
  // Valid by the built-in topic schema; the configured schema requires `owner`.
  "wiki/page.md": "---\ntitle: A page\n---\n\nText.\n",
};

const sectionMissing = (diagnostics: Diagnostic[]) =>
  diagnostics.find((diagnostic) => diagnostic.code === "section/missing");

describe("language server: workspace trust (dist/server.js)", function () {
  let dir: string;
  let client: LspClient | undefined;

  before(function () {
    if (!fs.existsSync(serverPath)) throw new Error("dist/server.js is missing: run `npm run build` first");
  });

  beforeEach(function () {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-trust-")));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
  });

  afterEach(async function () {
    await client?.shutdown();
    client = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("untrusted, checks with the defaults; kbAuthor/workspaceTrusted applies the configuration and its schema", async function () {
    client = await LspClient.start({ workspaceFolder: dir, initializationOptions: { trusted: false } });
    await client.waitForIdle();
    const child = fileUri(path.join(dir, "Root/Child/Child.md"));
    const page = fileUri(path.join(dir, "wiki/page.md"));

    const untrusted = await client.waitForDiagnostics(child, (diagnostics) => !!sectionMissing(diagnostics));
    assert.notEqual(sectionMissing(untrusted.diagnostics)?.severity, DiagnosticSeverity.Hint);
    const current = client.currentDiagnostics();
    assert.equal(current.get(page), undefined, "the configured schema is not applied");
    assert.equal(current.get(fileUri(path.join(dir, "kb-author.jsonc"))), undefined);

    await client.connection.sendNotification(workspaceTrustedMethod);
    const trusted = await client.waitForDiagnostics(
      child,
      (diagnostics) => sectionMissing(diagnostics)?.severity === DiagnosticSeverity.Hint,
    );
    assert.equal(sectionMissing(trusted.diagnostics)?.severity, DiagnosticSeverity.Hint);
    const required = await client.waitForDiagnostics(page, (diagnostics) =>
      diagnostics.some((diagnostic) => diagnostic.code === "frontmatter/required"),
    );
    assert.match(required.diagnostics[0].message, /owner/);
  });

  it("without initializationOptions (other editors), is trusted: the configuration applies from the start", async function () {
    client = await LspClient.start({ workspaceFolder: dir });
    await client.waitForIdle();
    const child = fileUri(path.join(dir, "Root/Child/Child.md"));
    const published = await client.waitForDiagnostics(child, (diagnostics) => !!sectionMissing(diagnostics));
    assert.equal(sectionMissing(published.diagnostics)?.severity, DiagnosticSeverity.Hint);
  });
});
