/**
 * Diagnostics in a real VS Code: the extension is activated in the extension host, its language server is
 * started from dist/server.js, and the tests read what VS Code itself holds (`vscode.languages`), on a
 * temporary copy of examples/ opened as the workspace (the runners make the copy).
 *
 * No sleeps: every wait is on `vscode.languages.onDidChangeDiagnostics` (or the server's
 * `kbAuthor/waitForIdle` request) with a deadline that only turns a hang into a readable failure.
 * Line numbers here are 0-based (VS Code ranges); examples/README.md lists them 1-based.
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { type LanguageClient, State } from "vscode-languageclient/node";
import { codeOf, describeDiagnostics, hasCode, kbDiagnostics, waitForDiagnostics } from "./diagnosticWaits";
import { waitForIdleMethod } from "../../../server/src/shared/protocol";
import { activateExtension, workspaceRootUri } from "./extensionUnderTest";

/** How long the client may take to start the server (a cold start on a slow CI machine). */
const startMs = 30_000;
/**
 * How long a diagnostic may take to appear once the server has finished its workspace scan: generous (it
 * takes milliseconds), but short enough that a server that publishes nothing fails well inside the
 * runner's deadline.
 */

/** The seeded mistakes of examples/ (see examples/README.md): exactly one diagnostic per file. */
const seededMistakes: { file: string; code: string; line: number; severity: vscode.DiagnosticSeverity }[] = [
  {
    file: "AI_Safety/Technical_Foundations/Interpretability/Interpretability.md",
    code: "order/unknown-entry",
    line: 15,
    severity: vscode.DiagnosticSeverity.Error,
  },
  {
    file: "AI_Safety/Technical_Foundations/Robustness/Robustness.md",
    code: "section/missing",
    line: 0,
    severity: vscode.DiagnosticSeverity.Warning,
  },
  {
    file: "AI_Safety/Technical_Foundations/Alignment_Theory/Alignment_Theory.md",
    code: "link/unresolved",
    line: 8,
    severity: vscode.DiagnosticSeverity.Error,
  },
  {
    file: "AI_Safety/Technical_Foundations/Verification_and_Testing/Verification_and_Testing.md",
    code: "link/other-node",
    line: 2,
    severity: vscode.DiagnosticSeverity.Error,
  },
  {
    file: "wiki/mistake-unknown-property.md",
    code: "frontmatter/misspelt-property",
    line: 5,
    severity: vscode.DiagnosticSeverity.Warning,
  },
  {
    file: "wiki/mistake-importance-out-of-range.md",
    code: "frontmatter/invalid-value",
    line: 3,
    severity: vscode.DiagnosticSeverity.Error,
  },
  {
    file: "wiki/mistake-missing-title.md",
    code: "frontmatter/required",
    line: 0,
    severity: vscode.DiagnosticSeverity.Error,
  },
  {
    file: "wiki/mistake-broken-yaml.md",
    code: "frontmatter/syntax",
    line: 2,
    severity: vscode.DiagnosticSeverity.Error,
  },
];

let workspaceRoot: vscode.Uri;
let client: LanguageClient;

function fileUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot, ...relativePath.split("/"));
}

/**
 * Resolves once the client is running. Rejects at once if it is neither running nor starting (activate()
 * did not start it, or it failed), and after `timeoutMs` if it does not get there.
 */
function waitForClientRunning(timeoutMs = startMs): Promise<void> {
  if (client.state === State.Running) return Promise.resolve();
  if (client.state !== State.Starting) {
    return Promise.reject(
      new Error(
        `The language client is ${State[client.state]}, neither running nor starting: activate() did not start ` +
          "it, or it failed to start (see the kb-author output channel)",
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(
        new Error(`The language client is not running after ${timeoutMs} ms (state ${State[client.state]})`),
      );
    }, timeoutMs);
    const subscription = client.onDidChangeState(({ newState }) => {
      if (newState === State.Running) {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      } else if (newState === State.Stopped) {
        clearTimeout(timer);
        subscription.dispose();
        reject(new Error("The language client stopped while starting (see the kb-author output channel)"));
      }
    });
  });
}

/**
 * Resolves once the server has published every pending validation (the workspace scan included). Only
 * asks a running client: `sendRequest` on a client that was never started would start it, hiding a
 * broken activation.
 */
async function waitForServerIdle(): Promise<void> {
  await waitForClientRunning();
  await client.sendRequest(waitForIdleMethod);
}

function isOpen(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());
}

describe("kb-author diagnostics in VS Code", () => {
  before(async () => {
    workspaceRoot = workspaceRootUri();
    client = await activateExtension();
    assert.ok(client, "activate() returns the language client");
  });

  after(async () => {
    // Revert what the tests edited, so that closing the window cannot stop on a "save changes?" prompt.
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand("workbench.action.files.revert");
    }
  });

  // Mocha runs a suite's own tests before its nested suites: every test is in a nested suite, so they run
  // in the order written (the never-opened files must be checked before later tests open them).
  describe("the language server", () => {
    it("starts", async () => {
      await waitForClientRunning();
    });
  });

  describe("the seeded mistakes of examples/", () => {
    // Without a running server none of these can pass: fail once, fast, instead of timing out each test.
    // Then wait for the workspace scan, after which every file's diagnostics have been published.
    before(() => waitForServerIdle());

    it("are reported for a file open in an editor", async () => {
      const mistake = seededMistakes[0];
      const uri = fileUri(mistake.file);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const diagnostics = await waitForDiagnostics(uri, hasCode(mistake.code), mistake.code);
      assert.equal(
        diagnostics.length,
        1,
        `exactly one diagnostic expected: ${describeDiagnostics(diagnostics)}`,
      );
      assert.equal(codeOf(diagnostics[0]), mistake.code);
      assert.equal(diagnostics[0].range.start.line, mistake.line);
      assert.match(diagnostics[0].message, /Feature_Attribution\b/, "suggests the folder it meant");
    });

    for (const mistake of seededMistakes.slice(1)) {
      it(`are reported for a file never opened: ${mistake.file}: ${mistake.code} at line ${mistake.line}`, async () => {
        const uri = fileUri(mistake.file);
        assert.equal(isOpen(uri), false, "the file must not have been opened by an earlier test");
        const diagnostics = await waitForDiagnostics(uri, hasCode(mistake.code), mistake.code);
        assert.equal(
          diagnostics.length,
          1,
          `exactly one diagnostic expected: ${describeDiagnostics(diagnostics)}`,
        );
        const [diagnostic] = diagnostics;
        assert.equal(diagnostic.range.start.line, mistake.line, describeDiagnostics(diagnostics));
        assert.equal(
          diagnostic.severity,
          mistake.severity,
          `severity of ${describeDiagnostics(diagnostics)} should be ${vscode.DiagnosticSeverity[mistake.severity]}`,
        );
      });
    }

    it("are absent from the valid seed node and topic entry", async () => {
      const valid = [
        "AI_Safety/Governance_and_Policy/International_Coordination/International_Coordination.md",
        "wiki/international-coordination.md",
      ].map(fileUri);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(valid[0]));
      await waitForServerIdle();
      for (const uri of valid) {
        assert.equal(
          describeDiagnostics(kbDiagnostics(uri)),
          "(none)",
          `${vscode.workspace.asRelativePath(uri)} is valid`,
        );
      }
    });
  });

  describe("editing", () => {
    before(() => waitForClientRunning());

    it("clears a diagnostic when the document is fixed through a WorkspaceEdit (unsaved)", async () => {
      const uri = fileUri("AI_Safety/Technical_Foundations/Robustness/Robustness.md");
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      await waitForDiagnostics(uri, hasCode("section/missing"), "section/missing before the fix");

      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(0, 0), "### Mini Description\n\nText.\n\n");
      assert.equal(await vscode.workspace.applyEdit(edit), true, "applyEdit succeeded");
      assert.equal(document.isDirty, true, "the fix is only in the editor, not saved");

      await waitForDiagnostics(
        uri,
        (diagnostics) => diagnostics.length === 0,
        "no diagnostics after the fix",
      );
    });

    it("reports an unlisted child when a child node is created, and clears it when its folder is deleted", async () => {
      const parent = fileUri("AI_Safety/Governance_and_Policy/Governance_and_Policy.md");
      const child = fileUri("AI_Safety/Governance_and_Policy/New_Branch");
      await waitForServerIdle();
      assert.equal(describeDiagnostics(kbDiagnostics(parent)), "(none)", "the parent is valid before");

      // A node: the folder with its file (an empty folder is not in git, so not in the published map).
      await vscode.workspace.fs.writeFile(
        vscode.Uri.joinPath(child, "New_Branch.md"),
        new TextEncoder().encode("### Mini Description\n\nA new branch.\n"),
      );
      const diagnostics = await waitForDiagnostics(
        parent,
        hasCode("order/unlisted-child"),
        "order/unlisted-child",
      );
      const unlisted = diagnostics.filter((d) => codeOf(d) === "order/unlisted-child");
      assert.equal(unlisted.length, 1, describeDiagnostics(diagnostics));
      assert.match(unlisted[0].message, /New_Branch/, "names the new folder");

      await vscode.workspace.fs.delete(child, { recursive: true });
      await waitForDiagnostics(
        parent,
        (current) => current.length === 0,
        "no diagnostics after deleting the folder",
      );
    });
  });
});
