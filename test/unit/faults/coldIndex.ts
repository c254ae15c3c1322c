import * as assert from "node:assert/strict";
import type { Diagnostic } from "vscode-languageserver-types";
import type { FileSystem } from "../../../server/src/core/fileSystem";
import type { LanguageService, MapTreeItem } from "../../../server/src/core/languageService";
import { SessionDriver } from "../../support/sessionDriver";

/**
 * After a fault, what the warm server shows must equal what a server started cold on the final tree
 * shows: the same files checked, the same diagnostics published for each (code, range, message,
 * severity), and the same maps (every node's children in order, with their problem counts).
 * The file system's fault hook is switched off first: the cold index reads the tree as it now is.
 */
export async function assertSameAsColdIndex(
  warm: SessionDriver,
  fileSystem: FileSystem & { onCall?: unknown },
  roots: string[],
): Promise<void> {
  fileSystem.onCall = undefined;
  await warm.settle();
  const cold = new SessionDriver(fileSystem, roots);
  await cold.scan();
  assert.deepEqual(
    warm.service.listCheckedFiles().sort(),
    cold.service.listCheckedFiles().sort(),
    "the same files are checked",
  );
  assert.deepEqual(publishedOf(warm), publishedOf(cold), "the same diagnostics are published");
  assert.deepEqual(mapsOf(warm.service), mapsOf(cold.service), "the maps are the same");
}

function publishedOf(server: SessionDriver): Record<string, unknown[]> {
  return Object.fromEntries(
    [...server.published]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([path, diagnostics]) => [path, diagnostics.map(essentials)]),
  );
}

function essentials(diagnostic: Diagnostic): unknown {
  const { code, range, message, severity } = diagnostic;
  return { code, range, message, severity };
}

/** Every map, node by node from the roots down: each node's children in their order. */
function mapsOf(service: LanguageService): Record<string, MapTreeItem[]> {
  const tree = service.getMapTree();
  const children: Record<string, MapTreeItem[]> = { "": tree.roots };
  const visit = (items: MapTreeItem[]) => {
    for (const item of items) {
      if (item.folder in children) continue;
      children[item.folder] = service.getMapChildren(item.folder);
      visit(children[item.folder]);
    }
  };
  visit(tree.roots);
  return children;
}
