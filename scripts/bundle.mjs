#!/usr/bin/env node
// Bundles the extension client, the language server, the CLI and the webview scripts (for the browser)
// into dist/ with esbuild.
//
//   node scripts/bundle.mjs            one build of every entry point (in parallel)
//   node scripts/bundle.mjs --watch    rebuild on change (for development)
//
// `tsc -b` type-checks and emits to out/; this script only bundles. The .vsix ships dist/, so
// everything a bundle needs (including schemas/*.json imports) must end up in dist/: only `vscode` is
// left external, for the client, and dist/cli-markdown.js, which dist/cli.js loads for `render` only.
// KaTeX's stylesheet and fonts are copied into dist/katex/ (the preview and the site load them from there).
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const watch = process.argv.includes("--watch");

/** The webview scripts run in the webview's frame: a browser, with no module system. */
const browser = { platform: "browser", format: "iife", target: "es2022" };

/**
 * The Markdown pipeline (unified, remark, rehype, with acorn and parse5: half of the CLI's code) serves
 * only `kb-author render`, yet a bundle evaluates every module it holds at start-up: about 25 ms of each
 * `kb-author check`. So the CLI bundle holds a stand-in for the pipeline's module that loads the pipeline,
 * bundled alone into dist/cli-markdown.js, on first use. The core's code stays as it is; the server,
 * which renders previews, keeps the pipeline in its bundle.
 */
const lazyPipeline = {
  entry: "server/src/core/render/markdownPipeline.ts",
  outfile: "dist/cli-markdown.js",
  /** The module's functions: checked against the built file, so a new export cannot be missed. */
  functions: ["renderMarkdown", "markdownToPlainText"],
};

/** @type {import("esbuild").Plugin} */
const lazyPipelinePlugin = {
  name: "lazy-markdown-pipeline",
  setup(build) {
    build.onResolve({ filter: /^\.\/markdownPipeline$/ }, (args) =>
      path.resolve(args.resolveDir, "markdownPipeline.ts") === path.join(root, lazyPipeline.entry)
        ? { path: lazyPipeline.entry, namespace: "lazy-markdown-pipeline" }
        : undefined,
    );
    build.onResolve({ filter: /^\.\/cli-markdown\.js$/ }, () => ({
      path: "./cli-markdown.js",
      external: true,
    }));
    build.onLoad({ filter: /.*/, namespace: "lazy-markdown-pipeline" }, () => ({
      loader: "js",
      contents: [
        "let pipeline;",
        'const load = () => (pipeline ??= require("./cli-markdown.js"));',
        ...lazyPipeline.functions.map((name) => `exports.${name} = (...args) => load().${name}(...args);`),
      ].join("\n"),
    }));
  },
};

/** @type {{ name: string, entry: string, outfile: string, external?: string[], options?: import("esbuild").BuildOptions }[]} */
const targets = [
  { name: "client", entry: "client/src/extension.ts", outfile: "dist/client.js", external: ["vscode"] },
  { name: "server", entry: "server/src/lsp/main.ts", outfile: "dist/server.js" },
  // The preview's worker thread (markdownWorker.ts loads it from beside dist/server.js).
  { name: "render-worker", entry: "server/src/lsp/renderWorker.ts", outfile: "dist/renderWorker.js" },
  {
    name: "cli",
    entry: "server/src/cli/main.ts",
    outfile: "dist/cli.js",
    options: { plugins: [lazyPipelinePlugin] },
  },
  { name: "cli-markdown", entry: lazyPipeline.entry, outfile: lazyPipeline.outfile },
  {
    name: "preview",
    entry: "client/webview/preview.ts",
    outfile: "dist/webview/preview.js",
    options: browser,
  },
  { name: "map", entry: "client/webview/map.ts", outfile: "dist/webview/map.js", options: browser },
];

/** @type {import("esbuild").BuildOptions} */
const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: true,
  minify: false,
  // Prefer the ESM builds of dependencies (vscode-languageserver-types, jsonc-parser, ...):
  // their UMD builds hide `require` calls from esbuild and break when bundled.
  mainFields: ["module", "main"],
  loader: { ".json": "json" },
  absWorkingDir: root,
  logLevel: "warning",
  legalComments: "none",
};

/** @param {(typeof targets)[number]} target */
async function buildOne(target) {
  if (!existsSync(path.join(root, target.entry))) {
    console.warn(`bundle: skipping ${target.name}: ${target.entry} does not exist (yet)`);
    return { name: target.name, skipped: true };
  }
  const options = {
    ...common,
    entryPoints: [target.entry],
    outfile: target.outfile,
    external: target.external ?? [],
    ...target.options,
  };
  if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
    console.log(`bundle: watching ${target.entry} -> ${target.outfile}`);
    return { name: target.name, skipped: false };
  }
  await esbuild.build(options);
  console.log(`bundle: ${target.entry} -> ${target.outfile}`);
  return { name: target.name, skipped: false };
}

const results = await Promise.allSettled(targets.map(buildOne));
const failed = results.filter((result) => result.status === "rejected");
for (const [index, result] of results.entries()) {
  if (result.status === "rejected") {
    // esbuild has already printed the individual errors (logLevel "warning").
    const message = result.reason instanceof Error ? result.reason.message : String(result.reason);
    console.error(`bundle: ${targets[index].name} failed: ${message.split("\n")[0]}`);
  }
}
if (failed.length > 0) {
  process.exit(1);
}
if (!watch) checkLazyPipeline();
copyKatexAssets();

/** The CLI's stand-in must offer every function dist/cli-markdown.js exports, and nothing else. */
function checkLazyPipeline() {
  const built = createRequire(import.meta.url)(path.join(root, lazyPipeline.outfile));
  const functions = Object.keys(built).filter((key) => typeof built[key] === "function");
  if (functions.sort().join() !== [...lazyPipeline.functions].sort().join()) {
    console.error(
      `bundle: ${lazyPipeline.entry} exports ${functions.join(", ")}; list them in lazyPipeline.functions ` +
        "(scripts/bundle.mjs)",
    );
    process.exit(1);
  }
}

/**
 * KaTeX's stylesheet and fonts, for the preview (the webview loads them from dist/katex/) and for
 * `kb-author render` (which copies them into the site): from the katex package, so that no formula
 * needs the network. Only the WOFF2 fonts: every browser and webview that shows the pages reads them, so
 * the WOFF and TTF fallbacks katex.min.css also names are never asked for. With KaTeX's licence.
 */
function copyKatexAssets() {
  const source = path.dirname(createRequire(import.meta.url).resolve("katex/package.json"));
  const target = path.join(root, "dist", "katex");
  rmSync(target, { recursive: true, force: true });
  mkdirSync(path.join(target, "fonts"), { recursive: true });
  copyFileSync(path.join(source, "dist", "katex.min.css"), path.join(target, "katex.min.css"));
  copyFileSync(path.join(source, "LICENSE"), path.join(target, "LICENSE"));
  const fonts = readdirSync(path.join(source, "dist", "fonts")).filter((name) => name.endsWith(".woff2"));
  for (const name of fonts)
    copyFileSync(path.join(source, "dist", "fonts", name), path.join(target, "fonts", name));
  console.log(`bundle: katex ${fonts.length} fonts and katex.min.css -> dist/katex`);
}
