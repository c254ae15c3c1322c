import { joinPath } from "../paths";
import { isSkippedFolderName, type Workspace } from "../workspace/workspace";

/**
 * Every file kb-author checks under a folder (or the file itself), as the walk finds them, skipping
 * hidden folders and node_modules: a caller can walk a big tree a slice at a time.
 */
export function* walkCheckedFiles(
  workspace: Workspace,
  folderOrFile: string,
  isChecked: (path: string) => boolean,
): Generator<string> {
  if (workspace.isDirectory(folderOrFile)) yield* checkedFilesUnder(workspace, folderOrFile, isChecked);
  else if (isChecked(folderOrFile) && workspace.exists(folderOrFile)) yield folderOrFile;
}

function* checkedFilesUnder(
  workspace: Workspace,
  folder: string,
  isChecked: (path: string) => boolean,
): Generator<string> {
  for (const entry of workspace.readDirectory(folder)) {
    const path = joinPath(folder, entry.name);
    if (entry.type === "directory") {
      if (!isSkippedFolderName(entry.name)) yield* checkedFilesUnder(workspace, path, isChecked);
    } else if (isChecked(path)) yield path;
  }
}
