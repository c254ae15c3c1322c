/**
 * Names of new map nodes and topic entries, checked the same way by the server's commands and
 * rename and by the extension's input boxes. Pure functions, no dependency: the client bundles them.
 */

/** What a typed name becomes, and whether it can be used. */
export interface NameCheck {
  /** The name that will be written: a node's folder name, or a topic entry's file name. */
  name: string;
  /** Why the name cannot be used; undefined when it can. */
  error?: string;
  /** Something to tell about an accepted name (spaces became underscores, the file name chosen). */
  note?: string;
}

interface NodeNameRules {
  /** The map's `nodeNamePattern` (Unicode regular expression source), for the message. */
  pattern: string;
  /**
   * Whether a name matches the pattern. The caller runs it: the server on a linear-time engine (a
   * workspace's pattern must not hang it), true when the pattern cannot run (the configuration check
   * reports that and falls back to the default one).
   */
  matchesPattern: (name: string) => boolean;
  /** The entries of the folder the node goes in, names as on disk (the node's own folder included when renaming). */
  siblings: readonly string[];
  /** The node's present folder name, when renaming it. */
  current?: string;
  /**
   * The map's breakdowns identifier (meta.json, `.` by default), where the name may end with it: a folder
   * `Name.` is a breakdown node, and the pattern applies to `Name`.
   */
  breakdownsIdentifier?: string;
}

/**
 * Checks a name typed for a new or renamed node: white space becomes `_` (map sites show `_` as a
 * space), then the name must match the map's pattern, differ from the present name and from every
 * other entry of the folder, even by case only (it would clash on case-insensitive file systems).
 */
export function checkNodeName(input: string, rules: NodeNameRules): NameCheck {
  const trimmed = input.trim();
  const name = nodeFolderName(trimmed).normalize("NFC");
  const refuse = (error: string): NameCheck => ({ name, error });
  if (name === "") return refuse("Type a name for the node.");
  if (/[/\\]/.test(name)) return refuse(`"${name}" is not a folder name: it contains a slash.`);
  if (name.startsWith(".")) return refuse(`"${name}" starts with ".": hidden folders are not map nodes.`);
  if (name === "node_modules") return refuse("node_modules is never scanned: it cannot be a map node.");
  const identifier = rules.breakdownsIdentifier;
  const stem = identifier && name.endsWith(identifier) ? name.slice(0, -identifier.length) : name;
  if (stem === "") return refuse(`"${name}" is only the breakdowns identifier: type a name before it.`);
  if (!rules.matchesPattern(stem)) {
    return refuse(
      `"${name}" is not a valid node name: folder names must match ${rules.pattern} (nodeNamePattern in kb-author.jsonc)${stem === name ? "" : `, before the breakdowns identifier \`${identifier}\``}.`,
    );
  }
  const current = rules.current?.normalize("NFC");
  if (current !== undefined && name === current) return refuse(`The node is already named ${name}.`);
  for (const sibling of rules.siblings) {
    const existing = sibling.normalize("NFC");
    if (existing === current) continue;
    if (existing === name)
      return refuse(`${existing} already exists in this folder: kb-author never overwrites it.`);
    if (existing.toLowerCase() === name.toLowerCase()) {
      return refuse(
        `${existing} already exists in this folder and differs only in case: the two would clash on case-insensitive file systems.`,
      );
    }
  }
  const note =
    name !== trimmed.normalize("NFC")
      ? `Spaces become underscores in node folder names: the node is ${name} (shown as "${nodeDisplayName(name)}").`
      : undefined;
  return note ? { name, note } : { name };
}

/** A node's folder name for its name as written with spaces: each run of white space becomes `_` (`AI Safety` is `AI_Safety`). */
export function nodeFolderName(displayName: string): string {
  return displayName.replace(/\s+/g, "_");
}

/** A node's name as map sites show it: its folder name with each `_` a space (`AI_Safety` is "AI Safety"). */
export function nodeDisplayName(folderName: string): string {
  return folderName.replace(/_/g, " ");
}

/**
 * The file name of a new topic entry: its title in lower case, runs of anything but letters and
 * digits turned into `-`, accents dropped (`International Coordination` -> `international-coordination.md`).
 */
export function topicFileName(title: string, extension = ".md"): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]+/g, "")
    .toLowerCase()
    .replace(/['\u2019]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .normalize("NFC");
  return slug === "" ? "" : slug + extension;
}

/** Checks a title typed for a new topic entry against the entries of the folder it goes in. */
export function checkTopicTitle(title: string, siblings: readonly string[]): NameCheck {
  const name = topicFileName(title);
  if (title.trim() === "") return { name, error: "Type a title for the topic entry." };
  if (name === "") return { name, error: `"${title.trim()}" has no letter or digit to name the file after.` };
  const clash = siblings.find((sibling) => sibling.normalize("NFC").toLowerCase() === name.toLowerCase());
  if (clash !== undefined) return { name, error: `${clash} already exists in this folder.` };
  return { name, note: `The file will be ${name}.` };
}
