import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { RenameFile, TextDocumentEdit } from "vscode-languageserver-types";
import { URI } from "vscode-uri";
import { LineIndex } from "../../../server/src/core/document/lineIndex";
import { createLanguageService } from "../../../server/src/core/languageService";
import { applyWorkspaceEdit } from "../../support/cursor";
import { MemoryFileSystem } from "../../support/memoryFileSystem";
import { corpusDir, describeWithShared } from "../../support/sharedData";

/**
 * The rename safety property (issue 4, "Done when") on the shared corpus, read from disk once and
 * renamed in memory only. For a sample of nodes, with links to each added in a topic page (to the node,
 * its folder, a descendant, relatively), the rename from the parent's Order entry must:
 *
 * 1. move exactly the files below the folder (and the node's file to its new name), nothing else;
 * 2. change, in every other file, only text that spelt the old name (the Order entry, a link's folder
 *    or file segment, a link text), each into the new name's same form;
 * 3. leave no new diagnostic in the files it edited.
 */

const base = "/corpus";
const linksPage = `${base}/wiki/links.md`;

/** The corpus's Markdown files and meta.json, by in-memory path. */
function readCorpus(): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (dir: string, into: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full, `${into}/${entry.name}`);
      else if (entry.name.endsWith(".md") || entry.name === "meta.json")
        files[`${into}/${entry.name}`] = fs.readFileSync(full, "utf8");
    }
  };
  visit(corpusDir, base);
  return files;
}

const pathOf = (uri: string) => URI.parse(uri).path;

describeWithShared("corpus", "rename safety (property, on the shared corpus)", function () {
  this.timeout(120_000);
  let corpus: Record<string, string>;

  before(function () {
    corpus = readCorpus();
  });

  it("renames sampled nodes changing only what names them, with no new diagnostic", function () {
    const nodePaths = Object.keys(corpus)
      .filter((file) => {
        const parts = file.split("/");
        return parts.length > 4 && parts[parts.length - 1] === `${parts[parts.length - 2]}.md`;
      })
      .sort();
    const samples = nodePaths.filter((_, index) => index % Math.floor(nodePaths.length / 12) === 7);
    assert.ok(samples.length >= 10, `only ${samples.length} samples`);
    let checkedEdits = 0;

    for (const nodeFile of samples) {
      const folder = path.posix.dirname(nodeFile);
      const oldName = path.posix.basename(folder);
      const newName = `${oldName}_Renamed`;
      const parentFile = `${path.posix.dirname(folder)}/${path.posix.basename(path.posix.dirname(folder))}.md`;
      const descendant = Object.keys(corpus).find(
        (file) => file.startsWith(folder + "/") && file !== nodeFile,
      );
      const relativeFromWiki = path.posix.relative(path.posix.dirname(linksPage), nodeFile);
      const absolute = "/" + path.posix.relative(base, nodeFile);
      const files: Record<string, string> = {
        ...corpus,
        [linksPage]:
          "---\ntitle: Links\n---\n\n" +
          `- [${oldName.replace(/_/g, " ")}](${absolute})\n` +
          `- [Folder](${path.posix.dirname(absolute)}/)\n` +
          `- [Relative](${relativeFromWiki})\n` +
          (descendant ? `- [Below](/${path.posix.relative(base, descendant)})\n` : "") +
          "- [Unrelated](/AI_Safety/AI_Safety.md)\n",
      };
      const fileSystem = new MemoryFileSystem(files);
      const service = createLanguageService({ fileSystem, workspaceRoots: [base] });
      const codesOf = (file: string) =>
        (service.validate(file)?.diagnostics ?? []).map((diagnostic) => String(diagnostic.code)).sort();
      const parentText = new LineIndex(files[parentFile]);
      const line = parentText.lines.findIndex((text) => new RegExp(`^\\d+\\. ${oldName}$`).test(text));
      assert.notEqual(line, -1, `${oldName} is not listed in ${parentFile}`);
      service.openDocument(parentFile, files[parentFile], 1);
      const before = new Map([parentFile, linksPage].map((file) => [file, codesOf(file)]));

      const outcome = service.rename(parentFile, { line, character: parentText.lines[line].length }, newName);
      assert.ok(
        outcome?.ok,
        `${nodeFile}: ${outcome && !outcome.ok ? outcome.message : "nothing to rename"}`,
      );
      const changes = outcome.edit.documentChanges!;

      // 2. Every text edit replaces a spelling of the old name by the same spelling of the new one.
      const spellings = new Map([
        [oldName, newName],
        [`${oldName}.md`, `${newName}.md`],
        [oldName.replace(/_/g, " "), newName.replace(/_/g, " ")],
      ]);
      for (const change of changes.filter((entry): entry is TextDocumentEdit => !("kind" in entry))) {
        const text = new LineIndex(files[pathOf(change.textDocument.uri)]);
        for (const edit of change.edits) {
          const old = text.text.slice(text.offsetAt(edit.range.start), text.offsetAt(edit.range.end));
          assert.equal(
            edit.newText,
            spellings.get(old),
            `${change.textDocument.uri}: "${old}" -> "${edit.newText}"`,
          );
          checkedEdits++;
        }
      }
      // 1. Only the folder's files move, the node's file to its new name.
      const renames = changes.filter((entry): entry is RenameFile => "kind" in entry);
      assert.deepEqual(
        renames.map((entry) => [pathOf(entry.oldUri), pathOf(entry.newUri)]),
        [
          [nodeFile, `${folder}/${newName}.md`],
          [folder, `${path.posix.dirname(folder)}/${newName}`],
        ],
      );
      applyWorkspaceEdit(fileSystem, outcome.edit);
      const newFolder = `${path.posix.dirname(folder)}/${newName}`;
      const moved = (file: string) =>
        file === nodeFile
          ? `${newFolder}/${newName}.md`
          : file.startsWith(folder + "/")
            ? newFolder + file.slice(folder.length)
            : file;
      assert.deepEqual(Object.keys(fileSystem.snapshot()).sort(), Object.keys(files).map(moved).sort());

      // 3. No new diagnostic where the edit wrote, once the service sees the new tree.
      const after = createLanguageService({ fileSystem, workspaceRoots: [base] });
      for (const [file, codes] of before) {
        const now = (after.validate(moved(file))?.diagnostics ?? []).map((d) => String(d.code)).sort();
        assert.deepEqual(now, codes, `${file} after renaming ${oldName}`);
      }
    }
    assert.ok(checkedEdits >= samples.length * 4, `only ${checkedEdits} edits checked`);
  });
});
