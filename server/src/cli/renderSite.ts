import * as fs from "node:fs";
import * as path from "node:path";
import { version } from "../../../package.json";
import { buildSite, countOf, hasProblems, problemTotals, siteFiles, type SiteSummary } from "../core";
import { toCorePath } from "../node/nodeFileSystem";
import { isInsideFolder, realPathOf } from "../node/nativePaths";
import type { RenderArguments } from "./args";
import { cliLanguageService } from "./cliService";
import { readableConfigPath } from "./configFile";
import { outputFolderRefusal, replaceSite, type SiteFolderWriter } from "./siteFolder";
import { katexAssetFiles } from "./katexAssets";
import { readSiteStylesheet } from "./siteStylesheet";
import { workspaceRootFor } from "./workspaceRoot";

/**
 * `kb-author render FOLDER --out SITE`: the knowledge base as a static site. Returns the exit status:
 * 0 when the site was written, whatever problems its pages show, 2 when it could not be.
 */
export function renderSite(args: RenderArguments): number {
  const started = performance.now();
  const cwd = process.cwd();
  const display = (native: string) => {
    const relative = path.relative(cwd, native);
    return relative && isInsideFolder(native, cwd) ? relative : native;
  };
  const fail = (message: string) => {
    process.stderr.write(`kb-author: ${message}\n`);
    return 2;
  };
  const configPath = readableConfigPath(args.configPath, cwd);
  if (configPath === null) return 2;
  const source = path.resolve(cwd, args.source);
  if (!fs.statSync(source, { throwIfNoEntry: false })?.isDirectory())
    return fail(`no such knowledge-base folder: ${args.source}`);
  const out = path.resolve(cwd, args.out);
  let refusal: string | undefined;
  try {
    refusal = outputFolderRefusal(source, out, display);
  } catch (error) {
    refusal = `cannot use --out ${display(out)}: ${(error as Error).message}`;
  }
  if (refusal) return fail(refusal);
  const stylesheet = readSiteStylesheet();
  if ("error" in stylesheet) return fail(stylesheet.error);
  const katexFiles = katexAssetFiles();

  // The knowledge base's own workspace: the nearest folder at or above it that marks one (meta.json,
  // a configuration file, a repository), so that absolute links resolve as in the editor.
  const service = cliLanguageService([workspaceRootFor(source, source)], configPath);
  const warn = (message: string) => process.stderr.write(`kb-author: warning: ${message}\n`);
  // An output folder inside the knowledge base is not part of it (nor of the next run's site).
  const realOut = realPathOf(out);
  const realSource = realPathOf(source);
  const excludedFolder = isInsideFolder(realOut, realSource)
    ? toCorePath(path.join(source, path.relative(realSource, realOut)))
    : undefined;
  const build = (output: SiteFolderWriter): SiteSummary => {
    const summary = buildSite(service, {
      sourceFolder: toCorePath(source),
      excludedFolder,
      output,
      generator: `kb-author ${version}`,
      warn,
    });
    output.writePage(siteFiles.style, stylesheet.css);
    // Pages with math load KaTeX's stylesheet and fonts from the site: nothing from the network.
    if (summary.math) {
      if (!katexFiles) warn("KaTeX's stylesheet and fonts were not found: the site's formulas lack them.");
      for (const [name, file] of katexFiles ?? [])
        output.copyOwnFile(`${siteFiles.katexFolder}/${name}`, file);
    }
    return summary;
  };
  let summary: SiteSummary;
  try {
    const replaced = replaceSite(out, source, warn, build);
    summary = replaced.result;
    const { kept, leftovers } = replaced;
    if (kept.length > 0)
      warn(
        `left ${countOf(kept.length, "file")} in ${display(out)} that the earlier render's list named but that are not its own: ${kept.slice(0, 3).join(", ")}${kept.length > 3 ? ", ..." : ""}`,
      );
    if (leftovers.length > 0)
      warn(
        `could not delete ${countOf(leftovers.length, "file")} of the earlier site (moved aside in ${display(out)}); the next render deletes them`,
      );
  } catch (error) {
    return fail(`could not write the site to ${display(out)}: ${(error as Error).message}`);
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    args.format === "json"
      ? jsonSummary(summary, display(out), seconds)
      : textSummary(summary, display(out), seconds),
  );
  return 0;
}

function withProblems(summary: SiteSummary) {
  return summary.pages.filter(hasProblems);
}

function textSummary(summary: SiteSummary, out: string, seconds: number): string {
  const failed = summary.pages.filter((page) => page.failed).length;
  const notes = [`${withProblems(summary).length.toLocaleString("en-US")} with problems`];
  if (failed > 0) notes.push(`${failed.toLocaleString("en-US")} could not be rendered`);
  return `${countOf(summary.pageCount, "page")} written to ${out} in ${seconds.toFixed(1)} s (${notes.join(", ")}).\n`;
}

/** `--format json`: the same summary for scripts. */
function jsonSummary(summary: SiteSummary, out: string, seconds: number): string {
  return (
    JSON.stringify({
      version: 1,
      out,
      pages: summary.pageCount,
      assets: summary.assetCount,
      pagesWithProblems: withProblems(summary).map((page) => ({
        source: page.source,
        url: page.url,
        errors: page.problems.errors,
        warnings: page.problems.warnings,
        failed: page.failed,
      })),
      ...problemTotals(summary.pages),
      seconds: Number(seconds.toFixed(3)),
    }) + "\n"
  );
}
