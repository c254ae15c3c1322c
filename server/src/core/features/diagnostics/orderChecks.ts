import type { Range } from "vscode-languageserver-types";
import { type OrderEntry, readOrderEntries } from "../../document/orderEntries";
import type { FoundSection } from "../../document/sections";
import { nearestName } from "../../names";
import { joinPath, nfc } from "../../paths";
import type { Problem } from "../../problem";
import type { MarkdownContext } from "../../model/markdownContext";
import { entriesNamingChildren } from "../../model/orderResolution";

const orderHeading = "Order";

/**
 * The Order taxonomy against the folders on disk: every child folder listed once, nothing else
 * listed, numbered 1..n, each entry `N. Folder_Name`, each child with its own `Name/Name.md`.
 */
export function checkOrder(context: MarkdownContext, sections: FoundSection[]): Problem[] {
  const node = context.nodeFolder;
  if (context.kind !== "map-node" || !node) return [];
  const { workspace } = context.services;
  // Entries are NFC-normalised, and so are the names they are compared with; paths keep the names on disk.
  const folderNames = workspace.childFolders(node.folder);
  const children = folderNames.map(nfc);
  const childSet = new Set(children);
  const section = sections.find((candidate) => candidate.rule?.heading === orderHeading);
  const entries = section ? entriesNamingChildren(readOrderEntries(context.parsed, section), childSet) : [];
  const problems: Problem[] = [];

  problems.push(...entries.filter((entry) => !entry.wellFormed).map(formatProblem));
  const numbering = numberingProblem(entries);
  if (numbering) problems.push(numbering);

  const listed = new Map<string, OrderEntry>();
  const unknown: OrderEntry[] = [];
  for (const entry of entries) {
    if (!childSet.has(entry.name)) unknown.push(entry);
    else if (listed.has(entry.name)) {
      problems.push({
        code: "order/duplicate-entry",
        range: entry.range,
        message: `\`${entry.name}\` is already listed as entry ${entries.indexOf(listed.get(entry.name)!) + 1}; each child appears once.`,
      });
    } else listed.set(entry.name, entry);
  }

  // A misspelt entry and the child it was meant for are one mistake: report the entry, with the name.
  const unlisted = new Set(children.filter((child) => !listed.has(child)));
  for (const entry of unknown) {
    const suggestion = nearestName(entry.name, unlisted) ?? nearestName(entry.name, children);
    if (suggestion) unlisted.delete(suggestion);
    problems.push({
      code: "order/unknown-entry",
      range: entry.nameRange,
      message: suggestion
        ? `No child folder \`${entry.name}\` here: did you mean \`${suggestion}\`?`
        : `No child folder \`${entry.name}\` here; the children are ${describeChildren(children)}.`,
      data: suggestion ? { suggestion } : undefined,
    });
  }

  // Without an Order section, section/missing already says the children are unlisted.
  if (section) {
    for (const child of unlisted) {
      problems.push({
        code: "order/unlisted-child",
        range: section.heading.range,
        message: `The child folder \`${child}\` is not listed in the Order.`,
        data: { child },
      });
    }
  }

  for (const [index, child] of children.entries()) {
    if (workspace.hasFile(joinPath(node.folder, folderNames[index]), child + ".md")) continue;
    problems.push({
      code: "node/file-name",
      range: listed.get(child)?.range ?? section?.heading.range ?? firstLine(context),
      message: `The node folder \`${child}\` has no \`${child}.md\`.`,
      data: { child },
    });
  }
  return problems;
}

function formatProblem(entry: OrderEntry): Problem {
  const expected = `${entry.number ?? "N"}. ${entry.name}`;
  return {
    code: "order/format",
    range: entry.range,
    message: `An Order entry is \`N. Folder_Name\`: write \`${expected}\`.`,
    data: { expected },
  };
}

/** One diagnostic, at the first entry whose number breaks the 1..n sequence. */
function numberingProblem(entries: OrderEntry[]): Problem | undefined {
  const index = entries.findIndex(
    (entry, position) => entry.number !== undefined && entry.number !== position + 1,
  );
  if (index === -1) return undefined;
  const entry = entries[index];
  return {
    code: "order/numbering",
    range: entry.numberRange ?? entry.range,
    message: `Order entries are numbered 1 to ${entries.length} in sequence: entry ${index + 1} is numbered ${entry.number}.`,
    data: { expected: index + 1 },
  };
}

function describeChildren(children: string[]): string {
  if (children.length === 0) return "none (this node has no child folders)";
  const shown = children.slice(0, 8).map((child) => `\`${child}\``);
  return shown.join(", ") + (children.length > 8 ? `, and ${children.length - 8} more` : "");
}

function firstLine(context: MarkdownContext): Range {
  return context.parsed.lines.lineRange(0);
}
