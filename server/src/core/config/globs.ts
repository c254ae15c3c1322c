import picomatch from "picomatch";
import { linearRegExp, type LinearRegExp } from "../linearRegExp";
import { relativePath } from "../paths";

/**
 * Globs of the configuration (`assign`, `overrides`, reference `dataFiles` and `files`) run on RE2, as
 * every pattern a workspace supplies does: picomatch's own regular expressions backtrack, and
 * `**\/*a*a*a*a*b.md` against a 200-character name took 29 s. picomatch still reads the glob (braces,
 * classes, `**`); its regular expression then runs on RE2 once the guards below are taken out.
 *
 * Extglobs (`+(a|aa)`, `!(x)`) are refused: their nested quantifiers and lookaheads are what make a
 * backtracking engine exponential, and RE2 has no lookahead. A leading `!` negates a glob, as in picomatch.
 */
const options = { dot: true, noextglob: true } as const;

/**
 * picomatch's lookarounds that a path segment is not `.` or `..`, and not empty. They always hold for the
 * paths matched here (workspace-relative paths of files, which have no such segments), and RE2 has no
 * lookaround: they are removed from the source.
 */
const segmentGuards = ["(?!(?:^|\\/)\\.{1,2}(?:\\/|$))", "(?!\\.{1,2}(?:\\/|$))", "(?=.)"];

const extglob = /[@!?*+]\(/;

interface CompiledGlob {
  regExp: LinearRegExp;
  negated: boolean;
}

/** A glob compiled for RE2, or why it cannot be (for config/invalid). */
export function compileGlob(glob: string): CompiledGlob | { problem: string } {
  const negated = glob.startsWith("!") && !glob.startsWith("!(");
  const body = negated ? glob.slice(1) : glob;
  if (extglob.test(body))
    return {
      problem: `The glob \`${glob}\` uses an extglob (\`+(…)\`, \`!(…)\`, \`@(…)\`, \`*(…)\`, \`?(…)\`), which kb-author does not run: such patterns can take exponential time to match. Use braces (\`{a,b}\`) or several globs.`,
    };
  let source = picomatch.makeRe(body, options).source;
  for (const guard of segmentGuards) source = source.split(guard).join("");
  try {
    return { regExp: linearRegExp(source), negated };
  } catch (error) {
    return { problem: `The glob \`${glob}\` cannot be matched in linear time: ${(error as Error).message}.` };
  }
}

const matchers = new Map<string, (path: string) => boolean>();

/**
 * Whether a file matches any of the globs, which are relative to `baseDir` (gitignore-like, dot files
 * included; a glob that cannot be compiled matches nothing, and its configuration says why).
 */
export function matchesGlobs(globs: readonly string[], baseDir: string, path: string): boolean {
  const key = globs.join("\0");
  let matcher = matchers.get(key);
  if (!matcher) {
    const compiled = globs.map(compileGlob).filter((glob): glob is CompiledGlob => "regExp" in glob);
    matcher = (relative) => compiled.some((glob) => glob.regExp.test(relative) !== glob.negated);
    matchers.set(key, matcher);
  }
  const relative = relativePath(baseDir, path);
  return !relative.startsWith("..") && matcher(relative);
}
