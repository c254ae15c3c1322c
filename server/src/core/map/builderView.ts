import type { ConfigStore } from "../config/configStore";
import { dirname, joinPath, nfc } from "../paths";
import type { MapLocator, NodeFolder } from "../workspace/maps";
import { isAtOrBelowAny, isSkippedFolderName } from "../workspace/workspace";
import type { Workspace } from "../workspace/workspace";
import { builderSectionTitles } from "./builderSections";
import { type NodeReading, type PaperBlock, paperTitleOfEntry, readNodeFile } from "./nodeReading";
import { compareCodePoints, pythonLstripChars } from "./pythonText";

/** A `Paper: "Title"` entry of a breakdown node that names no breakdown's paper: the build stops. */
export interface UnknownPaper {
  /** The index of the entry among the children's names. */
  index: number;
  title: string;
}

/** A node's children as the builder publishes them (names of sub-folders, or of nothing, as the Orders leave them). */
export interface BuilderChildren {
  reading: NodeReading;
  /** The names after the Orders and, in a breakdown node, with `Paper: "..."` entries replaced by their folders. */
  names: string[];
  /** In a breakdown node: paper titles to breakdown folders (the last folder of a title wins, as in a dict). */
  papers: Map<string, string>;
  unknownPapers: UnknownPaper[];
  /** In a breakdown node: sub-folders whose file is missing or whose Paper stops the build (reported on them). */
  brokenBreakdowns: string[];
}

/** Where a folder stands in its published map. */
export type PublishedPlace =
  /** The builder publishes a node for it. */
  | "published"
  /** The builder reaches it (it gives it an id, so Related Nodes links resolve) but publishes nothing: no file. */
  | "dropped"
  /** The builder never reaches it: an ancestor is dropped or leaves it out. */
  | "unreached";

/**
 * The maps as their builder reads them: each node file's sections and Orders, each node's published children,
 * whether a folder is published. Readings are kept per file text and dropped when the tree changes.
 */
export class BuilderView {
  /** The latest readings, most recent last (a bounded cache: a check of 5,800 files keeps only the ones in use). */
  private readonly readings = new Map<
    string,
    { text: string; reading: NodeReading; fromDisk: boolean; changeCount: number }
  >();
  /** Per map (by root folder): how its nodes use the sections, kept current as readings change. */
  private readonly usage = new Map<string, MapUsage>();
  /** What each node file counted for in `usage`, and in which map's (by root folder). */
  private readonly counted = new Map<string, { root: string; usage: MapUsage }>();
  private readonly changedConventions = new Set<string>();
  /** Each folder's sub-folders in the builder's order, until the tree's shape changes. */
  private readonly sorted = new Map<string, string[]>();
  /** Per map (by root folder): the census of its node files still under way, one node file per step. */
  private readonly censuses = new Map<string, Iterator<void>>();
  /**
   * While true, a map's census started by `usageOf` is left for `continueCensus` (the session runs it in
   * slices: 5,800 node files read in one step held a hover up for half a second) and its counts are partial.
   */
  deferCensus = false;
  /** Set when `usageOf` handed out a partial usage (a census deferred); the session resets it before each check. */
  handedOutPartialUsage = false;

  constructor(
    private readonly workspace: Workspace,
    private readonly maps: MapLocator,
    private readonly configs: ConfigStore,
  ) {
    workspace.onDidChange((change) => {
      this.readings.clear();
      this.sorted.clear();
      if (change.rules) {
        this.usage.clear();
        this.counted.clear();
        this.censuses.clear();
      } else this.recountAround(change.structural);
    });
  }

  /**
   * Keeps the maps' usage after files or folders were created or deleted, without reading every node file
   * again (a child created in a map of 5,800 nodes took 166 ms): the counts at and below the changed paths
   * go, and the nodes that hold them are counted again (whether they have children may have changed). New
   * node files are counted when they are read.
   */
  private recountAround(changed: ReadonlySet<string>): void {
    if (changed.size === 0 || this.counted.size === 0) return;
    const holders = new Set<string>();
    for (const path of changed) holders.add(dirname(path)).add(dirname(dirname(path)));
    for (const [path, { root, usage }] of [...this.counted]) {
      if (!isAtOrBelowAny(path, changed) && !holders.has(dirname(path))) continue;
      const totals = this.usage.get(root);
      const before = totals && conventions(totals);
      if (totals) addUsage(totals, usage, -1);
      this.counted.delete(path);
      if (totals && conventions(totals) !== before) this.changedConventions.add(root);
    }
    for (const folder of holders) {
      // (A deleted folder is asked nothing: the map locator would keep an answer about it.)
      const node = this.workspace.isDirectory(folder) ? this.maps.nodeFolder(folder) : undefined;
      const text = node?.role === "node" ? this.textOf(node, undefined, true) : undefined;
      if (node && text !== undefined)
        this.count(`${node.folder}/${node.fileName}`, node, builderSectionTitles(text));
    }
  }

  /**
   * How the nodes of a node's map use the sections (counted on first use: every node file of the map, at
   * once unless `deferCensus`). A convention of the map, not of the format: a section most of its nodes
   * have is expected of the others.
   */
  usageOf(node: NodeFolder): MapUsage {
    const key = node.map.rootFolder;
    let usage = this.usage.get(key);
    if (!usage) {
      usage = emptyUsage();
      this.usage.set(key, usage);
      this.censuses.set(key, this.countBelow(key));
    }
    const census = this.censuses.get(key);
    if (census && !this.deferCensus) {
      while (!census.next().done);
      this.censuses.delete(key);
    } else if (census) this.handedOutPartialUsage = true;
    return usage;
  }

  /** Whether a map's census is under way (the usage handed out meanwhile was partial). */
  hasPendingCensus(): boolean {
    return this.censuses.size > 0;
  }

  /** Counts node files of the censuses under way until `shouldStop` says so (at least one). */
  continueCensus(shouldStop: () => boolean): void {
    for (const [root, census] of this.censuses) {
      do {
        if (census.next().done) {
          this.censuses.delete(root);
          break;
        }
      } while (!shouldStop());
      if (shouldStop()) return;
    }
  }

  /** `get_sub_dir_names`: every sub-folder (hidden ones too), by code point after `lstrip("Untitled_")`. */
  sortedFolders(folder: string): string[] {
    const known = this.sorted.get(folder);
    if (known) return known;
    const names = this.workspace
      .readDirectory(folder)
      .filter((entry) => entry.type === "directory")
      .map((entry) => nfc(entry.name));
    const keys = new Map(names.map((name) => [name, pythonLstripChars(name, "Untitled_")]));
    const sorted = names.sort((a, b) => compareCodePoints(keys.get(a)!, keys.get(b)!));
    this.sorted.set(folder, sorted);
    return sorted;
  }

  /** The reading of a node's or breakdown's file (undefined when it has none or it cannot be read). */
  reading(node: NodeFolder, text?: string): NodeReading | undefined {
    const path = `${node.folder}/${node.fileName}`;
    const cached = this.readings.get(path);
    // A file read from disk stands while nothing changed on disk and no editor holds it: it is not read
    // again for each link to one of its children (20,000 Related Nodes re-read a 660 KB file: a minute).
    const fromDisk = text === undefined && !this.workspace.isOpen(path);
    if (fromDisk && cached?.fromDisk && cached.changeCount === this.workspace.changeCount) {
      this.readings.delete(path);
      this.readings.set(path, cached);
      return cached.reading;
    }
    const source = this.textOf(node, text, false);
    if (source === undefined) return undefined;
    const known = cached && cached.text === source ? cached.reading : undefined;
    const reading =
      known ?? readNodeFile(source.split(/\r\n?|\n/), this.sortedFolders(node.folder), node.role);
    this.readings.delete(path);
    this.readings.set(path, { text: source, reading, fromDisk, changeCount: this.workspace.changeCount });
    if (this.readings.size > maxReadings) this.readings.delete(this.readings.keys().next().value!);
    // (A reading kept is counted already: any change to the tree drops the readings.)
    if (node.role === "node" && !known)
      this.count(
        path,
        node,
        reading.sections.map((section) => section.title),
      );
    return reading;
  }

  /**
   * The text the builder reads: the one given (an open document) or the file's, with its BOM, which the
   * builder keeps as text (it hides a `###` on the first line). `lookAhead`: read ahead of the file's own
   * check, which takes the text over (one read per file).
   */
  private textOf(node: NodeFolder, text: string | undefined, lookAhead: boolean): string | undefined {
    const file = this.workspace.findFile(node.folder, node.fileName);
    if (text === undefined) {
      if (!file) return undefined;
      const source = this.workspace.readText(file, this.configs.configFor(file).maxFileSize, true, lookAhead);
      if (!source.ok) return undefined;
      text = source.text;
    }
    return file && this.workspace.startsWithBom(file) ? "\ufeff" + text : text;
  }

  /**
   * Counts every node file from a folder down, one per step (its sections only: the files' own checks
   * read them fully). A file counted already (read by its check meanwhile) is counted again harmlessly.
   */
  private *countBelow(folder: string): Generator<void> {
    const node = this.maps.nodeFolder(folder);
    if (!node) return;
    const path = `${node.folder}/${node.fileName}`;
    // (A file counted already is current: its count follows its readings, and changes drop it.)
    if (node.role === "node" && !this.counted.has(path)) {
      const text = this.textOf(node, undefined, true);
      if (text !== undefined) this.count(path, node, builderSectionTitles(text));
      yield;
    }
    for (const entry of this.workspace.readDirectory(folder)) {
      if (entry.type === "directory" && !isSkippedFolderName(entry.name))
        yield* this.countBelow(`${folder}/${entry.name}`);
    }
  }

  /** Keeps the map's usage current: the file's earlier counts out, its new ones in (if they changed). */
  private count(path: string, node: NodeFolder, sectionTitles: readonly string[]): void {
    const key = node.map.rootFolder;
    const totals = this.usage.get(key);
    if (!totals) return;
    const titles = new Set(sectionTitles);
    const withChildren = this.workspace.hasChildFolders(node.folder);
    const own: MapUsage = {
      nodes: 1,
      // A root that meta.json's coverRootDescription describes has the map's Mini Description.
      withMiniDescription:
        titles.has("Mini Description") || (node.isRoot && node.map.rootDescribedByMeta) ? 1 : 0,
      withDescription: titles.has("Description") ? 1 : 0,
      withChildren: withChildren ? 1 : 0,
      withChildrenAndOrder: withChildren && titles.has("Order") ? 1 : 0,
    };
    const before = this.counted.get(path)?.usage;
    if (before && sameUsage(before, own)) return;
    const conventionsBefore = conventions(totals);
    if (before) addUsage(totals, before, -1);
    addUsage(totals, own, 1);
    this.counted.set(path, { root: key, usage: own });
    if (conventions(totals) !== conventionsBefore) this.changedConventions.add(key);
  }

  /**
   * The maps (root folders) whose conventions changed since the last call: a section went from most of
   * the nodes having it to fewer, or back. Their other nodes' section/missing may change with it.
   */
  takeChangedConventions(): string[] {
    const changed = [...this.changedConventions];
    this.changedConventions.clear();
    return changed;
  }

  /** A node's published children; undefined when it has no readable file. */
  children(node: NodeFolder, text?: string): BuilderChildren | undefined {
    const reading = this.reading(node, text);
    if (!reading) return undefined;
    const papers = new Map<string, string>();
    const unknownPapers: UnknownPaper[] = [];
    const brokenBreakdowns: string[] = [];
    if (!node.breakdownNode)
      return { reading, names: reading.names, papers, unknownPapers, brokenBreakdowns };
    for (const name of this.sortedFolders(node.folder)) {
      const breakdown = this.breakdownReading(node, name);
      const value = breakdown?.paper?.value;
      const parsed = value?.parsed;
      if (
        !breakdown ||
        (breakdown.paper &&
          (!value || typeof parsed !== "object" || parsed === null || Array.isArray(parsed)))
      )
        brokenBreakdowns.push(name);
      const title = paperTitle(breakdown?.paper);
      if (title !== undefined) papers.set(title, name);
    }
    const names = reading.names.map((entry, index) => {
      const title = paperTitleOfEntry(entry);
      if (title === undefined) return entry;
      const folder = papers.get(title);
      if (folder === undefined) unknownPapers.push({ index, title });
      return folder ?? entry;
    });
    return { reading, names, papers, unknownPapers, brokenBreakdowns };
  }

  /** The reading of a breakdown node's sub-folder (undefined when it has no file). */
  breakdownReading(parent: NodeFolder, name: string): NodeReading | undefined {
    const breakdown = this.maps.nodeFolder(
      this.workspace.findEntry(parent.folder, name) ?? joinPath(parent.folder, name),
    );
    return breakdown && this.reading(breakdown);
  }

  /** Whether the builder publishes a node for a folder, reaches it without publishing it, or never reaches it. */
  placeOf(written: string): PublishedPlace {
    const folder = this.workspace.spelledOnDisk(written) ?? written;
    const node = this.maps.nodeFolder(folder);
    if (!node) return "unreached";
    const hasFile = this.workspace.hasFile(folder, node.fileName);
    if (node.isRoot) return hasFile ? "published" : "dropped";
    const parentFolder = folder.slice(0, folder.lastIndexOf("/"));
    const parent = this.maps.nodeFolder(parentFolder);
    if (!parent || this.placeOf(parentFolder) !== "published") return "unreached";
    const children = this.children(parent);
    if (!children || !children.names.includes(node.name)) return "unreached";
    return hasFile ? "published" : "dropped";
  }
}

/** Readings kept: the nodes being edited and the ancestors and breakdowns their checks look at. */
const maxReadings = 2048;

/** Counts of a map's nodes (breakdowns not counted: they have other sections). */
export interface MapUsage {
  nodes: number;
  withMiniDescription: number;
  withDescription: number;
  withChildren: number;
  withChildrenAndOrder: number;
}

/** Which sections most of a map's nodes have (one bit each): what section/missing weighs against. */
function conventions(usage: MapUsage): number {
  return (
    (usage.withMiniDescription * 2 > usage.nodes ? 1 : 0) |
    (usage.withDescription * 2 > usage.nodes ? 2 : 0) |
    (usage.withChildrenAndOrder * 2 > usage.withChildren ? 4 : 0)
  );
}

function emptyUsage(): MapUsage {
  return { nodes: 0, withMiniDescription: 0, withDescription: 0, withChildren: 0, withChildrenAndOrder: 0 };
}

function sameUsage(a: MapUsage, b: MapUsage): boolean {
  return (Object.keys(a) as (keyof MapUsage)[]).every((key) => a[key] === b[key]);
}

function addUsage(totals: MapUsage, counts: MapUsage, sign: 1 | -1): void {
  for (const key of Object.keys(totals) as (keyof MapUsage)[]) totals[key] += sign * counts[key];
}

/** The title a breakdown node's `Paper: "..."` entries match: the paper's truthy `title`. */
function paperTitle(paper: PaperBlock | undefined): string | undefined {
  const value = paper?.value?.parsed;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const title = (value as Record<string, unknown>).title;
  return typeof title === "string" && title !== "" ? title : undefined;
}

/** The folder an Order entry names: itself, or in a breakdown node the breakdown a `Paper: "Title"` names. */
export function folderOfEntry(children: BuilderChildren, entry: string): string {
  const title = paperTitleOfEntry(entry);
  return (title !== undefined ? children.papers.get(title) : undefined) ?? entry;
}

/** Whether more than half of a map's nodes have a section (Mini Description, or else Description). */
export function mostNodesHave(usage: MapUsage, heading: string): boolean {
  const having = heading === "Mini Description" ? usage.withMiniDescription : usage.withDescription;
  return having * 2 > usage.nodes;
}
