import { type Disposable, workspace } from "vscode";

/**
 * Wait after the last file event: a branch checkout or a folder copy is one refresh, and by then the
 * language client has forwarded the events and the server has revalidated the files they touch.
 */
const settleDelayMs = 400;

/**
 * Calls `listener` once files in the workspace were created, changed or deleted on disk (by a save, a
 * `git checkout`, another program) and the events have settled, so that a view showing several files
 * (the preview's child cards, the map's counts) does not go stale.
 */
export function onDiskChanges(listener: () => void): Disposable {
  const watcher = workspace.createFileSystemWatcher("**/*");
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(listener, settleDelayMs);
  };
  const subscriptions = [
    watcher.onDidCreate(schedule),
    watcher.onDidChange(schedule),
    watcher.onDidDelete(schedule),
  ];
  return {
    dispose: () => {
      clearTimeout(timer);
      for (const subscription of subscriptions) subscription.dispose();
      watcher.dispose();
    },
  };
}
