/**
 * The fuzz harness shared by test/unit/fuzz/fuzz.test.ts and scripts/fuzz.mjs: real files (fixture
 * workspaces, a sample of the shared corpus, the seeds) loaded into memory, one language service per
 * source, and one case = one mutated file fed as an open document (as the editor feeds text) and run
 * through validate() and the editor features. The corpus is read in place and never written.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Range, TextEdit } from "vscode-languageserver-types";
import { createLanguageService, type LanguageService } from "../../server/src/core/languageService";
import { pathToUri } from "../../server/src/core/model/uris";
import { fixturesRoot } from "./fixtures";
import { MemoryFileSystem } from "./memoryFileSystem";
import { caseSeed, mutate, Random } from "./mutations";
import { corpusDir, seedsDir } from "./sharedData";

/**
 * A case slower than this counts as a hang (the rule): scripts/fuzz.mjs reports such cases
 * (`new Fuzzer(sources, { hangMs })`); the tests do not time cases, and bench/limits.mjs times the
 * inputs that once hung.
 */
export const hangMs = 2000;

/** A small workspace of real files, kept in memory; `targets` are the files that get mutated. */
export interface FuzzSource {
  label: string;
  root: string;
  files: Record<string, string | null>;
  targets: string[];
}

/** The feature calls of a case, each timed on its own (scripts/fuzz.mjs prints them for the slowest cases). */
export const phases = [
  "validate",
  "completion",
  "hover",
  "symbols",
  "format",
  "codeActions",
  "renderPage",
] as const;
export type Phase = (typeof phases)[number];

export interface CaseResult {
  source: string;
  target: string;
  steps: string[];
  text: string;
  ms: number;
  /**
   * CPU milliseconds of this process during the case (user and system, every thread): unlike `ms`, not
   * stretched by other processes on a shared machine (the GC's helper threads still count).
   */
  cpuMs: number;
  /** Milliseconds spent in each phase (a phase not run is 0); opening and closing the document is the rest of `ms`. */
  phaseMs: Record<Phase, number>;
  problems: string[];
}

const checkedFile = /\.(mdx?|json|jsonc)$/i;

function readTree(dir: string, into: Record<string, string | null>, prefix: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const key = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) {
      into[key + "/"] = null;
      readTree(full, into, key);
    } else if (entry.isFile()) into[key] = fs.readFileSync(full, "utf8");
  }
}

/** Every fixture case folder (not the fuzz regressions, which replay separately) as a source. */
function fixtureSources(): FuzzSource[] {
  const sources: FuzzSource[] = [];
  const walk = (dir: string): void => {
    const expected = path.join(dir, "expected.json");
    if (fs.existsSync(expected)) {
      const files: Record<string, string | null> = {};
      readTree(dir, files, "/kb");
      delete files["/kb/expected.json"];
      const rootName = (JSON.parse(fs.readFileSync(expected, "utf8")) as { root?: string }).root;
      const root = rootName ? `/kb/${rootName}` : "/kb";
      const targets = Object.keys(files).filter(
        (file) => checkedFile.test(file) && file.startsWith(root + "/"),
      );
      if (targets.length > 0) sources.push({ label: path.relative(fixturesRoot, dir), root, files, targets });
      return;
    }
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name)))
      if (entry.isDirectory() && !entry.name.startsWith("fuzz-")) walk(path.join(dir, entry.name));
  };
  walk(fixturesRoot);
  return sources;
}

/** The node folders of the corpus, sorted (so a sample is the same on every machine). */
function corpusNodeFolders(): string[] {
  const folders: string[] = [];
  const walk = (dir: string): void => {
    folders.push(dir);
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name)))
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
  };
  const meta = JSON.parse(fs.readFileSync(path.join(corpusDir, "meta.json"), "utf8")) as { rootDir: string };
  walk(path.join(corpusDir, meta.rootDir));
  return folders;
}

/**
 * `count` corpus nodes spread evenly over the tree, each with what its checks read: meta.json, its
 * parent's file, its own file and papers.json, and its children's files (for Order, hover, completion).
 */
function corpusSources(count: number): FuzzSource[] {
  if (count <= 0 || !fs.existsSync(path.join(corpusDir, "meta.json"))) return [];
  const folders = corpusNodeFolders();
  const step = Math.max(1, Math.floor(folders.length / count));
  const sources: FuzzSource[] = [];
  for (let i = 0; i < folders.length && sources.length < count; i += step) {
    const folder = folders[i];
    const rel = (full: string) => "/kb/" + path.relative(corpusDir, full).split(path.sep).join("/");
    const files: Record<string, string | null> = {
      "/kb/meta.json": fs.readFileSync(path.join(corpusDir, "meta.json"), "utf8"),
    };
    const addNode = (dir: string) => {
      const file = path.join(dir, path.basename(dir) + ".md");
      if (fs.existsSync(file)) files[rel(file)] = fs.readFileSync(file, "utf8");
      else files[rel(dir) + "/"] = null;
    };
    // The map's root has no parent node (its parent is the repository root).
    if (path.dirname(folder) !== corpusDir) addNode(path.dirname(folder));
    addNode(folder);
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) addNode(full);
      else if (entry.name === "papers.json") files[rel(full)] = fs.readFileSync(full, "utf8");
    }
    const targets = Object.keys(files).filter(
      (file) => file.startsWith(rel(folder) + "/") && checkedFile.test(file),
    );
    const own = targets.filter((file) => path.posix.dirname(file) === rel(folder));
    sources.push({ label: "corpus " + path.relative(corpusDir, folder), root: "/kb", files, targets: own });
  }
  return sources;
}

function seedSources(): FuzzSource[] {
  if (!fs.existsSync(seedsDir)) return [];
  return fs
    .readdirSync(seedsDir)
    .filter((name) => name.endsWith(".md") && name !== "README.md")
    .sort()
    .map((name) => ({
      label: "seed " + name,
      root: "/kb",
      files: { [`/kb/${name}`]: fs.readFileSync(path.join(seedsDir, name), "utf8") },
      targets: [`/kb/${name}`],
    }));
}

/** Every source: the fixture workspaces, the seeds and `corpusCount` corpus nodes (when the corpus is there). */
export function loadSources(corpusCount: number): FuzzSource[] {
  return [...fixtureSources(), ...seedSources(), ...corpusSources(corpusCount)];
}

/** One language service per source, made when first needed and reused by its cases. */
export class Fuzzer {
  private readonly services = new Map<FuzzSource, LanguageService>();
  private version = 1;
  private readonly targets: { source: FuzzSource; target: string }[];

  /** `hangMs`: a case that takes longer is a problem (a wall-clock limit: for scripts/fuzz.mjs, not for tests). */
  constructor(
    readonly sources: FuzzSource[],
    private readonly options: { hangMs?: number } = {},
  ) {
    this.targets = sources.flatMap((source) => source.targets.map((target) => ({ source, target })));
  }

  /** Case `n` of the run with `seed`: a random target, mutated, and checked. */
  runCase(seed: number, n: number): CaseResult {
    const random = new Random(caseSeed(seed, n));
    const { source, target } = random.pick(this.targets);
    const { text, steps } = mutate(source.files[target] ?? "", random);
    return this.check(source, target, text, steps, random);
  }

  /** Checks one text of one target; every exception and every out-of-range position is a problem. */
  check(source: FuzzSource, target: string, text: string, steps: string[], random: Random): CaseResult {
    let service = this.services.get(source);
    if (!service) {
      service = createLanguageService({
        fileSystem: new MemoryFileSystem(source.files),
        workspaceRoots: [source.root],
      });
      this.services.set(source, service);
    }
    const problems: string[] = [];
    const phaseMs = Object.fromEntries(phases.map((phase) => [phase, 0])) as Record<Phase, number>;
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    // The editor never sends a leading BOM: VS Code strips it when it opens a file.
    const open = text.startsWith("\ufeff") ? text.slice(1) : text;
    const lines = open.split(/\r\n?|\n/);
    try {
      service.openDocument(target, open, this.version++);
      // meta.json and configuration files are cached as map and rule state: say they changed.
      if (!/\.mdx?$/i.test(target)) service.filesChanged([{ path: target, change: "changed" }]);
      exercise(service, source, target, lines, random, problems, phaseMs);
    } finally {
      service.closeDocument(target);
      if (!/\.mdx?$/i.test(target)) service.filesChanged([{ path: target, change: "changed" }]);
    }
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const limit = this.options.hangMs;
    if (limit !== undefined && ms > limit)
      problems.push(`hang: the case took ${Math.round(ms)} ms (limit ${limit} ms)`);
    return { source: source.label, target, steps, text, ms, cpuMs, phaseMs, problems };
  }
}

/** The phase each call named in `exercise` is timed under. */
const phaseOf: Record<string, Phase> = {
  validate: "validate",
  getCompletions: "completion",
  getHover: "hover",
  getDocumentSymbols: "symbols",
  format: "format",
  getCodeActions: "codeActions",
  renderPage: "renderPage",
};

function exercise(
  service: LanguageService,
  source: FuzzSource,
  target: string,
  lines: string[],
  random: Random,
  problems: string[],
  phaseMs: Record<Phase, number>,
): void {
  const attempt = <T>(what: string, run: () => T): T | undefined => {
    const phase = phaseOf[what];
    const started = performance.now();
    try {
      return run();
    } catch (error) {
      problems.push(
        `${what} throws: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return undefined;
    } finally {
      phaseMs[phase] += performance.now() - started;
    }
  };
  const checkRange = (what: string, range: Range | undefined) => {
    const problem = range && rangeProblem(range, lines);
    if (problem) problems.push(`${what}: ${problem} ${JSON.stringify(range)}`);
  };
  const checkEdits = (what: string, edits: TextEdit[] | undefined) =>
    edits?.forEach((edit) => checkRange(what, edit.range));

  const diagnostics = attempt("validate", () => service.validate(target)?.diagnostics) ?? [];
  for (const diagnostic of diagnostics) checkRange(`diagnostic ${String(diagnostic.code)}`, diagnostic.range);
  if (!/\.mdx?$/i.test(target)) return;

  const positions = [0, 1].map(() => {
    const line = random.int(lines.length);
    return { line, character: random.int(lines[line].length + 1) };
  });
  for (const position of positions) {
    const completions = attempt("getCompletions", () => service.getCompletions(target, position));
    for (const item of completions?.items ?? []) {
      const edit = item.textEdit;
      if (edit && "range" in edit) checkRange("completion", edit.range);
      checkEdits("completion additional edit", item.additionalTextEdits);
    }
    checkRange("hover", attempt("getHover", () => service.getHover(target, position))?.range);
  }
  const symbols = attempt("getDocumentSymbols", () => service.getDocumentSymbols(target)) ?? [];
  for (const symbol of symbols.flatMap(function flat(s): typeof symbols {
    return [s, ...(s.children ?? []).flatMap(flat)];
  })) {
    checkRange(`symbol ${symbol.name}`, symbol.range);
    checkRange(`symbol ${symbol.name} selection`, symbol.selectionRange);
  }
  checkEdits(
    "format",
    attempt("format", () => service.format(target)),
  );
  for (const diagnostic of diagnostics.slice(0, 3)) {
    const actions = attempt("getCodeActions", () =>
      service.getCodeActions(target, diagnostic.range, [diagnostic]),
    );
    for (const action of actions ?? [])
      checkEdits(`code action ${action.title}`, action.edit?.changes?.[pathToUri(target)]);
  }
  attempt("renderPage", () =>
    service.renderPage(target, {
      kind: "editor",
      resourceRoots: [{ folder: source.root, webviewBase: "https://webview" }],
    }),
  );
}

/** Why a range does not lie inside the document (lines ended by CRLF, CR or LF, as LineIndex and LSP count them). */
export function rangeProblem(range: Range, lines: string[]): string | undefined {
  for (const position of [range.start, range.end]) {
    if (!Number.isInteger(position.line) || position.line < 0 || position.line >= lines.length)
      return `line ${position.line} outside 0..${lines.length - 1}`;
    if (
      !Number.isInteger(position.character) ||
      position.character < 0 ||
      position.character > lines[position.line].length
    )
      return `character ${position.character} outside 0..${lines[position.line].length} on line ${position.line}`;
  }
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character))
    return "start after end";
  return undefined;
}

/** A failing case saved by scripts/fuzz.mjs as test/fixtures/fuzz-<seed>-<n>/case.json, replayed by the suite. */
export interface SavedCase {
  seed: number;
  case: number;
  source: string;
  root: string;
  target: string;
  steps: string[];
  problems: string[];
  /** The source workspace, so the case replays without the corpus. */
  files: Record<string, string | null>;
  /** The mutated text, JSON-escaped: committed fixture files may not hold CR, BOM or NUL bytes. */
  text: string;
}

/**
 * Saves a failing case as a fixture folder: case.json (exact), the mutated file itself when it is
 * plain LF text, and a README.md saying what failed. Returns the folder.
 */
export function saveFailure(seed: number, n: number, sources: FuzzSource[], result: CaseResult): string {
  const source = sources.find((candidate) => candidate.label === result.source)!;
  const dir = path.join(fixturesRoot, `fuzz-${seed}-${n}`);
  fs.mkdirSync(dir, { recursive: true });
  const saved: SavedCase = {
    seed,
    case: n,
    source: source.label,
    root: source.root,
    target: result.target,
    steps: result.steps,
    problems: result.problems.map((problem) => problem.split("\n")[0]),
    files: source.files,
    text: result.text,
  };
  fs.writeFileSync(path.join(dir, "case.json"), JSON.stringify(saved, null, 2) + "\n");
  if (!/[\r\0\ufeff]/.test(result.text))
    fs.writeFileSync(path.join(dir, path.posix.basename(result.target)), result.text);
  const readme = [
    `# Fuzz case ${n} of seed ${seed}`,
    "",
    `Found by \`node scripts/fuzz.mjs --seed ${seed}\` (case ${n}): ${source.label}, ${result.target},`,
    `mutated by ${result.steps.join(", ") || "nothing"}. The exact text is case.json's \`text\`;`,
    "test/unit/fuzz/fuzz.test.ts replays it. What failed:",
    "",
    ...saved.problems.map((problem) => `- ${problem}`),
    "",
  ];
  fs.writeFileSync(path.join(dir, "README.md"), readme.join("\n"));
  return dir;
}

/** The saved fuzz cases under test/fixtures (folders fuzz-*), sorted. */
export function savedCases(): { name: string; saved: SavedCase }[] {
  return fs
    .readdirSync(fixturesRoot)
    .filter((name) => name.startsWith("fuzz-") && fs.existsSync(path.join(fixturesRoot, name, "case.json")))
    .sort()
    .map((name) => ({
      name,
      saved: JSON.parse(fs.readFileSync(path.join(fixturesRoot, name, "case.json"), "utf8")) as SavedCase,
    }));
}

/** Replays a saved case in its own workspace. */
export function replay(saved: SavedCase): CaseResult {
  const source: FuzzSource = {
    label: saved.source,
    root: saved.root,
    files: saved.files,
    targets: [saved.target],
  };
  return new Fuzzer([source]).check(
    source,
    saved.target,
    saved.text,
    saved.steps,
    new Random(caseSeed(saved.seed, saved.case)),
  );
}
