import * as assert from "node:assert/strict";
import { createLanguageService } from "../../../server/src/core/languageService";
import { MemoryFileSystem } from "../../support/memoryFileSystem";

/**
 * Workspace trust (VS Code's Restricted Mode): an untrusted service ignores the workspace's
 * kb-author.jsonc files and schema files, and applies them once trusted.
 */

const ownerSchema = JSON.stringify({
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  required: ["title", "owner"],
  properties: { title: { type: "string" }, owner: { type: "string" } },
});

function knowledgeBase(): MemoryFileSystem {
  return new MemoryFileSystem({
    "/kb/kb-author.jsonc": JSON.stringify({
      severity: { "section/missing": "off" },
      kinds: { topic: { frontmatter: { schema: "./schemas/owner.schema.json" } } },
    }),
    "/kb/schemas/owner.schema.json": ownerSchema,
    "/kb/meta.json": JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." }),
    "/kb/Root/Root.md": "### Description\n\nAll of it.\n\n### Order\n\n1. Child\n2. Sibling\n",
    // No Mini Description, which most of the map's nodes have (the root, by meta.json's
    // coverRootDescription, and the sibling): section/missing by default, silenced by the configuration.
    "/kb/Root/Child/Child.md": "### Description\n\nA child.\n",
    "/kb/Root/Sibling/Sibling.md": "### Mini Description\n\nA sibling.\n",
    // Valid by the built-in topic schema; the custom schema requires `owner`.
    "/kb/wiki/page.md": "---\ntitle: A page\n---\n\nText.\n",
    "/kb/wiki/own-schema.md": "---\n$schema: ../schemas/owner.schema.json\ntitle: A page\n---\n\nText.\n",
  });
}

const child = "/kb/Root/Child/Child.md";
const page = "/kb/wiki/page.md";
const ownSchema = "/kb/wiki/own-schema.md";

function diagnosticsOf(service: ReturnType<typeof createLanguageService>, path: string) {
  return service.validate(path)?.diagnostics ?? [];
}

const codesOf = (service: ReturnType<typeof createLanguageService>, path: string) =>
  diagnosticsOf(service, path).map((diagnostic) => diagnostic.code);

describe("workspace trust (core)", () => {
  it("is trusted by default: the configuration and its schema apply", () => {
    const service = createLanguageService({ fileSystem: knowledgeBase(), workspaceRoots: ["/kb"] });
    assert.deepEqual(codesOf(service, child), []);
    assert.deepEqual(codesOf(service, page), ["frontmatter/required"]);
  });

  it("untrusted, ignores a kb-author.jsonc that would change a severity", () => {
    const service = createLanguageService({
      fileSystem: knowledgeBase(),
      workspaceRoots: ["/kb"],
      trusted: false,
    });
    assert.deepEqual(codesOf(service, child), ["section/missing"]);
    // The configuration file is not read, so it reports nothing either.
    assert.deepEqual(codesOf(service, "/kb/kb-author.jsonc"), []);
  });

  it("untrusted, ignores a configured custom schema: the built-in schema applies", () => {
    const service = createLanguageService({
      fileSystem: knowledgeBase(),
      workspaceRoots: ["/kb"],
      trusted: false,
    });
    assert.deepEqual(codesOf(service, page), []);
  });

  it("untrusted, does not read a schema file a document names in `$schema`, and says why", () => {
    const service = createLanguageService({
      fileSystem: knowledgeBase(),
      workspaceRoots: ["/kb"],
      trusted: false,
    });
    const diagnostics = diagnosticsOf(service, ownSchema);
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.code),
      ["frontmatter/schema"],
    );
    assert.match(diagnostics[0].message, /untrusted workspace/);
  });

  it("setTrusted(true) applies the configuration and the schemas, and returns every known file", () => {
    const service = createLanguageService({
      fileSystem: knowledgeBase(),
      workspaceRoots: ["/kb"],
      trusted: false,
    });
    const files = service.listCheckedFiles();
    for (const file of files) service.validate(file);
    const affected = service.setTrusted(true);
    assert.deepEqual([...affected].sort(), [...files].sort());
    assert.ok(affected.includes(child) && affected.includes(page));
    assert.deepEqual(codesOf(service, child), []);
    assert.deepEqual(codesOf(service, page), ["frontmatter/required"]);
    assert.deepEqual(codesOf(service, ownSchema), ["frontmatter/required"]);
  });
});
