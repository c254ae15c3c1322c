/** Parsed command line of `kb-author check`. */
export interface CheckArguments {
  paths: string[];
  format: OutputFormat;
  configPath: string | undefined;
  /** Apply every safe fix in place before reporting (`--fix`). */
  fix: boolean;
}

/** Parsed command line of `kb-author render`. */
export interface RenderArguments {
  /** The knowledge base's folder. */
  source: string;
  /** The site's folder (`--out`). */
  out: string;
  format: RenderFormat;
  configPath: string | undefined;
}

const outputFormats = ["text", "json", "sarif"] as const;
export type OutputFormat = (typeof outputFormats)[number];
const renderFormats = ["text", "json"] as const;
type RenderFormat = (typeof renderFormats)[number];

type ParsedCommand =
  | { command: "check"; args: CheckArguments }
  | { command: "render"; args: RenderArguments }
  | { command: "help" }
  | { command: "version" }
  | { command: "error"; message: string };

export const usage = `Usage: kb-author check [paths...] [--format text|json|sarif] [--config FILE] [--fix]
       kb-author render FOLDER --out SITE [--format text|json] [--config FILE]

check: checks Markdown knowledge bases (map nodes and topic entries), papers.json, meta.json and
kb-author.jsonc files. Paths default to the current folder.

  --format text|json|sarif  output format (default: text)
  --config FILE             use this configuration file for every checked file
  --fix                     apply every safe fix in place (only to the checked Markdown files
                            whose text changes), list the codes fixed per file, then report and
                            exit by what remains (with --format json or sarif the list goes to
                            stderr); a file it must not or cannot write (read-only, hard-linked,
                            a symbolic link, changed meanwhile, an error) is named on a
                            "not fixed" line and left as it is

  Exit status: 0 no errors, 1 errors found (or, with --fix, a file not fixed), 2 the check could
  not start.

render: writes the knowledge base in FOLDER as a static HTML site into SITE: a page per map node
(NODE/PATH/index.html) and per other Markdown file (PATH.html), index.html, map.html, style.css and
the local files the pages reference. Pages show their problems; a page that cannot be rendered
becomes an error page. SITE must be new, empty, or written by an earlier render (then its contents
are replaced); it may not contain FOLDER.

  --out SITE                the site's folder (required)
  --format text|json        summary format (default: text)
  --config FILE             use this configuration file for every file

  Exit status: 0 the site was written (whatever problems the pages show), 2 it could not be.

  -h, --help                show this help
  -v, --version             show the version`;

export function parseArguments(argv: string[]): ParsedCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help")
    return { command: "help" };
  if (command === "-v" || command === "--version") return { command: "version" };
  if (command === "check") return parseCheck(rest);
  if (command === "render") return parseRender(rest);
  return { command: "error", message: `Unknown command \`${command}\`.` };
}

function parseCheck(rest: string[]): ParsedCommand {
  const args: CheckArguments = { paths: [], format: "text", configPath: undefined, fix: false };
  const failure = scanArguments(rest, {
    option(flag, value) {
      if (flag === "--format") {
        const format = value();
        if (!(outputFormats as readonly string[]).includes(format ?? ""))
          return `--format must be one of ${outputFormats.join(", ")}.`;
        args.format = format as OutputFormat;
      } else if (flag === "--config") {
        args.configPath = value();
        if (!args.configPath) return "--config needs a file.";
      } else if (flag === "--fix") args.fix = true;
      else return `Unknown option \`${flag}\`.`;
      return undefined;
    },
    positional: (arg) => void args.paths.push(arg),
  });
  if (failure) return failure;
  if (args.paths.length === 0) args.paths.push(".");
  return { command: "check", args };
}

function parseRender(rest: string[]): ParsedCommand {
  const args: RenderArguments = { source: "", out: "", format: "text", configPath: undefined };
  const sources: string[] = [];
  const failure = scanArguments(rest, {
    option(flag, value) {
      if (flag === "--out") {
        args.out = value() ?? "";
        if (!args.out) return "--out needs a folder.";
      } else if (flag === "--format") {
        const format = value();
        if (!(renderFormats as readonly string[]).includes(format ?? ""))
          return `render --format must be one of ${renderFormats.join(", ")}.`;
        args.format = format as RenderFormat;
      } else if (flag === "--config") {
        args.configPath = value();
        if (!args.configPath) return "--config needs a file.";
      } else return `Unknown option \`${flag}\`.`;
      return undefined;
    },
    positional: (arg) => void sources.push(arg),
  });
  if (failure) return failure;
  if (sources.length !== 1)
    return { command: "error", message: "render needs exactly one knowledge-base folder." };
  if (!args.out)
    return { command: "error", message: "render needs --out SITE, the folder to write the site to." };
  args.source = sources[0];
  return { command: "render", args };
}

interface ArgumentHandlers {
  /** Handles `--flag` (`value()` takes its value, inline `--flag=value` or the next argument); returns an error message. */
  option(flag: string, value: () => string | undefined): string | undefined;
  positional(arg: string): void;
}

/** Walks the arguments after the command; returns help, an error, or undefined when all were handled. */
function scanArguments(rest: string[], handlers: ArgumentHandlers): ParsedCommand | undefined {
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inlineValue] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    if (flag === "-h" || flag === "--help") return { command: "help" };
    if (flag.startsWith("-") && flag !== "-") {
      const message = handlers.option(flag, () => inlineValue ?? rest[++i]);
      if (message) return { command: "error", message };
    } else handlers.positional(arg);
  }
  return undefined;
}
