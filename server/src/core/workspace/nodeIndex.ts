import { nodeDisplayName } from "../../shared/nodeNames";
import { dirname, joinPath, relativePath } from "../paths";
import type { NodeRole } from "../map/nodeReading";
import type { MapInfo, MapLocator } from "./maps";
import { isSkippedFolderName, type Workspace } from "./workspace";

/** A node of a map, as the editor features see it. */
export interface MapNode {
  folder: string;
  /** `Name/Name.md` as spelt on disk; undefined when the folder lacks its file. */
  file: string | undefined;
  /** The folder name, NFC (`Treaty_Frameworks`). */
  name: string;
  /** The file the builder reads, NFC (`Treaty_Frameworks.md`; `AI_Safety.md` in the breakdown node `AI_Safety.`). */
  fileName: string;
  /** A node, or a breakdown of a breakdown node. */
  role: NodeRole;
  breakdownNode: boolean;
  /** The name as the map site shows it (`Treaty Frameworks`). */
  title: string;
  map: MapInfo;
  /** The parent node's folder; undefined for a map's root. */
  parentFolder: string | undefined;
}

/**
 * Every node of every map under the workspace roots, for workspace-wide features (symbols, link
 * completion, references). Built by one walk of the tree and kept until the tree's shape changes.
 * One node is found from its folder alone, without that walk: a hover during the initial scan must
 * not wait for the whole tree (it waited 240 ms on the shared corpus).
 */
export class NodeIndex {
  /** Whether `nodes` holds every node of the tree as it is (it is dropped when the tree changes). */
  private built = false;
  private nodes: MapNode[] = [];
  /** The nodes known for the tree as it is: all of them once built, else those looked up. */
  private readonly byFolderMap = new Map<string, MapNode>();

  constructor(
    private readonly workspace: Workspace,
    private readonly maps: MapLocator,
  ) {
    workspace.onDidChange(() => {
      this.built = false;
      this.nodes = [];
      this.byFolderMap.clear();
    });
  }

  /** Nodes held: by the last full walk, and looked up by folder (index statistics). */
  get size(): { nodes: number; byFolder: number } {
    return { nodes: this.nodes.length, byFolder: this.byFolderMap.size };
  }

  all(): readonly MapNode[] {
    this.refresh();
    return this.nodes;
  }

  byFolder(folder: string): MapNode | undefined {
    const known = this.byFolderMap.get(folder);
    if (known || this.built) return known;
    if (!this.isIndexed(folder)) return undefined;
    // A root's parent folder lies outside the workspace: the walk starts at the root with no parent.
    return this.nodeOf(folder, this.workspace.roots.includes(folder) ? undefined : dirname(folder));
  }

  private refresh(): void {
    if (this.built) return;
    this.built = true;
    this.nodes = [];
    for (const root of this.workspace.roots) this.visit(root, undefined);
  }

  /** Whether the walk reaches a folder: an existing one under a root, through no skipped (hidden) folder. */
  private isIndexed(folder: string): boolean {
    const root = this.workspace.rootOf(folder);
    if (root === undefined || !this.workspace.isDirectory(folder)) return false;
    return !relativePath(root, folder).split("/").some(isSkippedFolderName);
  }

  /** The node of a folder the walk reaches (the same object whether looked up alone or walked). */
  private nodeOf(folder: string, parentFolder: string | undefined): MapNode | undefined {
    const known = this.byFolderMap.get(folder);
    if (known) return known;
    const nodeFolder = this.maps.nodeFolder(folder);
    if (!nodeFolder) return undefined;
    const parentIsNode = parentFolder !== undefined && this.maps.nodeFolder(parentFolder) !== undefined;
    const node: MapNode = {
      folder,
      file: this.workspace.findFile(folder, nodeFolder.fileName),
      name: nodeFolder.name,
      fileName: nodeFolder.fileName,
      role: nodeFolder.role,
      breakdownNode: nodeFolder.breakdownNode,
      title: nodeDisplayName(nodeFolder.fileName.slice(0, -".md".length)),
      map: nodeFolder.map,
      parentFolder: nodeFolder.isRoot || !parentIsNode ? undefined : parentFolder,
    };
    this.byFolderMap.set(folder, node);
    return node;
  }

  private visit(folder: string, parent: MapNode | undefined): void {
    const node = this.nodeOf(folder, parent?.folder);
    if (node) this.nodes.push(node);
    for (const entry of this.workspace.readDirectory(folder)) {
      if (entry.type === "directory" && !isSkippedFolderName(entry.name))
        this.visit(joinPath(folder, entry.name), node);
    }
  }
}
