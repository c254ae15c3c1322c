import { contentLine, type NodeReading } from "../../../map/nodeReading";
import type { MarkdownContext } from "../../../model/markdownContext";
import { basename, dirname, nfc, relativePath } from "../../../paths";
import type { Problem } from "../../../problem";
import { resolveLink } from "../../../workspace/linkResolution";
import { isComment } from "./orderChecks";
import type { NodeFolder } from "../../../workspace/maps";

/** `re.search(r"\[(.*?)\]\((.*?)\)", item)`: the first link of an item. */
const firstLink = /\[(.*?)\]\((.*?)\)/;

/**
 * Related Nodes links as the builder resolves them: the path without leading `/`, read from the repository
 * root, cut at its last `/`, must be a folder it published a node for. Returns the document lines it
 * judged, which the general link check leaves to it.
 */
export function checkRelatedLinks(
  context: MarkdownContext,
  node: NodeFolder,
  reading: NodeReading,
): { problems: Problem[]; lines: Set<number> } {
  const problems: Problem[] = [];
  const judged = new Set<number>();
  const { builder, maps } = context.services;
  const repositoryRoot = node.map.repositoryRoot;
  for (const { section, reading: list } of reading.lists) {
    if (section.title !== "Related Nodes" || list.crash) continue;
    for (const skip of list.skipped) {
      const line = contentLine(section, skip.line);
      const text = (context.parsed.lines.lines[line] ?? "").trim();
      if (skip.nested || isComment(text)) continue;
      problems.push({
        code: "link/format",
        range: context.parsed.lines.lineRange(line),
        message: `The builder skips this line: a Related Nodes item is a \`- \` line${list.list.kind === "ordered" ? " (here `N. `, as the list's first line is numbered)" : ""}.`,
      });
    }
    for (const item of list.list.items) {
      if (item.line === undefined) continue;
      const line = contentLine(section, item.line);
      const text = context.parsed.lines.lines[line] ?? "";
      const match = firstLink.exec(item.text);
      if (!match) {
        problems.push({
          code: "link/format",
          range: context.parsed.lines.lineRange(line),
          message:
            "The builder publishes the first `[text](path)` link of a Related Nodes item: this item has none, so nothing is shown for it.",
        });
        continue;
      }
      if ((item.text.match(/\[(.*?)\]\((.*?)\)/g) ?? []).length > 1) {
        problems.push({
          code: "link/format",
          range: context.parsed.lines.lineRange(line),
          message:
            "The builder publishes only the first link of a Related Nodes item: give each related node its own item.",
        });
      }
      const written = match[2];
      const at = text.indexOf(`](${written})`);
      const start = at === -1 ? 0 : at + 2;
      const range = { start: { line, character: start }, end: { line, character: start + written.length } };
      if (uriScheme.test(written)) {
        judged.add(line);
        problems.push({
          code: "link/unresolved",
          range,
          message:
            "The map builder reads a Related Nodes link as a path in the map, so a web address is a dead link there: link a node, and put web links in the Description.",
        });
        continue;
      }
      const parts = written.replace(/^\/+/, "").split("/");
      const folder = builderFolder(repositoryRoot, parts.slice(0, -1));
      const place = folder === undefined ? "unreached" : builder.placeOf(folder);
      const isBreakdown = folder !== undefined && maps.nodeFolder(folder)?.role === "breakdown";
      // What a reader of the file (GitHub) reaches: the link's destination, without `<...>` or a title.
      const destination = linkDestination(written);
      const meant = meantNodeFolder(context, destination);
      const last = parts[parts.length - 1].replace(/[#?].*$/, "");
      const target = folder !== undefined ? maps.nodeFolder(folder) : undefined;
      const namesNode =
        place === "published" && !isBreakdown && (last === "" || nfc(last) === target?.fileName);
      if (namesNode && (!meant || sameFolder(context, meant.folder, folder!))) {
        // Published as written (even `Root/B/B.md` without its leading `/`: the builder reads from the root).
        judged.add(line);
        continue;
      }
      if (!meant && !targetExists(context, destination)) {
        if (place === "published" && !isBreakdown) {
          // The map links to the folder's node; only a reader of the file (GitHub) meets a dead link.
          judged.add(line);
          problems.push({
            code: "link/format",
            range,
            message: `The map builder drops the path's last part and links to \`${basename(folder!)}\`, but \`${last}\` does not exist there: readers of this file get a dead link. Write \`${rootLink(repositoryRoot, target!)}\`.`,
          });
        }
        // A target that exists nowhere else is the general link check's (it suggests the nearest node).
        continue;
      }
      judged.add(line);
      const suggestion =
        meant && builder.placeOf(meant.folder) === "published" ? rootLink(repositoryRoot, meant) : undefined;
      if (place === "unreached" || isBreakdown) {
        problems.push({
          code: "link/unresolved",
          range,
          message: `The map builder reads this path from the repository root, up to its last \`/\`, and finds no published node at \`/${parts.slice(0, -1).join("/")}\`: the map shows a dead link.${suggestion ? ` Write \`${suggestion}\`.` : ""}`,
          data: suggestion ? { suggestion } : undefined,
        });
      } else if (place === "dropped") {
        const target = maps.nodeFolder(folder!);
        problems.push({
          code: "link/unresolved",
          range,
          message: `The folder \`${basename(folder!)}\` has no \`${target?.fileName ?? basename(folder!) + ".md"}\`, so the builder publishes no node there: the map shows a dead link.`,
        });
      } else if (meant && !sameFolder(context, meant.folder, folder!)) {
        problems.push({
          code: "link/other-node",
          range,
          message: `The map builder drops the path's last part and links to \`${basename(folder!)}\`, not to \`${meant.name}\`.${suggestion ? ` Write \`${suggestion}\`.` : ""}`,
          data: suggestion ? { suggestion } : undefined,
        });
      }
    }
  }
  return { problems, lines: judged };
}

const uriScheme = /^[a-z][a-z0-9+.-]*:/i;

/** A link's destination as CommonMark reads `(destination "title")`: `<...>` unwrapped, a title dropped. */
function linkDestination(written: string): string {
  const untitled = written.replace(/\s+(?:"[^"]*"|'[^']*'|\([^)]*\))\s*$/, "");
  return untitled.replace(/^<(.*)>$/, "$1");
}

/** Two spellings of a folder (NFC or not, a trailing slash or not) are one folder. */
function sameFolder(context: MarkdownContext, a: string, b: string): boolean {
  const normal = (path: string) =>
    nfc(context.services.workspace.spelledOnDisk(path.replace(/\/+$/, "")) ?? path.replace(/\/+$/, ""));
  return normal(a) === normal(b);
}

/** `str(map_path / "/".join(parts))`: Python's Path drops empty and `.` parts but keeps `..` (no folder matches it). */
function builderFolder(repositoryRoot: string, parts: string[]): string | undefined {
  const kept = parts.filter((part) => part !== "" && part !== ".");
  if (kept.includes("..")) return undefined;
  return kept.length === 0 ? repositoryRoot : `${repositoryRoot}/${kept.join("/")}`;
}

/** The node a reader of the file (GitHub) reaches: a node's folder, or its file. */
function meantNodeFolder(context: MarkdownContext, written: string): NodeFolder | undefined {
  const { maps, workspace } = context.services;
  const resolved = resolveLink(context.path, written, maps);
  if (!resolved) return undefined;
  if (workspace.isDirectory(resolved.path)) return maps.nodeFolder(resolved.path);
  if (workspace.stat(resolved.path) === undefined) return undefined;
  const node = maps.nodeFolder(dirname(resolved.path));
  return node && nfc(basename(resolved.path)) === node.fileName ? node : undefined;
}

function targetExists(context: MarkdownContext, written: string): boolean {
  const resolved = resolveLink(context.path, written, context.services.maps);
  return resolved !== undefined && context.services.workspace.stat(resolved.path) !== undefined;
}

function rootLink(repositoryRoot: string, node: NodeFolder): string {
  return `/${relativePath(repositoryRoot, node.folder)}/${node.fileName}`;
}
