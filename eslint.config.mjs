// @ts-check
import js from "@eslint/js";
import path from "node:path";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

const pureCoreMessage =
  "server/src/core is pure: it must not touch VS Code, the LSP connection, the file system, the OS or " +
  "child processes. Pass I/O in (e.g. a file-system host interface implemented in server/src/node) " +
  "and return data; the LSP (server/src/lsp) and CLI (server/src/cli) layers do the I/O. " +
  "Protocol *types* are fine: use vscode-languageserver-types / vscode-languageserver-textdocument.";

/**
 * What the pure core may import, statically, by `export ... from`, by `import()` or by `require`: these
 * packages (and their sub-paths, such as `ajv/dist/2020`) and relative paths that stay inside
 * server/src/core, server/src/shared or the JSON schemas in schemas/. Nothing else: no Node built-in (not
 * even `node:path`), no VS Code or LSP connection package, nothing of server/src/lsp, cli, node or client.
 */
const coreAllowedPackages = [
  "ajv",
  "ajv-formats",
  "fastest-levenshtein",
  "github-slugger",
  "hast",
  "hast-util-from-html",
  "hast-util-sanitize",
  "hast-util-to-html",
  "hastscript",
  "jsonc-parser",
  "katex",
  "mdast",
  "mdast-util-from-markdown",
  "mdast-util-gfm-autolink-literal",
  "mdast-util-mdx",
  "mdast-util-to-string",
  "micromark",
  "micromark-extension-directive",
  "micromark-extension-gfm",
  "micromark-extension-gfm-autolink-literal",
  "micromark-extension-math",
  "micromark-extension-mdxjs",
  "micromark-util-types",
  "picomatch",
  "re2js",
  "rehype-raw",
  "rehype-sanitize",
  "rehype-slug",
  "remark-directive",
  "remark-gfm",
  "remark-math",
  "remark-mdx",
  "remark-parse",
  "remark-rehype",
  "unified",
  "vscode-languageserver-textdocument",
  "vscode-languageserver-types",
  "vscode-uri",
  "yaml",
];
/** Where the core's relative imports may lead (folders, or files by a pattern), from the repository's root. */
const coreAllowedFolders = ["server/src/core/", "server/src/shared/"];
const coreAllowedFiles = /^schemas\/[^/]+\.json$/;

/** Whether a module the core names is one it may import: `file` is the importing file's absolute path. */
function isAllowedInCore(source, file) {
  if (source.startsWith(".")) {
    const target = path
      .relative(import.meta.dirname, path.resolve(path.dirname(file), source))
      .replaceAll("\\", "/");
    return coreAllowedFolders.some((folder) => target.startsWith(folder)) || coreAllowedFiles.test(target);
  }
  return coreAllowedPackages.some((name) => source === name || source.startsWith(name + "/"));
}

/** The rule `kb-author/core-imports`: reports every import of the core that `isAllowedInCore` refuses. */
const coreImportsRule = {
  meta: {
    type: "problem",
    docs: { description: "Allows the pure core only the imports on its allowlist." },
    schema: [],
    messages: {
      forbidden: "`{{source}}` is not on the core's import allowlist (eslint.config.mjs). {{why}}",
    },
  },
  create(context) {
    /** Reports a module name the allowlist refuses, or one computed at run time (it cannot be checked). */
    const check = (node) => {
      if (!node) return;
      const source = node.type === "Literal" && typeof node.value === "string" ? node.value : undefined;
      if (source !== undefined && isAllowedInCore(source, context.filename)) return;
      const data = { source: source ?? "(a computed name)", why: pureCoreMessage };
      context.report({ node, messageId: "forbidden", data });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => node.source && check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSExternalModuleReference: (node) => check(node.expression),
      TSImportType: (node) =>
        check(node.argument?.type === "TSLiteralType" ? node.argument.literal : node.argument),
      CallExpression: (node) => {
        if (node.callee.type === "Identifier" && node.callee.name === "require") check(node.arguments[0]);
      },
    };
  },
};

export default defineConfig([
  globalIgnores([
    "out/",
    "dist/",
    "node_modules/",
    ".vscode-test/",
    "examples/",
    "test/fixtures/",
    "test-results/",
    "bench/results/",
    "coverage/",
    ".cache/",
    "**/*.d.ts",
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.node },
    },
    linterOptions: {
      reportUnusedDisableDirectives: "error",
    },
    rules: {
      // Matches tsc's noUnusedLocals/noUnusedParameters convention: a leading `_` marks "intentionally unused".
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
        },
      ],
      eqeqeq: ["error", "smart"],
      "prefer-const": "error",
    },
  },

  // TypeScript: a light selection of type-aware rules (the ones that catch real bugs, mostly around
  // promises), without the noisy no-unsafe-* family that fires on every JSON.parse / YAML result.
  {
    files: ["**/*.ts", "**/*.mts", "**/*.cts"],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
      "@typescript-eslint/only-throw-error": "error",
      "@typescript-eslint/prefer-promise-reject-errors": "error",
      "@typescript-eslint/no-for-in-array": "error",
      "@typescript-eslint/no-implied-eval": "error",
    },
  },

  // CommonJS entry points (bin/kb-author.js, *.cjs).
  {
    files: ["bin/**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },

  // Boundary: the core is pure. I/O is passed in. An allowlist: see coreAllowedPackages.
  {
    files: ["server/src/core/**"],
    plugins: { "kb-author": { rules: { "core-imports": coreImportsRule } } },
    rules: { "kb-author/core-imports": "error" },
  },

  // The webview scripts run in the webview's frame: browser globals, and nothing of Node or VS Code.
  {
    files: ["client/webview/**"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: String.raw`^(?:vscode|vscode-languageclient|node:.*|fs|path)(?:$|/)`,
              message: "Webview scripts run in a browser frame: they talk to the extension by messages only.",
            },
          ],
        },
      ],
    },
  },

  // Boundary: the extension client is thin glue; it may share only server/src/shared with the server.
  {
    files: ["client/src/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: String.raw`(?:^|/)server/src/(?!shared(?:/|$))`,
              message:
                "The client must not import server code (it is bundled separately and runs in the " +
                "extension host). Put code both sides need in server/src/shared/.",
            },
          ],
        },
      ],
    },
  },
]);
