// @ts-check
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

const pureCoreMessage =
  "server/src/core is pure: it must not touch VS Code, the LSP connection, the file system, the OS or " +
  "child processes. Pass I/O in (e.g. a file-system host interface implemented in server/src/node) " +
  "and return data; the LSP (server/src/lsp) and CLI (server/src/cli) layers do the I/O. " +
  "Protocol *types* are fine: use vscode-languageserver-types / vscode-languageserver-textdocument.";

/** Modules the pure core may not import, statically or dynamically. */
const coreForbiddenModules = [
  "vscode",
  "vscode-languageserver",
  "vscode-languageclient",
  "fs",
  "node:fs",
  "fs/promises",
  "node:fs/promises",
  "child_process",
  "node:child_process",
  "os",
  "node:os",
];
// The list as one regular expression that also covers sub-paths such as `vscode-languageserver/node`
// (but not `vscode-languageserver-types`). `\u002F` is `/`: an esquery selector (no-restricted-syntax)
// cannot contain a literal slash inside a regex.
const coreForbiddenSource =
  "^(?:" +
  coreForbiddenModules
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replaceAll("/", "\\u002F"))
    .join("|") +
  ")(?:$|\\u002F)";

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

  // Boundary: the core is pure. I/O is passed in.
  {
    files: ["server/src/core/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [{ regex: coreForbiddenSource, message: pureCoreMessage }],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: `ImportExpression[source.value=/${coreForbiddenSource}/]`,
          message: pureCoreMessage,
        },
      ],
    },
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
