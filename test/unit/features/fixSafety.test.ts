import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  type CodeAction,
  type Diagnostic,
  DiagnosticSeverity,
  type Range,
  type TextEdit,
} from "vscode-languageserver-types";
import { LineIndex } from "../../../server/src/core/document/lineIndex";
import { pathToUri } from "../../../server/src/core/model/uris";
import { createLanguageService, type LanguageService } from "../../../server/src/core/languageService";
import { applyEdits } from "../../support/cursor";
import { findCases, generatedBytes } from "../../support/fixtures";
import { MemoryFileSystem } from "../../support/memoryFileSystem";
import { corpusDir, itWithShared, seedsDir } from "../../support/sharedData";

/**
 * The quick-fix safety property (issue 4, "Done when"): every fix offered on a diagnostic changes only
 * what it announces. For every fixture case and for mutated files of the shared corpus (read from disk
 * once, mutated in memory only), each code action offered on each diagnostic is applied to the text,
 * and the test checks that
 *
 * 1. its edits are well formed (this document only, in bounds, not overlapping, not splitting a CRLF
 *    or a surrogate pair), that the text outside their ranges is unchanged, and that they stay within
 *    the part of the document the fix is about (the Order for an Order fix, the frontmatter for a key,
 *    the link's target, the heading's `#`s; a section move keeps every line; a suppression comment
 *    changes nothing else);
 * 2. the diagnostic it fixes is gone;
 * 3. no new error appears (no code has more errors than before).
 *
 * "Fix all" (source.fixAll) is checked the same way: no new error, and fewer errors or, when it removes
 * none (a file with warnings only), fewer diagnostics, or as many with one of them fixed (a required
 * section without a template is added empty: section/missing becomes section/empty).
 */

const seedTopic = path.join(seedsDir, "topic-entry-international-coordination.md");

interface Tally {
  cases: number;
  files: number;
  diagnostics: number;
  /** Actions applied and checked: repairs, suppression comments and "Fix all" (quick fix and source action). */
  fixes: number;
  suppressions: number;
  fixAll: number;
  failures: string[];
  byCode: Map<string, number>;
}

function newTally(): Tally {
  return {
    cases: 0,
    files: 0,
    diagnostics: 0,
    fixes: 0,
    suppressions: 0,
    fixAll: 0,
    failures: [],
    byCode: new Map(),
  };
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** A file's text as an editor holds it (BOM dropped), or undefined when it is not UTF-8 text. */
function editorText(bytes: Uint8Array): string | undefined {
  try {
    const text = strictUtf8.decode(bytes);
    return text.includes("\0") ? undefined : text;
  } catch {
    return undefined;
  }
}

const isMarkdown = (file: string) => /\.mdx?$/i.test(file);

/**
 * Checks every action offered on every diagnostic of one Markdown file of a service whose workspace
 * holds it; `label` names the case in failure messages. The document is restored afterwards.
 */
function checkFile(service: LanguageService, file: string, text: string, label: string, tally: Tally): void {
  service.openDocument(file, text, 1);
  let version = 2;
  const validateText = (candidate: string): Diagnostic[] => {
    service.openDocument(file, candidate, version++);
    return service.validate(file)?.diagnostics ?? [];
  };
  try {
    const before = validateText(text);
    tally.files++;
    const fail = (what: string, action: CodeAction | undefined, detail: string) =>
      tally.failures.push(`${label} ${file}: ${what}${action ? ` [${action.title}]` : ""}: ${detail}`);
    for (const diagnostic of before) {
      tally.diagnostics++;
      const actions = service.getCodeActions(file, diagnostic.range, [diagnostic]);
      for (const action of actions) {
        const edits = actionEdits(action, file, (detail) => fail(String(diagnostic.code), action, detail));
        if (!edits) continue;
        const newText = checkEdits(text, edits, (detail) => fail(String(diagnostic.code), action, detail));
        if (newText === undefined) continue;
        const isFixAll = (action.diagnostics ?? []).length === 0 && !action.title.startsWith("Disable ");
        tally.fixes++;
        if (isFixAll) tally.fixAll++;
        else if (action.title.startsWith("Disable ")) tally.suppressions++;
        if (!isFixAll && !action.title.startsWith("Disable ")) {
          tally.byCode.set(String(diagnostic.code), (tally.byCode.get(String(diagnostic.code)) ?? 0) + 1);
        }
        if (!isFixAll) {
          const scope = scopeProblem(text, newText, edits, diagnostic, action);
          if (scope) fail(String(diagnostic.code), action, `changes more than it announces: ${scope}`);
        }
        const after = validateText(newText);
        if (!isFixAll && !isGone(diagnostic, action, before, after)) {
          fail(String(diagnostic.code), action, `the diagnostic is still there:\n${excerpt(newText)}`);
        }
        const added = newErrors(before, after);
        if (added) fail(String(diagnostic.code), action, `adds ${added}:\n${excerpt(newText)}`);
      }
      service.openDocument(file, text, version++);
    }
    // Fix all, as the client asks for it on save.
    const fixAll = service
      .getCodeActions(
        file,
        { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        [],
        ["source.fixAll"],
      )
      .filter((action) => action.kind === "source.fixAll");
    for (const action of fixAll) {
      const edits = actionEdits(action, file, (detail) => fail("fix all", action, detail));
      const newText = edits && checkEdits(text, edits, (detail) => fail("fix all", action, detail));
      if (newText === undefined) continue;
      tally.fixes++;
      tally.fixAll++;
      const after = validateText(newText);
      const added = newErrors(before, after);
      if (added) fail("fix all", action, `adds ${added}:\n${excerpt(newText)}`);
      const count = (list: Diagnostic[], diagnostic: Diagnostic) =>
        list.filter((other) => keyOf(other) === keyOf(diagnostic)).length;
      const someFixed = before.some((diagnostic) => count(after, diagnostic) < count(before, diagnostic));
      const fewer = after.length < before.length || (after.length === before.length && someFixed);
      if (errorCount(after) >= errorCount(before) && !fewer) {
        fail("fix all", action, "fixes nothing");
      }
    }
  } finally {
    service.openDocument(file, text, version++);
    service.closeDocument(file);
  }
}

/** The action's edits of this document; a failure when it edits anything else. */
function actionEdits(
  action: CodeAction,
  file: string,
  fail: (detail: string) => void,
): TextEdit[] | undefined {
  if (!action.edit) {
    fail("has no edit");
    return undefined;
  }
  if (action.edit.documentChanges) fail("uses documentChanges (file operations)");
  const uris = Object.keys(action.edit.changes ?? {});
  if (uris.length !== 1 || uris[0] !== pathToUri(file)) {
    fail(`edits ${uris.join(", ") || "nothing"}, not only this document`);
    return undefined;
  }
  if (action.kind !== "quickfix" && action.kind !== "source.fixAll") fail(`has kind ${action.kind}`);
  return action.edit.changes![uris[0]];
}

/** The text after the edits, once they are checked to be well formed; undefined when they are not. */
function checkEdits(text: string, edits: TextEdit[], fail: (detail: string) => void): string | undefined {
  const lines = new LineIndex(text);
  const spans: { start: number; end: number; newText: string }[] = [];
  for (const edit of edits) {
    const { start, end } = edit.range;
    for (const position of [start, end]) {
      if (position.line >= lines.lineCount || position.character > lines.lines[position.line].length) {
        fail(`a range is outside the document: ${JSON.stringify(edit.range)}`);
        return undefined;
      }
    }
    const startOffset = lines.offsetAt(start);
    const endOffset = lines.offsetAt(end);
    if (endOffset < startOffset) {
      fail(`a range ends before it starts: ${JSON.stringify(edit.range)}`);
      return undefined;
    }
    for (const offset of [startOffset, endOffset]) {
      const code = text.charCodeAt(offset);
      if (code >= 0xdc00 && code <= 0xdfff && offset > 0)
        fail(`a range splits a surrogate pair at ${offset}`);
    }
    spans.push({ start: startOffset, end: endOffset, newText: edit.newText });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    const previous = spans[i - 1];
    const next = spans[i];
    if (next.start < previous.end || (next.start === previous.start && previous.start === previous.end)) {
      fail("edits overlap (or insert at the same place)");
      return undefined;
    }
  }
  const newText = applyEdits(text, edits);
  // Every stretch of text between the edits is in the new text, in its place.
  let delta = 0;
  let cursor = 0;
  for (const span of [...spans, { start: text.length, end: text.length, newText: "" }]) {
    const kept = text.slice(cursor, span.start);
    if (newText.slice(cursor + delta, cursor + delta + kept.length) !== kept) {
      fail(`text outside the edits changed near offset ${cursor}`);
      return undefined;
    }
    delta += span.newText.length - (span.end - span.start);
    cursor = span.end;
  }
  if (edits.length === 0) fail("has no edits");
  return newText;
}

// ---- what each fix announces ------------------------------------------------------------------

const nonBlank = (text: string) => text.split(/\r?\n/).filter((line) => line.trim() !== "");

/** Lines of `a` missing from `b`, as a multiset. */
function minus(a: string[], b: string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of b) counts.set(line, (counts.get(line) ?? 0) + 1);
  const result: string[] = [];
  for (const line of a) {
    const count = counts.get(line) ?? 0;
    if (count > 0) counts.set(line, count - 1);
    else result.push(line);
  }
  return result;
}

function isSubsequence(small: string[], large: string[]): boolean {
  let i = 0;
  for (const line of large) if (i < small.length && line === small[i]) i++;
  return i === small.length;
}

/** The lines [first, last] (0-based, inclusive) that a fix of this diagnostic may edit, by its family. */
function sectionSpan(text: string, headingPattern: RegExp): [number, number] | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => headingPattern.test(line));
  if (start === -1) return undefined;
  let end = start + 1;
  while (end < lines.length && !/^ {0,3}#{1,3}(\s|$)/.test(lines[end])) end++;
  return [start, end];
}

function withinLines(edits: TextEdit[], first: number, last: number): boolean {
  return edits.every((edit) => edit.range.start.line >= first && edit.range.end.line <= last);
}

function withinRange(edits: TextEdit[], range: Range): boolean {
  const before = (a: Range["start"], b: Range["start"]) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return edits.every((edit) => before(range.start, edit.range.start) && before(edit.range.end, range.end));
}

/** Why the change is more than the fix announces; undefined when it is not. */
function scopeProblem(
  text: string,
  newText: string,
  edits: TextEdit[],
  diagnostic: Diagnostic,
  action: CodeAction,
): string | undefined {
  const code = String(diagnostic.code);
  const oldLines = nonBlank(text);
  const newLines = nonBlank(newText);
  if (action.title.startsWith("Disable ")) {
    const strip = (value: string) =>
      value
        .split(/\r?\n/)
        .filter(
          (line) =>
            !/^\s*(<!--|\{\/\*|#)\s*kb-author-disable(-next-line)?(\s+[^\s>*]+)*\s*(-->|\*\/\}|)\s*$/.test(
              line,
            ),
        )
        .join("\n");
    return strip(text) === strip(newText) ? undefined : "a suppression fix changed more than a comment";
  }
  if (code.startsWith("order/")) {
    const span = sectionSpan(text, /^ {0,3}#{1,6}\s+Order\s*$/);
    if (!span || !withinLines(edits, span[0], span[1])) return "an Order fix edits outside the Order section";
    return undefined;
  }
  if (code.startsWith("frontmatter/")) {
    const lines = text.split(/\r?\n/);
    const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (!withinLines(edits, 1, close === -1 ? lines.length : close))
      return "a frontmatter fix edits outside the frontmatter";
    return undefined;
  }
  switch (code) {
    case "link/unresolved":
      return withinRange(edits, diagnostic.range) ? undefined : "edits outside the link's target";
    case "section/level": {
      const line = diagnostic.range.start.line;
      const strip = (value: string) => value.replace(/^( {0,3})#+/, "$1");
      const same =
        withinLines(edits, line, line) &&
        strip(text.split(/\r?\n/)[line]) === strip(newText.split(/\r?\n/)[line]);
      return same ? undefined : "changes more than the heading's `#`s";
    }
    case "section/missing": {
      const onlyInserts = edits.every((edit) => {
        const lines = new LineIndex(text);
        return text.slice(lines.offsetAt(edit.range.start), lines.offsetAt(edit.range.end)).trim() === "";
      });
      return onlyInserts && isSubsequence(oldLines, newLines)
        ? undefined
        : "removes or rewrites existing text";
    }
    case "section/order": {
      const lost = minus(oldLines, newLines);
      const gained = minus(newLines, oldLines);
      return lost.length === 0 && gained.length === 0 ? undefined : "a move loses or adds lines";
    }
    case "section/unknown": {
      const lost = minus(oldLines, newLines);
      const gained = minus(newLines, oldLines);
      const heading = text.split(/\r?\n/)[diagnostic.range.start.line];
      return lost.length === 1 && lost[0] === heading && gained.length === 1 && /^#+ /.test(gained[0])
        ? undefined
        : "changes more than the heading";
    }
    case "section/duplicate": {
      const lost = minus(oldLines, newLines);
      const gained = minus(newLines, oldLines);
      const heading = text.split(/\r?\n/)[diagnostic.range.start.line];
      const ok = lost.includes(heading) && gained.every((line) => /^\d+\. \S+$/.test(line));
      return ok ? undefined : "a merge loses content";
    }
  }
  return undefined;
}

// ---- the diagnostic is gone, and no error is new ----------------------------------------------

const keyOf = (diagnostic: Diagnostic) => `${String(diagnostic.code)}\u0000${diagnostic.message}`;

function isGone(
  diagnostic: Diagnostic,
  action: CodeAction,
  before: Diagnostic[],
  after: Diagnostic[],
): boolean {
  if (action.title.endsWith(" for this file")) return !after.some((other) => other.code === diagnostic.code);
  const count = (list: Diagnostic[]) => list.filter((other) => keyOf(other) === keyOf(diagnostic)).length;
  return count(after) < count(before);
}

function errorCounts(diagnostics: Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity !== DiagnosticSeverity.Error) continue;
    counts.set(String(diagnostic.code), (counts.get(String(diagnostic.code)) ?? 0) + 1);
  }
  return counts;
}

const errorCount = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length;

/** The errors that are new (a code with more errors than before), described; undefined when none. */
function newErrors(before: Diagnostic[], after: Diagnostic[]): string | undefined {
  const was = errorCounts(before);
  const added = [...errorCounts(after)].filter(([code, count]) => count > (was.get(code) ?? 0));
  if (added.length === 0) return undefined;
  return added
    .map(([code]) => {
      const messages = after.filter((d) => d.code === code && d.severity === DiagnosticSeverity.Error);
      return `${code} (${messages.map((d) => d.message).join(" | ")})`;
    })
    .join(", ");
}

function excerpt(text: string): string {
  const lines = text.split("\n");
  return lines
    .slice(0, 40)
    .map((line) => `      | ${line}`)
    .join("\n");
}

// ---- the workspaces -----------------------------------------------------------------------------

/** Copies a folder of real files into memory under `prefix` (read only on disk). */
function loadFolder(
  dir: string,
  prefix: string,
  fileSystem: MemoryFileSystem,
  keep: (file: string) => boolean,
): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const target = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) {
      fileSystem.addFolder(target);
      loadFolder(full, target, fileSystem, keep);
    } else if (entry.isFile() && keep(full)) fileSystem.writeFile(target, fs.readFileSync(full));
  }
}

/** Mutations of a map node's text that each make some diagnostics (undefined when one does not apply). */
const nodeMutations: Record<string, (text: string, children: string[]) => string | undefined> = {
  "remove the Mini Description": (text) => removeSection(text, "Mini Description"),
  "remove the Order": (text) => removeSection(text, "Order"),
  "remove the Description": (text) => removeSection(text, "Description"),
  "swap the first two sections": (text) => {
    const sections = splitSections(text);
    if (sections.blocks.length < 2) return undefined;
    const [a, b, ...rest] = sections.blocks;
    return joinSections(sections.head, [b, a, ...rest]);
  },
  "Order first": (text) => {
    const sections = splitSections(text);
    const index = sections.blocks.findIndex((block) => block.startsWith("### Order"));
    if (index < 1) return undefined;
    const [order] = sections.blocks.splice(index, 1);
    return joinSections(sections.head, [order, ...sections.blocks]);
  },
  "misspell an Order entry": (text) =>
    replaceEntry(text, 1, (number, name) => `${number}. ${name.slice(0, -2) + name.slice(-1)}`),
  "delete an Order entry": (text) => replaceEntry(text, 0, () => undefined),
  "list an entry twice": (text) =>
    replaceEntry(text, 0, (number, name) => `${number}. ${name}\n${number}. ${name}`),
  "write an entry as a bullet": (text) =>
    replaceEntry(text, 1, (_number, name) => `- ${name.replace(/_/g, " ")}`),
  "number an entry wrong": (text) => replaceEntry(text, 0, (_number, name) => `7. ${name}`),
  "name an entry that is no child": (text) =>
    replaceEntry(text, 0, (number) => `${number}. Quantum_Gravity_Zzz`),
  "Order at level 2": (text) =>
    text.includes("### Order") ? text.replace("### Order", "## Order") : undefined,
  "misspell the Mini Description heading": (text) =>
    text.includes("### Mini Description")
      ? text.replace("### Mini Description", "### Mini Desciption")
      : undefined,
  "misspell the Order heading": (text) =>
    text.includes("### Order") ? text.replace("### Order", "### Oder") : undefined,
  "repeat the Description": (text) => {
    const sections = splitSections(text);
    const description = sections.blocks.find((block) => block.startsWith("### Description"));
    if (!description) return undefined;
    return joinSections(sections.head, [
      ...sections.blocks,
      description.replace("### Description", "### Description"),
    ]);
  },
  "link to a misspelt sibling": (text, children) => {
    if (children.length === 0) return undefined;
    const typo = children[0].slice(0, -1);
    return text.replace(/(### Order)/, `### Related Nodes\n\n- [Child](./${typo}/${typo}.md#part)\n\n$1`);
  },
};

function splitSections(text: string): { head: string; blocks: string[] } {
  const parts = text.split(/^(?=### )/m);
  const head = parts[0].startsWith("### ") ? "" : parts.shift()!;
  return { head, blocks: parts.map((part) => part.replace(/\n+$/, "\n")) };
}

function joinSections(head: string, blocks: string[]): string {
  return head + blocks.join("\n");
}

function removeSection(text: string, heading: string): string | undefined {
  const sections = splitSections(text);
  const kept = sections.blocks.filter((block) => !block.startsWith(`### ${heading}\n`));
  return kept.length === sections.blocks.length ? undefined : joinSections(sections.head, kept);
}

/** Rewrites the Order entry at `index` (from the end when negative); undefined removes it. */
function replaceEntry(
  text: string,
  index: number,
  rewrite: (number: string, name: string) => string | undefined,
): string | undefined {
  const lines = text.split("\n");
  const order = lines.indexOf("### Order");
  if (order === -1) return undefined;
  const entries = lines
    .map((line, i) => ({ line, i }))
    .filter(({ line, i }) => i > order && /^\d+\. \S+$/.test(line));
  const entry = entries[index];
  if (!entry || entry.line.length < 6) return undefined;
  const [, number, name] = entry.line.match(/^(\d+)\. (\S+)$/)!;
  const replacement = rewrite(number, name);
  if (replacement === undefined) lines.splice(entry.i, 1);
  else lines[entry.i] = replacement;
  return lines.join("\n");
}

const topicMutations: Record<string, (text: string) => string | undefined> = {
  "misspell llmSummary": (text) => text.replace(/^llmSummary:/m, "llmSumary:"),
  "drop the title": (text) => text.replace(/^title: .*\n/m, ""),
  "misspell importance with a bad value": (text) => text.replace(/^importance: .*$/m, "importanse: high"),
  "link to a misspelt page": (text) =>
    text.replace(/^## (.*)$/m, "## $1\n\nSee [the map](../wiki/other-pagee.md).\n"),
};

// ---- the tests ----------------------------------------------------------------------------------

function report(name: string, tally: Tally): void {
  const codes = [...tally.byCode].sort().map(([code, count]) => `${code} ${count}`);
  console.log(
    `      ${name}: ${tally.cases} cases, ${tally.files} files, ${tally.diagnostics} diagnostics, ` +
      `${tally.fixes} actions applied (${tally.fixes - tally.suppressions - tally.fixAll} repairs, ` +
      `${tally.suppressions} suppression comments, ${tally.fixAll} "Fix all"), ${tally.failures.length} failures`,
  );
  console.log(`      repairs by code: ${codes.join(", ")}`);
}

describe("quick-fix safety (property)", function () {
  this.timeout(600_000);

  it("every fix of every fixture case changes only what it announces, removes its diagnostic, adds no error", () => {
    const tally = newTally();
    for (const fixture of findCases()) {
      const fileSystem = new MemoryFileSystem();
      const caseRoot = "/case";
      loadFolder(fixture.dir, caseRoot, fileSystem, (file) => path.basename(file) !== "expected.json");
      for (const generated of fixture.expected.generated ?? []) {
        fileSystem.writeFile(`${caseRoot}/${generated.path}`, generatedBytes(generated));
      }
      const root = path.posix.join(caseRoot, fixture.expected.root ?? ".");
      const service = createLanguageService({ fileSystem, workspaceRoots: [root] });
      tally.cases++;
      for (const file of service.listCheckedFiles().filter(isMarkdown)) {
        const text = editorText(fileSystem.readFile(file)!);
        if (text !== undefined) checkFile(service, file, text.replace(/^\uFEFF/, ""), fixture.name, tally);
      }
    }
    report("fixtures", tally);
    assert.ok(tally.fixes > 50, `only ${tally.fixes} fixes were checked`);
    assert.deepEqual(tally.failures, []);
  });

  itWithShared(
    "corpus",
    "every fix on mutated files of the shared corpus changes only what it announces, removes its diagnostic, adds no error",
    () => {
      const fileSystem = new MemoryFileSystem();
      const root = "/corpus";
      loadFolder(
        corpusDir,
        root,
        fileSystem,
        (file) => isMarkdown(file) || path.basename(file) === "meta.json",
      );
      const service = createLanguageService({ fileSystem, workspaceRoots: [root] });
      const nodeFiles = service.listCheckedFiles().filter(isMarkdown).sort();
      // A deterministic sample: every n-th node, plus the root.
      const sample = nodeFiles.filter((_, i) => i % 29 === 0);
      const tally = newTally();
      for (const file of sample) {
        const text = editorText(fileSystem.readFile(file)!)!;
        const folder = path.posix.dirname(file);
        const children = (fileSystem.readDirectory(folder) ?? [])
          .filter((entry) => entry.type === "directory")
          .map((entry) => entry.name);
        for (const [name, mutate] of Object.entries(nodeMutations)) {
          const mutated = mutate(text, children);
          if (mutated === undefined || mutated === text) continue;
          tally.cases++;
          checkFile(service, file, mutated, `corpus (${name})`, tally);
        }
      }
      if (fs.existsSync(seedTopic)) {
        const topic = "/corpus/wiki/international-coordination.md";
        const text = fs.readFileSync(seedTopic, "utf8");
        fileSystem.writeFile(topic, text);
        for (const [name, mutate] of Object.entries(topicMutations)) {
          const mutated = mutate(text);
          if (mutated === undefined || mutated === text) continue;
          tally.cases++;
          checkFile(service, topic, mutated, `seed topic (${name})`, tally);
        }
      }
      report("shared corpus", tally);
      assert.ok(tally.fixes > 200, `only ${tally.fixes} fixes were checked`);
      assert.deepEqual(tally.failures, []);
    },
  );
});
