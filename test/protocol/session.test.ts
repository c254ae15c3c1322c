/**
 * The validation session as the client sees it: what a hover card says agrees with what the Problems
 * panel shows, and an edit is validated once however many views ask for the document.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type Hover, HoverRequest, type MarkupContent } from "vscode-languageserver-protocol/node";
import { LspClient, repoRoot } from "../support/lspClient";

const examplesDir = path.join(repoRoot, "examples");
const technicalNode = "AI_Safety/Technical_Foundations/Technical_Foundations.md";
const robustnessNode = "AI_Safety/Technical_Foundations/Robustness/Robustness.md";
/** The custom requests, spelled out: the wire names are the contract. */
const sessionStatsMethod = "kbAuthor/sessionStats";
const renderPreviewMethod = "kbAuthor/renderPreview";

describe("the validation session over the protocol (dist/server.js)", function () {
  this.timeout(60_000);
  const tempDirs: string[] = [];
  const clients: LspClient[] = [];

  async function startOnExamples(settings: Record<string, unknown>): Promise<LspClient> {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-session-")));
    tempDirs.push(dir);
    fs.cpSync(examplesDir, dir, { recursive: true });
    const client = await LspClient.start({ workspaceFolder: dir, settings });
    clients.push(client);
    await client.waitForIdle();
    return client;
  }

  /** The hover card of the Order entry `2. Robustness` in Technical_Foundations.md, as plain text. */
  async function robustnessCard(client: LspClient): Promise<string> {
    const text = fs.readFileSync(path.join(client.workspaceFolder, technicalNode), "utf8");
    const line = text.split("\n").indexOf("2. Robustness");
    assert.ok(line > 0, "the Order lists Robustness");
    const hover: Hover | null = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: client.uri(technicalNode) },
      position: { line, character: 5 },
    });
    assert.ok(hover, "the entry has a hover card");
    return (hover.contents as MarkupContent).value;
  }

  afterEach(async function () {
    for (const client of clients.splice(0)) await client.shutdown();
    for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a hover card counts no problems once validation is switched off, as the Problems panel shows none", async () => {
    const client = await startOnExamples({ kbAuthor: { validate: { enable: true } } });
    assert.ok(
      client.currentDiagnostics().get(client.uri(robustnessNode))?.length,
      "Robustness has a problem",
    );
    // Its missing Mini Description, which the map's other nodes have: a warning.
    assert.match(await robustnessCard(client), /no errors, 1 warning/);

    await client.changeSettings({ kbAuthor: { validate: { enable: false } } });
    await client.waitForDiagnostics(client.uri(robustnessNode), (diagnostics) => diagnostics.length === 0);
    await client.waitForIdle();
    assert.deepEqual([...client.currentDiagnostics().values()].flat(), [], "the Problems panel is empty");
    const card = await robustnessCard(client);
    assert.match(card, /no errors or warnings/);
    assert.doesNotMatch(card, /1 warning/);

    // The near miss: switched on again, the card counts the problem again (once the server is idle,
    // which includes the settings it is still pulling).
    await client.changeSettings({ kbAuthor: { validate: { enable: true } } });
    await client.waitForIdle();
    assert.ok(client.currentDiagnostics().get(client.uri(robustnessNode))?.length, "published again");
    assert.match(await robustnessCard(client), /no errors, 1 warning/);
  });

  it("validates each keystroke once while the preview renders the document after every keystroke", async () => {
    const client = await startOnExamples({ kbAuthor: { validate: { enable: true } } });
    const uri = client.uri(robustnessNode);
    const text = fs.readFileSync(path.join(client.workspaceFolder, robustnessNode), "utf8");
    await client.open(uri, text);
    await client.waitForIdle();
    const validations = async () =>
      (await client.connection.sendRequest<{ validations: number }>(sessionStatsMethod)).validations;
    const before = await validations();
    const keystrokes = 5;
    for (let typed = 1; typed <= keystrokes; typed++) {
      const version = await client.change(uri, text + "x".repeat(typed));
      // The preview asks for the page as the client's panel does on each change.
      const page = await client.connection.sendRequest<{
        version: number;
        errors: number;
        warnings: number;
      } | null>(renderPreviewMethod, { uri, resourceRoots: [] });
      assert.equal(page?.version, version, "the preview renders the version just typed");
      assert.deepEqual([page?.errors, page?.warnings], [0, 1], "with the problems of that version");
    }
    await client.waitForIdle();
    assert.equal((await validations()) - before, keystrokes, "one validation per keystroke");
  });
});
