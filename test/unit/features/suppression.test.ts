import * as assert from "node:assert/strict";
import { pathToUri } from "../../../server/src/core/model/uris";
import { createLanguageService } from "../../../server/src/core/languageService";
import { applyEdits, serviceWithCursor } from "../../support/cursor";
import { MemoryFileSystem } from "../../support/memoryFileSystem";

/**
 * Suppression comments (issue 4, scope 7): `<!-- kb-author-disable-next-line CODE -->` and the file-level
 * `<!-- kb-author-disable CODE -->`, and the quick fixes that write them.
 */

const map: Record<string, string> = {
  "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
  "/kb/Root/Alpha/Alpha.md": "### Mini Description\n\nAlpha.\n",
  "/kb/Root/Beta/Beta.md": "### Mini Description\n\nBeta.\n",
  "/kb/Root/Gamma/Gamma.md": "### Mini Description\n\nGamma.\n",
};

/** The codes and lines of a document's diagnostics, `code@line`. */
function diagnosticsOf(path: string, text: string, files: Record<string, string> = map): string[] {
  const service = createLanguageService({
    fileSystem: new MemoryFileSystem({ ...files, [path]: text }),
    workspaceRoots: ["/kb"],
  });
  return (service.validate(path)?.diagnostics ?? []).map(
    (diagnostic) => `${String(diagnostic.code)}@${diagnostic.range.start.line}`,
  );
}

const root = "/kb/Root/Root.md";
/**
 * Line 3 misspells Beta, line 4 names nothing: two order/unknown-entry. (The Order's first line stays a
 * numbered entry: a comment there would make the builder read the whole Order as a bulleted list.)
 */
const order = "### Order\n\n1. Alpha\n2. Betaa\n3. Nothing_Here\n";

describe("suppression comments", () => {
  it("without a comment, the file has its diagnostics", () => {
    assert.deepEqual(diagnosticsOf(root, order), ["order/unknown-entry@3", "order/unknown-entry@4"]);
  });

  it("kb-author-disable-next-line CODE silences that code on the next line only", () => {
    const text =
      "### Order\n\n1. Alpha\n<!-- kb-author-disable-next-line order/unknown-entry -->\n2. Betaa\n3. Nothing_Here\n";
    assert.deepEqual(diagnosticsOf(root, text), ["order/unknown-entry@5"]);
  });

  it("leaves the codes it does not name", () => {
    const text =
      "### Order\n\n1. Alpha\n<!-- kb-author-disable-next-line section/empty order/format -->\n2. Betaa\n3. Gamma\n";
    assert.deepEqual(diagnosticsOf(root, text), ["order/unknown-entry@4"]);
  });

  it("silences every code without codes, and takes several codes and a reason after --", () => {
    const all = "### Order\n\n1. Alpha\n<!-- kb-author-disable-next-line -->\n2. Betaa\n3. Gamma\n";
    assert.deepEqual(diagnosticsOf(root, all), []);
    const reason =
      "### Order\n\n1. Alpha\n<!-- kb-author-disable-next-line order/format order/unknown-entry -- kept for the site -->\n2. Betaa\n3. Gamma\n";
    assert.deepEqual(diagnosticsOf(root, reason), []);
  });

  it("kb-author-disable CODE silences that code in the whole file, wherever it is", () => {
    const top = "<!-- kb-author-disable order/unknown-entry -->\n" + order;
    assert.deepEqual(diagnosticsOf(root, top), []);
    const bottom = order + "\n<!-- kb-author-disable order/unknown-entry -->\n";
    assert.deepEqual(diagnosticsOf(root, bottom), []);
    const other = "<!-- kb-author-disable section/empty -->\n" + order;
    assert.deepEqual(diagnosticsOf(root, other), ["order/unknown-entry@4", "order/unknown-entry@5"]);
  });

  it("kb-author-disable without codes silences every code of the file", () => {
    assert.deepEqual(diagnosticsOf(root, "<!-- kb-author-disable -->\n" + order + "\n## Oops\n"), []);
  });

  it("is text, not a comment, in a code fence", () => {
    // section/order is checked on map nodes only when the configuration asks for it.
    const ordered = {
      ...map,
      "/kb/kb-author.jsonc": JSON.stringify({ kinds: { "map-node": { sections: { ordered: true } } } }),
    };
    const text =
      "### Order\n\n1. Alpha\n2. Beta\n3. Gamma\n\n### Description\n\n```\n<!-- kb-author-disable -->\n```\n";
    assert.deepEqual(diagnosticsOf(root, text, ordered), ["section/order@0"]);
  });

  it("is `{/* ... */}` in MDX and a YAML comment in the frontmatter", () => {
    const files = {};
    const topic =
      "---\ntitle: Page\n# kb-author-disable-next-line frontmatter/misspelt-property\nllmSumary: x\nimportanse: 3\n---\n\n[a](./nowhere.md)\n";
    assert.deepEqual(diagnosticsOf("/kb/wiki/page.md", topic, files), [
      "frontmatter/misspelt-property@4",
      "link/unresolved@7",
    ]);
    const mdx = topic.replace("\n[a]", "\n{/* kb-author-disable-next-line link/unresolved */}\n[a]");
    assert.deepEqual(diagnosticsOf("/kb/wiki/page.mdx", mdx, files), ["frontmatter/misspelt-property@4"]);
    const fileLevel = "{/* kb-author-disable frontmatter/misspelt-property */}\n";
    assert.deepEqual(diagnosticsOf("/kb/wiki/page.mdx", topic + fileLevel, files), ["link/unresolved@7"]);
  });

  it("applies to the CLI's and the server's diagnostics alike (it is in the core's validation)", () => {
    const fileSystem = new MemoryFileSystem({
      ...map,
      [root]: "<!-- kb-author-disable order/unknown-entry -->\n" + order,
    });
    const service = createLanguageService({ fileSystem, workspaceRoots: ["/kb"] });
    assert.deepEqual(service.validate(root)?.diagnostics, []);
  });
});

describe("suppression quick fixes", () => {
  /** The text each "Disable" action on the cursor line's diagnostics gives, by title. */
  function disableFixes(path: string, textWithMarker: string, files: Record<string, string> = map) {
    const { service, text, position } = serviceWithCursor(files, path, textWithMarker);
    const diagnostics = (service.validate(path)?.diagnostics ?? []).filter(
      (diagnostic) => diagnostic.range.start.line === position.line,
    );
    const actions = service
      .getCodeActions(path, { start: position, end: position }, diagnostics)
      .filter((action) => action.title.startsWith("Disable "));
    const result: Record<string, string> = {};
    for (const action of actions) {
      assert.equal(action.kind, "quickfix");
      assert.notEqual(action.isPreferred, true, `${action.title} is preferred`);
      result[action.title] = applyEdits(text, action.edit!.changes![pathToUri(path)]);
    }
    return { result, actions, service };
  }

  it("offers, on every diagnostic, to disable its code for the line and for the file", () => {
    const { result } = disableFixes(root, "### Order\n\n1. Alpha\n2. Beta\n<|>3. Nothing_Here\n");
    assert.deepEqual(result, {
      "Disable order/unknown-entry for this line":
        "### Order\n\n1. Alpha\n2. Beta\n<!-- kb-author-disable-next-line order/unknown-entry -->\n3. Nothing_Here\n",
      "Disable order/unknown-entry for this file":
        "<!-- kb-author-disable order/unknown-entry -->\n### Order\n\n1. Alpha\n2. Beta\n3. Nothing_Here\n",
    });
    for (const text of Object.values(result)) assert.deepEqual(diagnosticsOf(root, text), []);
  });

  it("adds the code to the comment that is already there", () => {
    const { result } = disableFixes(
      root,
      "<!-- kb-author-disable section/empty -->\n### Order\n\n1. Alpha\n<!-- kb-author-disable-next-line order/format -->\n<|>2. Nothing_Here\n3. Beta\n",
    );
    assert.equal(
      result["Disable order/unknown-entry for this line"],
      "<!-- kb-author-disable section/empty -->\n### Order\n\n1. Alpha\n<!-- kb-author-disable-next-line order/format order/unknown-entry -->\n2. Nothing_Here\n3. Beta\n",
    );
    assert.equal(
      result["Disable order/unknown-entry for this file"],
      "<!-- kb-author-disable section/empty order/unknown-entry -->\n### Order\n\n1. Alpha\n<!-- kb-author-disable-next-line order/format -->\n2. Nothing_Here\n3. Beta\n",
    );
  });

  it("writes the file-level comment after the frontmatter, a YAML comment for a frontmatter line, and the MDX form in MDX", () => {
    const { result } = disableFixes(
      "/kb/wiki/page.mdx",
      "---\ntitle: Page\n<|>llmSumary: x\n---\n\nText.\n",
      {},
    );
    assert.deepEqual(result, {
      "Disable frontmatter/misspelt-property for this line":
        "---\ntitle: Page\n# kb-author-disable-next-line frontmatter/misspelt-property\nllmSumary: x\n---\n\nText.\n",
      "Disable frontmatter/misspelt-property for this file":
        "---\ntitle: Page\nllmSumary: x\n---\n{/* kb-author-disable frontmatter/misspelt-property */}\n\nText.\n",
    });
  });

  it("offers only the file-level comment on the first line (nothing can go before it)", () => {
    const { result } = disableFixes("/kb/Root/Alpha/Alpha.md", "<|>### Description\n\nAlpha.\n");
    assert.deepEqual(Object.keys(result), ["Disable section/missing for this file"]);
  });
});
