import { jsonKindOf } from "../features/diagnostics/validateFile";
import { ancestorsOf, basename, dirname, isMarkdownPath } from "../paths";
import { isAtOrBelowAny, type Workspace } from "../workspace/workspace";
import { walkCheckedFiles } from "./checkedFiles";
import type { ValidationState } from "./validationState";

export type FileChange = "created" | "changed" | "deleted";

export interface FileEvent {
  path: string;
  change: FileChange;
}

/** Whether a file sets rules for others: meta.json (a map's root), a configuration, a schema. */
export function isRuleFile(path: string): boolean {
  const jsonKind = jsonKindOf(path);
  return jsonKind === "meta" || jsonKind === "config" || (path.endsWith(".json") && jsonKind !== "papers");
}

/**
 * Applies a burst of file events to the workspace (one sweep of its caches, each folder's node file looked
 * up once: per event, a checkout of 10,000 files took time in the square of that) and returns the files
 * whose diagnostics may change: the files themselves, files that showed diagnostics under a deleted path,
 * the Order of the nodes above a created or deleted entry, files linking there, and everything known when
 * a rule file changed.
 */
export function applyFileEvents(
  events: readonly FileEvent[],
  workspace: Workspace,
  state: ValidationState,
  isChecked: (path: string) => boolean,
): Set<string> {
  const rulesChanged = events.some(({ path }) => isRuleFile(path));
  workspace.invalidateAll(
    events.map(({ path, change }) => ({ path, structural: change !== "changed" })),
    rulesChanged,
  );
  const deleted = new Set(events.filter(({ change }) => change === "deleted").map(({ path }) => path));
  const affected = new Set(state.publishedUnder(deleted));
  state.forgetDeleted(deleted);
  for (const { path, change } of events) {
    if (isRuleFile(path)) {
      if (change === "created" && workspace.isScannedFolder(dirname(path))) state.knownFiles.add(path);
    } else if (isChecked(path) && change !== "deleted" && workspace.isScannedFolder(dirname(path)))
      affected.add(path);
  }
  // A rule file changed: every file may change.
  if (rulesChanged) return new Set([...affected, ...state.knownFiles]);
  // A page saved with other content: the links to it may now find (or miss) the headings their anchors name.
  const saved = new Set(
    events.filter(({ path, change }) => change === "changed" && isMarkdownPath(path)).map(({ path }) => path),
  );
  if (saved.size > 0)
    for (const source of state.sourcesLinkingTo((target) => saved.has(target))) affected.add(source);
  const structural = events.filter(({ change }) => change !== "changed").map(({ path }) => path);
  if (structural.length === 0) return affected;
  // The Order of the folder's node and of its parent node list and check the child folders.
  const folders = new Set(structural.flatMap((path) => [dirname(path), dirname(dirname(path))]));
  for (const folder of folders) {
    // A breakdown node `Name.` has `Name.md`: the names the folder's node file may have.
    for (const name of new Set([basename(folder), basename(folder).replace(/\.+$/, "")])) {
      const nodeFile = workspace.findFile(folder, name + ".md");
      if (nodeFile) affected.add(nodeFile);
    }
  }
  // Links to a changed path, to something below it (a folder deleted), or to a folder above it.
  const changed = new Set(structural);
  const changedAndAbove = new Set(structural.flatMap((path) => [path, ...ancestorsOf(path)]));
  for (const source of state.sourcesLinkingTo(
    (target) => changedAndAbove.has(target) || isAtOrBelowAny(target, changed),
  ))
    affected.add(source);
  for (const { path, change } of events) {
    // A folder the scan skips (node_modules after npm install, .git) is skipped here too.
    if (change === "created" && workspace.isScannedFolder(path) && workspace.isListedFolder(path)) {
      for (const file of walkCheckedFiles(workspace, path, isChecked)) affected.add(file);
    }
  }
  return affected;
}
