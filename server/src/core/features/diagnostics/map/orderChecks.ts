import type { Range } from "vscode-languageserver-types";
import { type BuilderChildren, folderOfEntry } from "../../../map/builderView";
import { isNumberLine } from "../../../map/builderList";
import type { BuilderSection } from "../../../map/builderSections";
import { contentLine, type OrderReading, paperTitleOfEntry } from "../../../map/nodeReading";
import { pythonLstrip } from "../../../map/pythonText";
import type { MarkdownContext } from "../../../model/markdownContext";
import { NameIndex, nearestName, suggestionBudget } from "../../../names";
import type { Problem } from "../../../problem";
import type { NodeFolder } from "../../../workspace/maps";
import { type ChildFolders, describeNames } from "./childFolders";

/**
 * A node's Orders as the builder applies them (positions, not labels; one-digit numbers; an entry naming
 * nothing removes the child at its place), against the sub-folders on disk: what it loses, duplicates,
 * skips or publishes elsewhere than the lines say.
 */
export function checkOrders(
  context: MarkdownContext,
  node: NodeFolder,
  children: BuilderChildren,
  folders: ChildFolders,
): Problem[] {
  const { reading } = children;
  const problems: Problem[] = [];
  const lines = context.parsed.lines;
  const entryRange = (order: OrderReading, line: number): Range =>
    lines.lineRange(contentLine(order.section, line));
  const vanished = new Set<string>();
  /** An Order read as bulleted that drops numbered entries: that one cause explains every loss. */
  let formatBroken = false;
  const final = new Set(children.names);
  const lostChildren = folders.meant.filter((name) => folders.withFile.has(name) && !final.has(name));
  const explained = new Set<string>();

  for (const order of reading.orders) {
    const heading = lines.lineRange(order.section.headingLine);
    // An Order in a code fence or comment: section/hidden says so; its effect shows in what is lost below.
    const hidden = context.parsed.outline.isOpaqueLine(order.section.headingLine);
    const crash = order.reading.crash;
    if (crash?.reason === "empty") {
      problems.push({
        code: "list/empty",
        range: heading,
        message: "An empty `### Order` stops the map build: list the children, or remove the heading.",
      });
      continue;
    }
    if (crash?.reason === "blank-after-item") {
      problems.push(blankLineProblem(context, contentLine(order.section, crash.line), "Order"));
    }
    if (crash?.reason === "not-a-number") {
      problems.push({
        code: "order/format",
        range: entryRange(order, crash.line),
        message:
          "The builder takes this digit for a number but cannot read it: the map build stops. Use 1 to 9.",
      });
    }
    // An entry whose child an earlier misspelt entry removed: that entry is the one cause reported.
    const crashItem =
      crash?.reason === "out-of-range" ? itemTextOfLine(order.section.content, crash.line) : "";
    if (crash?.reason === "out-of-range" && !folders.all.has(crashItem)) {
      const item = crashItem;
      const near = didYouMean(item, folders.meant);
      problems.push({
        code: "order/unknown-entry",
        range: nameRange(context, order, crash.line, item),
        message: `No child folder \`${item}\`, and its number is past the ${order.start.length} children: the map build stops.${near.text}`,
        data: near.data,
      });
    }
    if (hidden) continue;
    if (order.reading.list.kind === "unordered") {
      const numbered = order.reading.skipped.filter(
        (skip) => !skip.nested && isNumberLine(pythonLstrip(contentLines(order.section)[skip.line])),
      );
      // An earlier Order that a later one overrides has no effect of its own (section/duplicate says it is there).
      const last = order === reading.orders[reading.orders.length - 1];
      if (numbered.length > 0 && last) {
        formatBroken = true;
        const firstLine = order.section.content.split("\n")[0];
        problems.push({
          code: "order/format",
          range: entryRange(order, 0),
          message: `The Order's first line \`${firstLine.trim()}\` is not a numbered entry (\`1. Name\`, one digit): the builder then reads only \`- \` items and drops all ${numbered.length} numbered entries, so this node publishes ${publishedSummary(children, folders)}.`,
        });
      }
      continue;
    }
    for (const placement of order.reading.placements) {
      const text = placement.item.text;
      if (!placement.displaced || (node.breakdownNode && paperTitleOfEntry(text) !== undefined)) continue;
      if (folders.all.has(text)) continue; // a known name that displaced another (an indented line after it): a lost child below
      // A later Order may put things right again: only what the published map keeps is reported.
      if (!final.has(text) && lostChildren.length === 0) continue;
      // The misspelt entry is the cause of every child the published map loses: one cause, one diagnostic.
      for (const name of lostChildren) {
        vanished.add(name);
        explained.add(name);
      }
      const near = didYouMean(text, folders.meant);
      problems.push({
        code: "order/unknown-entry",
        range: nameRange(context, order, placement.line, text),
        message: `No child folder \`${text}\`${
          node.breakdownNode
            ? ": a breakdown node reads each entry as a breakdown folder, so the map build stops"
            : lostChildren.length > 0
              ? `: the builder cannot move it into place, so it removes the child at position ${placement.index + 1} instead; ${describeNames(lostChildren)} ${lostChildren.length === 1 ? "vanishes" : "vanish"} from the published map`
              : ""
        }.${near.text}`,
        data: near.data,
      });
    }
  }

  // A breakdown that stops the build is reported on its own file; the Paper entries cannot be judged before.
  if (children.brokenBreakdowns.length === 0) problems.push(...paperEntries(context, children));
  const buildStops = children.unknownPapers.length > 0 || children.brokenBreakdowns.length > 0;
  if (reading.orders.length === 0 || reading.orders.some((order) => order.reading.crash) || buildStops)
    return problems;
  const lastOrder = reading.orders[reading.orders.length - 1];
  const heading = lines.lineRange(lastOrder.section.headingLine);
  const published = children.names;
  const counts = new Map<string, number>();
  for (const name of published) counts.set(name, (counts.get(name) ?? 0) + 1);
  const lost = formatBroken
    ? []
    : folders.meant.filter((name) => folders.withFile.has(name) && !counts.has(name) && !explained.has(name));
  const doubled = [...counts]
    .filter(([name, count]) => count > 1 && folders.withFile.has(name))
    .map(([name]) => name);
  const bulleted = lastOrder.reading.list.kind === "unordered";
  for (const name of lost) {
    problems.push({
      code: "order/lost-child",
      range: heading,
      message: bulleted
        ? `\`${name}\` is not published: a bulleted Order publishes exactly its \`- \` items.`
        : `\`${name}\` is not published: the entries' numbers put others in its place. Published order: ${publishedSummary(children, folders)}.`,
      data: { child: name },
    });
  }
  for (const name of doubled) {
    problems.push({
      code: "order/lost-child",
      range: heading,
      message: `\`${name}\` is published ${counts.get(name)} times: the entries' numbers put it at several places. Published order: ${publishedSummary(children, folders)}.`,
    });
  }
  if (bulleted) {
    for (const item of lastOrder.reading.list.items) {
      if (folders.all.has(item.text) || item.line === undefined) continue;
      // A breakdown node's `Paper: "Title"` is breakdown/unknown-paper's when no paper has that title.
      if (node.breakdownNode && paperTitleOfEntry(item.text) !== undefined) continue;
      const near = didYouMean(item.text, folders.meant);
      problems.push({
        code: "order/unknown-entry",
        range: nameRange(context, lastOrder, item.line, item.text),
        message: `No child folder \`${item.text}\`: nothing is published for it.${near.text}`,
        data: near.data,
      });
    }
    return problems;
  }
  if (lost.length > 0 || doubled.length > 0 || vanished.size > 0) return problems;

  // What the lines mean: each child where its first entry stands, skipped entries (`10. X`) included.
  const entries = reading.orders
    .filter((order) => !context.parsed.outline.isOpaqueLine(order.section.headingLine))
    .flatMap((order) => [
      ...order.reading.placements.map((placement) => ({
        order,
        line: placement.line,
        name: folderOfEntry(children, placement.item.text),
        skipped: false,
      })),
      ...order.reading.skipped
        .filter((skip) => !skip.nested)
        .map((skip) => ({
          order,
          line: skip.line,
          name: folderOfEntry(children, skippedName(order, skip.line)),
          skipped: true,
        })),
    ])
    .filter((entry) => folders.all.has(entry.name))
    .sort((a, b) => a.order.section.headingLine - b.order.section.headingLine || a.line - b.line);
  const listed = new Map<string, (typeof entries)[number]>();
  for (const entry of entries) {
    const first = listed.get(entry.name);
    if (first) {
      problems.push({
        code: "order/duplicate-entry",
        range: entryRange(entry.order, entry.line),
        message: `\`${entry.name}\` is already listed on line ${contentLine(first.order.section, first.line) + 1}; the builder places it by the later entry. Published order: ${publishedSummary(children, folders)}.`,
      });
    } else listed.set(entry.name, entry);
  }
  if (!node.breakdownNode) {
    for (const name of folders.meant.filter((child) => folders.withFile.has(child) && !listed.has(child))) {
      problems.push({
        code: "order/unlisted-child",
        range: heading,
        message: `The child folder \`${name}\` is not listed in the Order: the builder publishes it at position ${published.indexOf(name) + 1}. Published order: ${publishedSummary(children, folders)}.`,
        data: { child: name },
      });
    }
  }
  const meant = [...listed.keys()];
  const publishedListed = published.filter((name) => listed.has(name));
  const misplaced = meant.filter((name, index) => publishedListed[index] !== name);
  const skippedMisplaced = misplaced.filter((name) => listed.get(name)!.skipped);
  for (const name of skippedMisplaced) {
    const entry = listed.get(name)!;
    problems.push({
      code: "order/skipped-entry",
      range: entryRange(entry.order, entry.line),
      message: `The builder skips this line (it reads only \`N. Name\` with a one-digit number), so \`${name}\` keeps its sorted place, position ${published.indexOf(name) + 1}. Published order: ${publishedSummary(children, folders)}.`,
    });
  }
  const duplicated = entries.length > listed.size;
  if (misplaced.length > 0 && skippedMisplaced.length === 0 && !duplicated) {
    const entry = listed.get(misplaced[0])!;
    problems.push({
      code: "order/numbering",
      range: entryRange(entry.order, entry.line),
      message: `The builder reads the numbers as positions, so the children are not published in the order of these lines. Published order: ${publishedSummary(children, folders)}.`,
    });
  }
  return problems;
}

/** A breakdown node's `Paper: "Title"` entries that name no breakdown's paper: the build stops. */
function paperEntries(context: MarkdownContext, children: BuilderChildren): Problem[] {
  const order = children.reading.orders[children.reading.orders.length - 1];
  if (!order) return [];
  return children.unknownPapers.map(({ index, title }) => {
    const item = order.reading.list.items[index];
    const range =
      item?.line !== undefined
        ? context.parsed.lines.lineRange(contentLine(order.section, item.line))
        : context.parsed.lines.lineRange(order.section.headingLine);
    const suggestion = nearestName(title, children.papers.keys());
    return {
      code: "breakdown/unknown-paper" as const,
      range,
      message: `No breakdown here has a paper titled \`${title}\`: the map build stops.${suggestion ? ` Did you mean \`${suggestion}\`?` : ` The papers are: ${describeNames([...children.papers.keys()])}.`}`,
      data: suggestion ? { suggestion } : undefined,
    };
  });
}

/** Where an entry's name stands on its line (after `N. ` or `- `), trailing space included. */
function nameRange(context: MarkdownContext, order: OrderReading, line: number, name: string): Range {
  const documentLine = contentLine(order.section, line);
  const text = context.parsed.lines.lines[documentLine] ?? "";
  const start = Math.max(0, text.lastIndexOf(name));
  return {
    start: { line: documentLine, character: start },
    end: { line: documentLine, character: start + name.length },
  };
}

const sectionLines = new WeakMap<BuilderSection, string[]>();

/**
 * A section's content as lines, split once: an Order of thousands of skipped lines split it once per
 * line (5,000 appended lines took seconds per check).
 */
function contentLines(section: BuilderSection): string[] {
  let lines = sectionLines.get(section);
  if (!lines) sectionLines.set(section, (lines = section.content.split("\n")));
  return lines;
}

/** The name a skipped line gives (`10. Name`, `- Name`, `1) Name`). */
function skippedName(order: OrderReading, line: number): string {
  const text = (contentLines(order.section)[line] ?? "").trim();
  return /^\d+\s*[.)]\s*(.*)$/.exec(text)?.[1] ?? text.replace(/^[-*+]\s+/, "");
}

/** Each node's published children, named once: 5,000 unlisted children each named them all again. */
const summaries = new WeakMap<BuilderChildren, { folders: ChildFolders; text: string }>();

/** The published children, named, for a message. */
function publishedSummary(children: BuilderChildren, folders: ChildFolders): string {
  const known = summaries.get(children);
  if (known?.folders === folders) return known.text;
  const shown = children.names.filter((name) => folders.withFile.has(name));
  const text = shown.length === 0 ? "no children" : describeNames(shown);
  summaries.set(children, { folders, text });
  return text;
}

function itemTextOfLine(content: string, line: number): string {
  const text = pythonLstrip(content.split("\n")[line] ?? "");
  return text.slice(text.indexOf(". ") + 2);
}

/** One index per list of child names: every entry of an Order looks up the same list. */
const childIndexes = new WeakMap<readonly string[], NameIndex>();

function nearestChild(name: string, candidates: readonly string[]): string | undefined {
  let index = childIndexes.get(candidates);
  if (!index) childIndexes.set(candidates, (index = new NameIndex(candidates, suggestionBudget)));
  return index.nearest(name);
}

/** The sentence and the quick fix's data that suggest the child an unknown entry nearly names. */
function didYouMean(
  name: string,
  candidates: readonly string[],
): { text: string; data?: { suggestion: string } } {
  const suggestion = nearestChild(name, candidates);
  return suggestion ? { text: ` Did you mean \`${suggestion}\`?`, data: { suggestion } } : { text: "" };
}

export function isComment(text: string): boolean {
  return /^<!--.*-->$/.test(text) || /^%%.*%%$/.test(text) || /^\{\/\*.*\*\/\}$/.test(text);
}

export function blankLineProblem(context: MarkdownContext, line: number, section: string): Problem {
  return {
    code: "list/blank-line",
    range: {
      start: { line, character: 0 },
      end: { line, character: context.parsed.lines.lines[line]?.length ?? 0 },
    },
    message: `This line holds only spaces, deeper than the item above it: the builder takes it for a sub-list and the map build stops. Empty it (in \`### ${section}\`).`,
  };
}
