import { parseJsonValue } from "../json/jsonDocument";
import { basename, dirname, joinPath, nfc } from "../paths";
import type { NodeRole } from "../map/nodeReading";
import { isSkippedFolderName, type Workspace } from "./workspace";

/** A research map: a tree of node folders. */
export interface MapInfo {
  /** meta.json, when the map has one; without it the map follows the `X/X.md` convention alone. */
  metaPath: string | undefined;
  /** Folder that absolute links (`/Root/Node/Node.md`) start from. */
  repositoryRoot: string;
  /** The root node's folder. */
  rootFolder: string;
  /** meta.json's `coverRootDescription` stands in for the root's Mini Description. */
  rootDescribedByMeta: boolean;
  /** meta.json's `breakdownsIdentifier` (default `.`): a folder whose name ends with it is a breakdown node. */
  breakdownsIdentifier: string;
}

/** A node folder and where it sits in its map. */
export interface NodeFolder {
  folder: string;
  /** The folder's name, NFC. */
  name: string;
  /** The name of the file the builder reads, NFC: `Name.md`, `Name.md` for a breakdown node `Name.` too. */
  fileName: string;
  map: MapInfo;
  isRoot: boolean;
  /** A node, or a breakdown (a sub-folder of a breakdown node: a Paper, an Explanation, an Order). */
  role: NodeRole;
  /** Whether the folder is a breakdown node: its sub-folders are breakdowns, not nodes. */
  breakdownNode: boolean;
}

/** A map folder's part, from its name and its parent's: what the builder reads it as. */
export function nodeFolderOf(
  folder: string,
  name: string,
  map: MapInfo,
  parent: NodeFolder | undefined,
): NodeFolder {
  const role: NodeRole = parent?.breakdownNode ? "breakdown" : "node";
  const identifier = map.breakdownsIdentifier;
  // The builder reads `name[:-len(identifier)]` only for a node; a breakdown's file is always its folder's name.
  const breakdownNode = role === "node" && name.endsWith(identifier);
  const stem = breakdownNode ? name.slice(0, name.length - identifier.length) : name;
  return { folder, name, fileName: stem + ".md", map, isRoot: parent === undefined, role, breakdownNode };
}

const metaFileName = "meta.json";
const defaultBreakdownsIdentifier = ".";

/** What a folder is to the maps: a node, a folder of a map's repository that is not a node, or neither. */
type FolderState =
  | { kind: "node"; node: NodeFolder }
  | { kind: "repository"; map: MapInfo }
  | { kind: "none" };

/**
 * Finds the maps of a workspace on demand. A folder's answer derives from its parent's, so each
 * folder is looked at once until the tree's shape changes.
 */
export class MapLocator {
  private readonly states = new Map<string, FolderState>();

  constructor(private readonly workspace: Workspace) {
    // A change of shape, or of a meta.json (its rootDir may have moved), can change any folder's answer.
    workspace.onDidChange(() => this.states.clear());
  }

  /** The node a folder is, or undefined when it is not a node of any map. */
  nodeFolder(folder: string): NodeFolder | undefined {
    const state = this.stateOf(folder);
    return state.kind === "node" ? state.node : undefined;
  }

  /** Folders with a cached answer (index statistics). */
  get size(): number {
    return this.states.size;
  }

  /** The folder that absolute links in a file resolve against. */
  repositoryRootFor(path: string): string {
    const state = this.stateOf(dirname(path));
    if (state.kind === "node") return state.node.map.repositoryRoot;
    if (state.kind === "repository") return state.map.repositoryRoot;
    return this.workspace.rootOf(path) ?? dirname(path);
  }

  private stateOf(folder: string): FolderState {
    let state = this.states.get(folder);
    if (!state) {
      state = this.computeState(folder);
      this.states.set(folder, state);
    }
    return state;
  }

  private computeState(folder: string): FolderState {
    const name = nfc(basename(folder));
    const map = this.mapDefinedAt(folder);
    if (map) return { kind: "repository", map };
    const parent = dirname(folder);
    const atTop =
      parent === folder || folder === this.workspace.rootOf(folder) || !this.workspace.isInWorkspace(parent);
    const parentState: FolderState = atTop ? { kind: "none" } : this.stateOf(parent);
    if (isSkippedFolderName(name)) return { kind: "none" };
    switch (parentState.kind) {
      case "node":
        return { kind: "node", node: nodeFolderOf(folder, name, parentState.node.map, parentState.node) };
      case "repository":
        // rootDir is compared like every name, after NFC normalisation (the folder may be NFD on disk).
        if (nfc(folder) === nfc(parentState.map.rootFolder))
          return { kind: "node", node: nodeFolderOf(folder, name, parentState.map, undefined) };
        return parentState;
      case "none":
        return this.conventionRoot(folder, name);
    }
  }

  /** Without meta.json, a folder `A` holding `A/A.md` below no other node is the root of a map. */
  private conventionRoot(folder: string, name: string): FolderState {
    const map: MapInfo = {
      metaPath: undefined,
      repositoryRoot: this.workspace.rootOf(folder) ?? dirname(folder),
      rootFolder: folder,
      rootDescribedByMeta: false,
      breakdownsIdentifier: defaultBreakdownsIdentifier,
    };
    const node = nodeFolderOf(folder, name, map, undefined);
    return this.workspace.hasFile(folder, node.fileName) ? { kind: "node", node } : { kind: "none" };
  }

  private mapDefinedAt(folder: string): MapInfo | undefined {
    if (!this.workspace.hasFile(folder, metaFileName)) return undefined;
    const metaPath = joinPath(folder, metaFileName);
    const meta = readMeta(this.workspace, metaPath);
    if (!meta) return undefined;
    return {
      metaPath,
      repositoryRoot: folder,
      rootFolder: joinPath(folder, meta.rootDir),
      rootDescribedByMeta: typeof meta.coverRootDescription === "string",
      // `meta.get("breakdownsIdentifier") or "."`: an empty or absent identifier is the default.
      breakdownsIdentifier:
        typeof meta.breakdownsIdentifier === "string" && meta.breakdownsIdentifier !== ""
          ? nfc(meta.breakdownsIdentifier)
          : defaultBreakdownsIdentifier,
    };
  }
}

interface MetaEssentials {
  rootDir: string;
  coverRootDescription?: unknown;
  breakdownsIdentifier?: unknown;
}

function readMeta(workspace: Workspace, metaPath: string): MetaEssentials | undefined {
  const bytes = workspace.readBytes(metaPath);
  // One that cannot be read (or leads outside the workspace) gets its diagnostic from its own check.
  if (!(bytes instanceof Uint8Array)) return undefined;
  const value = parseJsonValue(new TextDecoder().decode(bytes));
  if (typeof value !== "object" || value === null) return undefined;
  const rootDir = (value as Record<string, unknown>).rootDir;
  if (typeof rootDir !== "string" || rootDir.trim() === "" || rootDir.includes("..")) return undefined;
  return value as MetaEssentials;
}
