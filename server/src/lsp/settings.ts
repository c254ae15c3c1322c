import type { Connection } from "vscode-languageserver";
import { defaultSessionSettings as defaultSettings, type SessionSettings } from "../core";

/**
 * Pulls the `kbAuthor.validate` settings (editor behaviour only: the rules live in kb-author.jsonc, so
 * that the editor and the CLI agree), falling back to the defaults for clients without `workspace/configuration`.
 */
export async function fetchSettings(connection: Connection, supported: boolean): Promise<SessionSettings> {
  if (!supported) return defaultSettings;
  try {
    const validate = ((await connection.workspace.getConfiguration("kbAuthor.validate")) ?? {}) as {
      enable?: unknown;
      debounceMs?: unknown;
    };
    return {
      enabled: typeof validate.enable === "boolean" ? validate.enable : defaultSettings.enabled,
      debounceMs:
        typeof validate.debounceMs === "number" && validate.debounceMs >= 0
          ? validate.debounceMs
          : defaultSettings.debounceMs,
    };
  } catch {
    return defaultSettings;
  }
}
