import type { Connection } from "vscode-languageserver";

/** Editor behaviour only; the rules live in kb-author.jsonc so that the editor and the CLI agree. */
export interface EditorSettings {
  enable: boolean;
  debounceMs: number;
}

export const defaultSettings: EditorSettings = { enable: true, debounceMs: 0 };

/** Pulls the `kbAuthor.validate` settings, falling back to the defaults for clients without `workspace/configuration`. */
export async function fetchSettings(connection: Connection, supported: boolean): Promise<EditorSettings> {
  if (!supported) return defaultSettings;
  try {
    const validate = ((await connection.workspace.getConfiguration("kbAuthor.validate")) ??
      {}) as Partial<EditorSettings>;
    return {
      enable: typeof validate.enable === "boolean" ? validate.enable : defaultSettings.enable,
      debounceMs:
        typeof validate.debounceMs === "number" && validate.debounceMs >= 0
          ? validate.debounceMs
          : defaultSettings.debounceMs,
    };
  } catch {
    return defaultSettings;
  }
}
