/** Parsed command line of `kb-author check`. */
export interface CheckArguments {
  paths: string[];
  format: OutputFormat;
  configPath: string | undefined;
  /** Apply every safe fix in place before reporting (`--fix`). */
  fix: boolean;
}

export const outputFormats = ["text", "json", "sarif"] as const;
export type OutputFormat = (typeof outputFormats)[number];

export type ParsedCommand =
  | { command: "check"; args: CheckArguments }
  | { command: "help" }
  | { command: "version" }
  | { command: "error"; message: string };

export const usage = `Usage: kb-author check [paths...] [--format text|json|sarif] [--config FILE] [--fix]

Checks Markdown knowledge bases (map nodes and topic entries), papers.json, meta.json and
kb-author.jsonc files. Paths default to the current folder.

Options:
  --format text|json|sarif  output format (default: text)
  --config FILE             use this configuration file for every checked file
  --fix                     apply every safe fix in place (only to the checked Markdown files
                            whose text changes), list the codes fixed per file, then report and
                            exit by what remains (with --format json or sarif the list goes to
                            stderr)
  -h, --help                show this help
  -v, --version             show the version

Exit status: 0 no errors, 1 errors found, 2 the check could not start.`;

export function parseArguments(argv: string[]): ParsedCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help")
    return { command: "help" };
  if (command === "-v" || command === "--version") return { command: "version" };
  if (command !== "check") return { command: "error", message: `Unknown command \`${command}\`.` };
  const args: CheckArguments = { paths: [], format: "text", configPath: undefined, fix: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inlineValue] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = () => inlineValue ?? rest[++i];
    if (flag === "-h" || flag === "--help") return { command: "help" };
    if (flag === "--format") {
      const format = value();
      if (!(outputFormats as readonly string[]).includes(format)) {
        return { command: "error", message: `--format must be one of ${outputFormats.join(", ")}.` };
      }
      args.format = format as OutputFormat;
    } else if (flag === "--config") {
      const path = value();
      if (!path) return { command: "error", message: "--config needs a file." };
      args.configPath = path;
    } else if (flag === "--fix") {
      args.fix = true;
    } else if (flag.startsWith("-") && flag !== "-") {
      return { command: "error", message: `Unknown option \`${flag}\`.` };
    } else args.paths.push(arg);
  }
  if (args.paths.length === 0) args.paths.push(".");
  return { command: "check", args };
}
