import * as path from "node:path";
import type { LanguageService } from "../core";
import { toNativePath } from "../node/nodeFileSystem";
import {
  type LateWrite,
  readForFix,
  type ReplacedFile,
  replaceIfUnchanged,
  settleReplaced,
} from "./safeReplace";

/** What `--fix` did: the lines that say it, and whether some file's fixes were not written. */
export interface FixSummary {
  text: string;
  incomplete: boolean;
}

/** Reads of a file that keeps changing under the fix before it is left alone. */
const maxAttempts = 3;

/**
 * `--fix`: every safe fix of each checked Markdown file, computed by the core on the bytes read here and
 * written only over those same bytes (see safeReplace.ts): a file that changes meanwhile is read and fixed
 * again, and left alone if it keeps changing. A file that must not be written (a symbolic link, a file with
 * other hard links, a read-only file) or that cannot be (an error) gets a line saying so, and the other
 * files are fixed all the same.
 */
export function fixFiles(service: LanguageService, files: Iterable<string>, cwd: string): FixSummary {
  const lines: string[] = [];
  let problems = 0;
  let changed = 0;
  let notFixed = 0;
  const replaced: { display: string; file: ReplacedFile; problems: number }[] = [];
  for (const file of files) {
    const native = toNativePath(file);
    if (!/\.mdx?$/i.test(native)) continue;
    const display = path.relative(cwd, native).split(path.sep).join("/");
    let outcome: FileOutcome;
    try {
      outcome = fixFile(service, file, native);
    } catch (error) {
      outcome = { notFixed: describeError(error) };
    }
    if ("notFixed" in outcome) {
      lines.push(`not fixed ${display}: ${outcome.notFixed}`);
      notFixed++;
    } else if (outcome.fixed.length > 0) {
      lines.push(`fixed ${display}: ${describeCodes(outcome.fixed)}`);
      problems += outcome.fixed.length;
      changed++;
      if (outcome.replaced)
        replaced.push({ display, file: outcome.replaced, problems: outcome.fixed.length });
    }
  }
  // Last, once the other files are done: a write that reached a replaced file's old content.
  for (const { display, file, problems: undone } of replaced) {
    const late = settleOrError(file);
    if (late.kind === "appended-again")
      lines.push(`kept a write to ${display} made during the replace: appended again after the fix`);
    else if (late.kind !== "none") {
      lines.push(`not fixed ${display}: ${describeLateChange(late)}`);
      notFixed++;
      // Its fixed content is no longer (only) what the file holds.
      problems -= undone;
      changed--;
    }
  }
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  const left = notFixed > 0 ? `; ${plural(notFixed, "file")} not fixed` : "";
  lines.push(`${plural(problems, "problem")} fixed in ${plural(changed, "file")}${left}.`);
  return { text: lines.join("\n") + "\n", incomplete: notFixed > 0 };
}

type FileOutcome = { fixed: string[]; replaced?: ReplacedFile } | { notFixed: string };

function fixFile(service: LanguageService, file: string, native: string): FileOutcome {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const read = readForFix(native);
    if (!read) return { fixed: [] };
    const result = service.fixAll(file, read.bytes);
    if (!result || result.fixed.length === 0) return { fixed: [] };
    const content = Buffer.from(bomOf(read.bytes) + result.text, "utf8");
    if (content.equals(read.bytes)) return { fixed: [] };
    if ("refused" in read) return { notFixed: `${read.refused}; left as it is` };
    const replaced = replaceIfUnchanged(native, read, content);
    // The service read the file before: it reads it again for the check that follows.
    service.filesChanged([{ path: file, change: "changed" }]);
    if (replaced) return { fixed: result.fixed.map((diagnostic) => String(diagnostic.code)), replaced };
  }
  return { notFixed: `it kept changing while it was being fixed (${maxAttempts} times); left as it is` };
}

function settleOrError(file: ReplacedFile): LateWrite | { kind: "error"; error: string } {
  try {
    return settleReplaced(file);
  } catch (error) {
    return { kind: "error", error: describeError(error) };
  }
}

function describeLateChange(
  late: Exclude<LateWrite, { kind: "none" | "appended-again" }> | { kind: "error"; error: string },
): string {
  switch (late.kind) {
    case "kept":
      return `it changed during the replace; the file with that change is kept beside it as ${path.basename(late.keptAs)}`;
    case "lost":
      return "it changed during the replace, and that change may be lost: check it";
    case "error":
      return late.error;
  }
}

/** The BOM the file starts with, which the core's text has dropped. */
function bomOf(bytes: Buffer): string {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? "\uFEFF" : "";
}

function describeCodes(codes: string[]): string {
  const counts = new Map<string, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].map(([code, count]) => (count > 1 ? `${code} (${count})` : code)).join(", ");
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
