import { findLinks } from "../../document/links";
import type { DirectoryEntry } from "../../fileSystem";
import type { Range } from "vscode-languageserver-types";
import { NameIndex, nearestName, suggestionBudget } from "../../names";
import { basename, dirname, isMarkdownPath, joinPath, nfc, relativePath } from "../../paths";
import type { Problem } from "../../problem";
import { resolveLink, safeDecode, servedFiles } from "../../workspace/linkResolution";
import { anchorsOf } from "../../document/anchors";
import type { SluggerName } from "../../document/sluggers";
import type { SiteLinks } from "../../config/configTypes";
import type { MapNode } from "../../workspace/nodeIndex";
import type { Workspace } from "../../workspace/workspace";
import type { MarkdownContext } from "../../model/markdownContext";

/** `www.aaai.org/...`, `arxiv.org/abs/...`: a host name (a dot and a top-level domain) where a path would start. */
const webAddress =
  /^(?:www\.[^\s/]+|(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|io|ai|dev|co|uk|de|fr|info|me|ly|gl|ca|us|eu|int|app|page|so|xyz|tech|science|news|blog))(?:[/:?#]|$)/i;

function looksLikeWebAddress(target: string): boolean {
  return webAddress.test(target.trim());
}

/**
 * Links without a URI scheme must name a file or folder that exists; links with one are external and
 * left alone. Also returns the resolved targets, so that a change to one revalidates the linking file.
 */
/** Broken link targets of one file that get a did-you-mean. */
const maxSuggestionSearches = 200;

export function checkLinks(
  context: MarkdownContext,
  judgedLines: ReadonlySet<number> = new Set(),
): { problems: Problem[]; targets: string[] } {
  const { workspace, maps } = context.services;
  // A page's absolute links follow its site's routes; a map node's follow the map builder.
  const site = context.kind === "map-node" ? undefined : context.config.links;
  const problems: Problem[] = [];
  const targets: string[] = [];
  // One verdict per distinct target: a file repeating one broken link thousands of times (found by the
  // fuzz suite) would otherwise search the tree for a suggestion each time, seconds per keystroke.
  const verdicts = new Map<string, { link: string } | undefined | "ok">();
  // And one judgement per distinct target as written (resolved path, message), for the same reason.
  const judged = new Map<string, Judgement | undefined>();
  // And a bounded number of searches for a suggestion: each compares the target with every name of its
  // folder or map (5,000 broken links beside 10,000 pages took 3.7 s); later broken links get none.
  let searchesLeft = maxSuggestionSearches;
  const judge = (written: string): Judgement | undefined => {
    const resolution = resolveLink(context.path, written, maps, site);
    if (!resolution) return undefined;
    // A target outside the workspace is not looked at: kb-author reads nothing there, and a verdict
    // would tell a page's author what the machine that checks it holds.
    if (!workspace.isInWorkspace(resolution.path)) return undefined;
    const { base, absolute, alternatives = [] } = resolution;
    // The first of the site's candidate places that serves the link (else the first, for the message).
    const resolved =
      [resolution.path, ...alternatives].find((path) => resolves(workspace, path, site)) ?? resolution.path;
    const key = `${absolute ? "/" : ""}${base}\0${resolved}`;
    if (!verdicts.has(key)) {
      verdicts.set(
        key,
        resolves(workspace, resolved, site)
          ? "ok"
          : searchesLeft-- <= 0
            ? undefined
            : resolution.alternatives !== undefined
              ? suggestRoute(workspace, written, resolved, site!)
              : (suggestTarget(workspace, resolved, base, absolute) ??
                suggestMovedNode(context, resolved, base, absolute)),
      );
    }
    const suggestion = verdicts.get(key);
    if (suggestion === "ok") return { resolved, served: servedFile(workspace, resolved, site) };
    return {
      resolved,
      message: `The link target \`${written.trim()}\` does not exist${suggestion ? `: did you mean \`${suggestion.link}\`?` : "."}`,
      suggestion: suggestion?.link,
    };
  };
  for (const link of findLinks(context.parsed)) {
    if (
      looksLikeWebAddress(link.target) &&
      !resolves(workspace, resolveLink(context.path, link.target, maps, site)?.path ?? "", site)
    ) {
      const suggestion = `https://${link.target.trim()}`;
      problems.push({
        code: "link/missing-scheme",
        range: link.targetRange,
        message: `\`${link.target.trim()}\` looks like a web address without \`https://\`: the site reads it as a path beside this page, a dead link. Write \`${suggestion}\`.`,
        data: { suggestion },
      });
      continue;
    }
    if (!judged.has(link.target)) judged.set(link.target, judge(link.target));
    const judgement = judged.get(link.target);
    if (context.kind !== "map-node") {
      const anchor = checkAnchor(context, link.target, link.targetRange, judgement);
      if (anchor) problems.push(anchor);
    }
    if (!judgement) continue;
    targets.push(judgement.resolved);
    // The page a route is served from: its headings decide the link's anchor.
    if (judgement.served !== undefined && judgement.served !== judgement.resolved)
      targets.push(judgement.served);
    if (judgement.message === undefined || judgedLines.has(link.range.start.line)) continue;
    problems.push({
      code: "link/unresolved",
      range: link.targetRange,
      message: judgement.message,
      data: judgement.suggestion !== undefined ? { suggestion: judgement.suggestion } : undefined,
    });
  }
  return { problems, targets };
}

interface Judgement {
  resolved: string;
  /** The Markdown page a route is served from, when it resolves to one. */
  served?: string;
  message?: string;
  suggestion?: string;
}

/** A target exists as written, or as a site route to a page or a folder's index page. */
function resolves(workspace: Workspace, path: string, site: SiteLinks | undefined): boolean {
  return servedFiles(path, site).some(
    (candidate) => workspace.exists(candidate) || existsAfterNfc(workspace, candidate),
  );
}

/** The Markdown file a resolved target is served from (the first candidate that is one). */
function servedFile(workspace: Workspace, path: string, site: SiteLinks | undefined): string | undefined {
  return servedFiles(path, site).find(
    (candidate) =>
      isMarkdownPath(candidate) && workspace.exists(candidate) && !workspace.isDirectory(candidate),
  );
}

/**
 * link/anchor: a `#fragment` that names no heading or element id of the page it leads to (this page for
 * `#fragment` alone). Pages that are not Markdown, and targets that do not resolve, are not judged here.
 */
function checkAnchor(
  context: MarkdownContext,
  target: string,
  range: Range,
  judgement: Judgement | undefined,
): Problem | undefined {
  const hash = target.indexOf("#");
  if (hash === -1 || hash === target.length - 1) return undefined;
  const fragment = safeDecode(target.slice(hash + 1).trim());
  const inPage = target.trim().startsWith("#");
  const page = inPage ? context.path : judgement?.message === undefined ? judgement?.served : undefined;
  if (page === undefined) return undefined;
  const slugger = context.config.links?.slugger;
  const anchors = inPage ? anchorsOf(context.parsed, slugger) : anchorsOfFile(context, page, slugger);
  if (!anchors || anchors.has(fragment) || context.config.links?.pageAnchors.includes(fragment))
    return undefined;
  const nearest = anchorNames(anchors).nearest(fragment);
  const suggestion = nearest === undefined ? undefined : target.slice(0, hash + 1) + nearest;
  const where = inPage ? "this page" : `\`${relativePath(dirname(context.path), page)}\``;
  return {
    code: "link/anchor",
    range,
    message: `\`#${fragment}\` names no heading or element of ${where}: the link lands at the top of the page.${nearest ? ` Did you mean \`#${nearest}\`?` : ""}`,
    data: suggestion ? { suggestion } : undefined,
  };
}

function anchorsOfFile(
  context: MarkdownContext,
  path: string,
  slugger: SluggerName | undefined,
): Set<string> | undefined {
  const { workspace, configs } = context.services;
  const parsed = workspace.parsedPage(path, configs.configFor(path).maxFileSize);
  return parsed && anchorsOf(parsed, slugger);
}

/**
 * Whether a path exists when names are compared after NFC normalisation, as everywhere else: a link
 * typed in NFC (`Löbian_Obstacle`) names a folder that macOS wrote in NFD, which Linux does not open
 * by the NFC bytes. Only reached for targets that do not exist as written.
 */
function existsAfterNfc(workspace: Workspace, path: string): boolean {
  let folder = "/";
  for (const segment of path.split("/").filter(Boolean)) {
    const direct = joinPath(folder, segment);
    if (workspace.exists(direct)) {
      folder = direct;
      continue;
    }
    const entry = workspace.findEntry(folder, segment);
    if (!entry) return false;
    folder = entry;
  }
  return true;
}

/**
 * For a site route that serves nothing (`/docs/setupp/`): the route with its last segment replaced by the
 * nearest page or folder name of that folder (`/docs/setup/`), in the route's own form.
 */
function suggestRoute(
  workspace: Workspace,
  written: string,
  resolved: string,
  site: SiteLinks,
): { link: string } | undefined {
  const path = resolved.replace(/\/+$/, "");
  const folder = dirname(path);
  if (!workspace.isDirectory(folder)) return undefined;
  const names = workspace.readDirectory(folder).flatMap((entry) => {
    if (entry.type === "directory") return [entry.name];
    const extension = site.extensions.find((candidate) => entry.name.endsWith(candidate));
    return extension ? [entry.name.slice(0, -extension.length)] : [];
  });
  const nearest = nearestName(basename(path), names);
  if (nearest === undefined) return undefined;
  const trimmed = written.trim();
  const pathEnd = trimmed.search(/[?#]|\/*$/);
  const route = trimmed.slice(0, pathEnd);
  return { link: route.slice(0, route.lastIndexOf("/") + 1) + nearest + trimmed.slice(pathEnd) };
}

/**
 * For a link to a node that is not where the link says (moved, or misspelt higher up the path): the
 * node of the same map with that name, or the nearest name, closest to the written path (names repeat).
 */
function suggestMovedNode(
  context: MarkdownContext,
  resolved: string,
  base: string,
  absolute: boolean,
): { link: string } | undefined {
  const last = basename(resolved);
  const wantsFile = last.toLowerCase().endsWith(".md");
  const name = nfc(wantsFile ? last.slice(0, -3) : last);
  const repositoryRoot = context.services.maps.repositoryRootFor(context.path);
  const { candidates, names, index } = nodeNamesOf(context.services.nodes.all(), repositoryRoot);
  const wanted = names.has(name) ? name : index.nearest(name);
  const sharedPrefix = (path: string) => {
    let length = 0;
    while (length < path.length && path[length] === resolved[length]) length++;
    return length;
  };
  const best = candidates
    .filter((node) => node.name === wanted)
    .sort((a, b) => sharedPrefix(b.folder) - sharedPrefix(a.folder))[0];
  const target = best && (wantsFile ? best.file : best.folder);
  if (!target) return undefined;
  const relative = relativePath(base, target);
  return { link: absolute ? "/" + relative : relative };
}

/**
 * The nearest existing target: from the deepest folder of the path that exists, follow each missing
 * segment to its nearest sibling name (a typo in a node name), keeping `Node/Node.md` pairs aligned.
 */
function suggestTarget(
  workspace: Workspace,
  resolved: string,
  base: string,
  absolute: boolean,
): { link: string } | undefined {
  const segments = resolved.split("/").filter(Boolean);
  let folder = "/";
  let index = 0;
  while (index < segments.length && workspace.isDirectory(joinPath(folder, segments[index]))) {
    folder = joinPath(folder, segments[index]);
    index++;
  }
  if (index === segments.length) return undefined;
  const corrected: string[] = [];
  for (; index < segments.length; index++) {
    const segment = segments[index];
    const isLast = index === segments.length - 1;
    const previous = corrected[corrected.length - 1];
    if (isLast && previous && segment === basename(segments[index - 1]) + ".md") {
      corrected.push(previous + ".md");
      break;
    }
    const match = namesOf(workspace.readDirectory(joinPath(folder, ...corrected))).nearest(segment);
    if (!match) return undefined;
    corrected.push(match);
  }
  const path = joinPath(folder, ...corrected);
  if (!workspace.exists(path)) return undefined;
  const relative = relativePath(base, path);
  return { link: absolute ? "/" + relative : relative };
}

/**
 * A page's anchors prepared once for its did-you-means, with a bounded total of comparisons: 810 broken
 * anchors on a page of 4,900 headings compared every pair and took 1.7 s.
 */
const anchorIndexes = new WeakMap<ReadonlySet<string>, NameIndex>();

function anchorNames(anchors: ReadonlySet<string>): NameIndex {
  let names = anchorIndexes.get(anchors);
  if (!names) anchorIndexes.set(anchors, (names = new NameIndex(anchors, suggestionBudget)));
  return names;
}

/**
 * A folder's names prepared for near-miss look-ups, while its listing stays cached (a new listing is a
 * new array): each broken link into a folder of 10,000 files looked at every name again.
 */
const listingNames = new WeakMap<readonly DirectoryEntry[], NameIndex>();

function namesOf(listing: readonly DirectoryEntry[]): NameIndex {
  let names = listingNames.get(listing);
  if (!names) {
    names = new NameIndex(listing.map((entry) => entry.name));
    listingNames.set(listing, names);
  }
  return names;
}

/** The nodes of each repository's maps, their names and those prepared for near misses, while the node index stays the same array. */
const repositoryNodes = new WeakMap<
  readonly MapNode[],
  Map<string | undefined, { candidates: MapNode[]; names: Set<string>; index: NameIndex }>
>();

function nodeNamesOf(all: readonly MapNode[], repositoryRoot: string | undefined) {
  let byRepository = repositoryNodes.get(all);
  if (!byRepository) repositoryNodes.set(all, (byRepository = new Map()));
  let found = byRepository.get(repositoryRoot);
  if (!found) {
    const candidates = all.filter((node) => node.map.repositoryRoot === repositoryRoot);
    const names = new Set(candidates.map((node) => node.name));
    found = { candidates, names, index: new NameIndex(names) };
    byRepository.set(repositoryRoot, found);
  }
  return found;
}
