/**
 * The fixture suite's format and runner (used by test/unit/fixtures.test.ts).
 *
 * A case is a folder under test/fixtures/ that holds an `expected.json` (see `ExpectedFile`); the rest
 * of the folder is a tiny workspace of real files (meta.json and node folders, topic pages,
 * papers.json, kb-author.jsonc, schemas). The case is run through the core exactly as the CLI does it
 * (NodeFileSystem, one workspace root, every checked file validated) and must produce exactly the
 * diagnostics listed: code, path, range and severity (messages are only required to be non-empty).
 *
 * Bytes that a text editor, prettier or git would change (CRLF, a BOM, invalid UTF-8, NUL bytes,
 * NFD file names) or that are too big to commit (files over the 2 MB limit) are not committed: the
 * case lists them under `generated`, and the runner copies the case to a temporary folder and writes
 * them there before the run. The committed fixture files themselves are plain LF UTF-8 without BOM
 * (a test checks it), and `.gitattributes` keeps git from converting them.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Diagnostic } from "vscode-languageserver-types";
import { isDiagnosticCode } from "../../server/src/core/diagnosticCodes";
import { createLanguageService } from "../../server/src/core/languageService";
import { NodeFileSystem, toCorePath, toNativePath } from "../../server/src/node/nodeFileSystem";

/** The file `expected.json` of a case. */
export interface ExpectedFile {
  /** What the case shows, in a sentence or two. */
  description: string;
  /** Codes this case is the positive case of: each must appear in `diagnostics`. */
  proves?: string[];
  /** Codes this case is a near miss of (input that looks like the mistake but is legal): none may appear in `diagnostics`. */
  nearMissOf?: string[];
  /** The workspace root, relative to the case folder (default: the case folder). Files beside it are outside the workspace. */
  root?: string;
  /** Files written at test time (relative to the case folder), for bytes that cannot be committed as text. */
  generated?: GeneratedFile[];
  /** Expected kind of some files (relative to the root): `map-node`, `topic`, `papers`, `meta`, `config` or null. */
  kinds?: Record<string, string | null>;
  /** Every diagnostic the case produces, over every checked file of the workspace. */
  diagnostics: ExpectedDiagnostic[];
}

/**
 * A file written at test time: `text` (a JSON string, so `\r\n`, `\uFEFF` and `\u0308` are exact)
 * or `hex` (raw bytes), then `fill` repeated until the file is exactly `size` bytes long.
 * `path` may itself use escapes (an NFD folder name: `Lo\u0308bian_Obstacle`).
 */
export interface GeneratedFile {
  path: string;
  text?: string;
  hex?: string;
  fill?: string;
  size?: number;
}

export interface ExpectedDiagnostic {
  /** Relative to the workspace root, `/`-separated. */
  path: string;
  code: string;
  /** [startLine, startCharacter, endLine, endCharacter], 0-based as in LSP (characters are UTF-16 units). */
  range: [number, number, number, number];
  severity: SeverityText;
}

export type SeverityText = "error" | "warning" | "info" | "hint";

export interface FixtureCase {
  /** `order/unknown-entry typo`: the case folder relative to test/fixtures, its last segment apart. */
  name: string;
  /** Absolute path of the case folder. */
  dir: string;
  expected: ExpectedFile;
}

/** What running a case produced. */
export interface CaseResult {
  diagnostics: ExpectedDiagnostic[];
  messages: { key: string; message: string }[];
  kinds: Record<string, string | null>;
  /** Checked files the service listed but could not validate (validate() returned undefined). */
  unreadable: string[];
}

export const fixturesRoot = path.resolve(__dirname, "../../../test/fixtures");

const severityNames: Record<number, SeverityText> = { 1: "error", 2: "warning", 3: "info", 4: "hint" };

/** Every case under `root`: each folder holding an expected.json (its sub-folders are its workspace, not cases). */
export function findCases(root: string = fixturesRoot): FixtureCase[] {
  const cases: FixtureCase[] = [];
  const walk = (dir: string): void => {
    const expectedPath = path.join(dir, "expected.json");
    if (fs.existsSync(expectedPath)) {
      const relative = path.relative(root, dir).split(path.sep);
      const caseName = relative.pop()!;
      cases.push({
        name: `${relative.join("/")} ${caseName}`,
        dir,
        expected: parseExpected(expectedPath),
      });
      return;
    }
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
    }
  };
  walk(root);
  return cases;
}

/** Reads an expected.json and checks its shape, so that a typo in a fixture fails loudly instead of passing. */
export function parseExpected(file: string): ExpectedFile {
  const value = JSON.parse(fs.readFileSync(file, "utf8")) as ExpectedFile;
  const fail = (message: string): never => {
    throw new Error(`${file}: ${message}`);
  };
  const known = new Set(["description", "proves", "nearMissOf", "root", "generated", "kinds", "diagnostics"]);
  for (const key of Object.keys(value)) if (!known.has(key)) fail(`unknown key \`${key}\``);
  if (typeof value.description !== "string" || value.description.trim() === "")
    fail("`description` is required");
  if (!Array.isArray(value.diagnostics))
    fail("`diagnostics` must be an array (empty for a case without any)");
  for (const code of [...(value.proves ?? []), ...(value.nearMissOf ?? [])]) {
    if (!isDiagnosticCode(code)) fail(`\`${code}\` in proves/nearMissOf is not a diagnostic code`);
  }
  for (const diagnostic of value.diagnostics) {
    const where = JSON.stringify(diagnostic);
    if (!isDiagnosticCode(diagnostic.code)) fail(`unknown code in ${where}`);
    if (typeof diagnostic.path !== "string" || diagnostic.path.includes("\\")) fail(`bad path in ${where}`);
    const rangeOk =
      Array.isArray(diagnostic.range) &&
      diagnostic.range.length === 4 &&
      diagnostic.range.every((n) => Number.isInteger(n) && n >= 0);
    if (!rangeOk) fail(`range must be [startLine, startChar, endLine, endChar] in ${where}`);
    if (!Object.values(severityNames).includes(diagnostic.severity)) fail(`bad severity in ${where}`);
  }
  for (const generated of value.generated ?? []) {
    if ((generated.text === undefined) === (generated.hex === undefined) && generated.fill === undefined) {
      fail(`generated file ${generated.path} needs \`text\` or \`hex\` (or \`fill\` and \`size\`)`);
    }
    if ((generated.fill === undefined) !== (generated.size === undefined)) {
      fail(`generated file ${generated.path}: \`fill\` and \`size\` go together`);
    }
  }
  return value;
}

/** The bytes of a generated file. */
export function generatedBytes(file: GeneratedFile): Buffer {
  const head =
    file.hex !== undefined
      ? Buffer.from(file.hex.replace(/\s+/g, ""), "hex")
      : Buffer.from(file.text ?? "", "utf8");
  if (file.size === undefined || file.fill === undefined) return head;
  const fill = Buffer.from(file.fill, "utf8");
  const result = Buffer.alloc(file.size);
  head.copy(result, 0, 0, Math.min(head.length, file.size));
  for (let offset = head.length; offset < file.size; offset += fill.length) fill.copy(result, offset);
  return result;
}

/**
 * The folder to run a case in: the case folder itself, or (when it has generated files) a copy in
 * the system's temporary folder with those files written. `dispose` removes the copy.
 */
export function materialize(fixture: FixtureCase): { dir: string; dispose: () => void } {
  const generated = fixture.expected.generated ?? [];
  if (generated.length === 0) return { dir: fixture.dir, dispose: () => {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-fixture-"));
  fs.cpSync(fixture.dir, dir, { recursive: true });
  for (const file of generated) {
    const target = path.join(dir, ...file.path.split("/"));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, generatedBytes(file));
  }
  return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs the core over the case's workspace as the CLI does: list every checked file, validate each.
 * With `openInEditor`, every file that an editor would show as text (valid UTF-8) is first opened as a
 * document, BOM dropped, as the language server does for open files: the results must not change.
 */
export function runCase(fixture: FixtureCase, dir: string, openInEditor = false): CaseResult {
  const root = toCorePath(path.join(dir, fixture.expected.root ?? "."));
  const service = createLanguageService({ fileSystem: new NodeFileSystem(), workspaceRoots: [root] });
  const result: CaseResult = { diagnostics: [], messages: [], kinds: {}, unreadable: [] };
  const files = service.listCheckedFiles();
  if (openInEditor) {
    for (const file of files) {
      // An editor opens a link's target, whose text the workspace may not read (a link leading outside).
      if (fs.lstatSync(toNativePath(file)).isSymbolicLink()) continue;
      const text = editorText(fs.readFileSync(toNativePath(file)));
      if (text !== undefined) service.openDocument(file, text, 1);
    }
  }
  for (const file of files) {
    const relative = path.posix.relative(root, file);
    const report = service.validate(file);
    if (!report) {
      result.unreadable.push(relative);
      continue;
    }
    result.kinds[relative] = report.kind;
    for (const diagnostic of report.diagnostics) {
      const expected = toExpected(relative, diagnostic);
      result.diagnostics.push(expected);
      result.messages.push({ key: diagnosticKey(expected), message: diagnostic.message });
    }
  }
  result.diagnostics.sort(compareDiagnostics);
  return result;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The text an editor holds for a file (the BOM is not part of it), or undefined when it is not UTF-8 text. */
function editorText(bytes: Buffer): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function toExpected(relativePath: string, diagnostic: Diagnostic): ExpectedDiagnostic {
  const { start, end } = diagnostic.range;
  return {
    path: relativePath,
    code: String(diagnostic.code),
    range: [start.line, start.character, end.line, end.character],
    severity: severityNames[diagnostic.severity ?? 1],
  };
}

/** One line per diagnostic, for readable set comparisons: `AI/AI.md 3:0-3:9 error order/unknown-entry`. */
export function diagnosticKey(diagnostic: ExpectedDiagnostic): string {
  const [sl, sc, el, ec] = diagnostic.range;
  return `${diagnostic.path} ${sl}:${sc}-${el}:${ec} ${diagnostic.severity} ${diagnostic.code}`;
}

export function compareDiagnostics(a: ExpectedDiagnostic, b: ExpectedDiagnostic): number {
  return (
    a.path.localeCompare(b.path) ||
    a.range[0] - b.range[0] ||
    a.range[1] - b.range[1] ||
    a.range[2] - b.range[2] ||
    a.range[3] - b.range[3] ||
    a.code.localeCompare(b.code)
  );
}

/** Committed fixture files that a checkout or an editor could alter: CR bytes, a BOM. Such bytes belong in `generated`. */
export function fragileFixtureFiles(root: string = fixturesRoot): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const bytes = fs.readFileSync(full);
        const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        if (hasBom || bytes.includes(0x0d) || bytes.includes(0x00)) found.push(path.relative(root, full));
      }
    }
  };
  walk(root);
  return found;
}
