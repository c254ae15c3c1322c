/**
 * Issue 16, point 4: rendering a preview cannot starve hover and diagnostics. The preview's Markdown is
 * rendered by a worker thread (server/src/lsp/markdownWorker.ts), so requests and edits sent after the
 * preview of a heavy page are answered before it. Order is asserted, not time.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DocumentSymbolRequest, HoverRequest } from "vscode-languageserver-protocol/node";
import { createLanguageService } from "../../server/src/core";
import { NodeFileSystem } from "../../server/src/node/nodeFileSystem";
import { LspClient } from "../support/lspClient";
import { formerSlowPages } from "../unit/fuzz/formerHangs";

const renderPreviewMethod = "kbAuthor/renderPreview";
/** The attack's 1.4 MB of short emphasised paragraphs: the heaviest page the parse guard lets through (about 1 s to render). */
const heavyText = formerSlowPages[Object.keys(formerSlowPages)[2]];
const probeText = "---\ntitle: Probe\n---\n\n# Probe\n\nText.\n";

describe("the preview of a heavy page over the protocol (dist/server.js)", function () {
  this.timeout(120_000);
  let dir: string;
  let client: LspClient;

  beforeEach(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-preview-worker-")));
    fs.writeFileSync(path.join(dir, "heavy.md"), heavyText);
    fs.writeFileSync(path.join(dir, "probe.md"), probeText);
    client = await LspClient.start({
      workspaceFolder: dir,
      settings: { kbAuthor: { validate: { debounceMs: 0 } } },
    });
    await client.open(client.uri("heavy.md"), heavyText);
    await client.open(client.uri("probe.md"), probeText);
    await client.waitForIdle();
  });

  afterEach(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers a hover, a symbol request and an edit's diagnostics sent after the preview before the preview", async () => {
    const order: string[] = [];
    const probe = client.uri("probe.md");
    const preview = client.connection
      .sendRequest<{
        html: string;
      } | null>(renderPreviewMethod, { uri: client.uri("heavy.md"), resourceRoots: [] })
      .then((page) => {
        order.push("preview");
        return page;
      });
    const hover = client.connection
      .sendRequest(HoverRequest.type, { textDocument: { uri: probe }, position: { line: 1, character: 2 } })
      .then(() => order.push("hover"));
    const symbols = client.connection
      .sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: probe } })
      .then((found) => {
        order.push("symbols");
        assert.ok(found && found.length > 0, "the probe's heading");
      });
    // An edit that breaks the frontmatter: its diagnostics are published while the preview renders.
    const version = await client.change(probe, "---\ntitle: [unclosed\n---\n\n# Probe\n");
    const published = client
      .waitForDiagnostics(
        probe,
        (diagnostics, params) => params.version === version && diagnostics.length > 0,
      )
      .then(() => order.push("diagnostics"));
    const [page] = await Promise.all([preview, hover, symbols, published]);
    assert.deepEqual(order.slice(-1), ["preview"], `the preview answered last: ${order.join(", ")}`);
    assert.deepEqual([...order].sort(), ["diagnostics", "hover", "preview", "symbols"]);
    // And the page is whole: its rendered paragraphs, then the rest as text after the guard's notice.
    assert.ok(page, "a page");
    assert.match(page.html, /<em>a<\/em> <em>b<\/em> <code>c<\/code>/);
    assert.match(page.html, /the rest of it is shown as text/);
    assert.ok(page.html.includes("*a* _b_ `c` [d](e) **f** *a*"), "the plain-text rest");
  });

  it("renders the same page as the core does on its own thread, each time", async () => {
    const params = { uri: client.uri("heavy.md"), resourceRoots: [] };
    const page = await client.connection.sendRequest<{ html: string; version: number } | null>(
      renderPreviewMethod,
      params,
    );
    assert.equal(page?.version, 1);
    const service = createLanguageService({ fileSystem: new NodeFileSystem(), workspaceRoots: [dir] });
    const heavy = path.join(dir, "heavy.md");
    service.openDocument(heavy, heavyText, 1);
    service.validate(heavy);
    assert.equal(page?.html, service.renderPage(heavy, { kind: "editor", resourceRoots: [] })?.html);
    const again = await client.connection.sendRequest<{ html: string } | null>(renderPreviewMethod, params);
    assert.equal(again?.html, page?.html);
  });
});
