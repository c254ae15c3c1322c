import { joinPath } from "../paths";
import type { MapInfo, MapLocator } from "./maps";
import { isSkippedFolderName, type Workspace } from "./workspace";

/** A node of a map, as the editor features see it. */
export interface MapNode {
  folder: string;
  /** `Name/Name.md` as spelt on disk; undefined when the folder lacks its file. */
  file: string | undefined;
  /** The folder name, NFC (`Treaty_Frameworks`). */
  name: string;
  /** The name as the map site shows it (`Treaty Frameworks`). */
  title: string;
  map: MapInfo;
  /** The parent node's folder; undefined for a map's root. */
  parentFolder: string | undefined;
}

/**
 * Every node of every map under the workspace roots, for workspace-wide features (symbols, link
 * completion, references). Built by one walk of the tree and kept until the tree's shape changes.
 */
export class NodeIndex {
  private builtFor = -1;
  private nodes: MapNode[] = [];
  private readonly byFolderMap = new Map<string, MapNode>();

  constructor(
    private readonly workspace: Workspace,
    private readonly maps: MapLocator,
  ) {}

  all(): readonly MapNode[] {
    this.refresh();
    return this.nodes;
  }

  byFolder(folder: string): MapNode | undefined {
    this.refresh();
    return this.byFolderMap.get(folder);
  }

  private refresh(): void {
    if (this.builtFor === this.workspace.structureVersion) return;
    this.builtFor = this.workspace.structureVersion;
    this.nodes = [];
    this.byFolderMap.clear();
    for (const root of this.workspace.roots) this.visit(root, undefined);
  }

  private visit(folder: string, parent: MapNode | undefined): void {
    const nodeFolder = this.maps.nodeFolder(folder);
    let node: MapNode | undefined;
    if (nodeFolder) {
      node = {
        folder,
        file: this.workspace.findFile(folder, nodeFolder.name + ".md"),
        name: nodeFolder.name,
        title: nodeFolder.name.replace(/_/g, " "),
        map: nodeFolder.map,
        parentFolder: nodeFolder.isRoot ? undefined : parent?.folder,
      };
      this.nodes.push(node);
      this.byFolderMap.set(folder, node);
    }
    for (const entry of this.workspace.readDirectory(folder)) {
      if (entry.type === "directory" && !isSkippedFolderName(entry.name))
        this.visit(joinPath(folder, entry.name), node);
    }
  }
}
