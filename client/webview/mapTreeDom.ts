/**
 * The map view's DOM: one WAI-ARIA tree item per node, built with DOM calls only (node names and Mini
 * Descriptions are text, never HTML). Connector lines, twisties and badges are drawn by media/map.css.
 */
import type { MapViewItem } from "../../server/src/shared/protocol";

export const treeItemSelector = '[role="treeitem"]';

/** A node's tree item: `li[role=treeitem]` with its row, and (once expanded) a `ul[role=group]` of children. */
export function createTreeItem(
  item: MapViewItem,
  level: number,
  position: number,
  size: number,
): HTMLLIElement {
  const element = document.createElement("li");
  element.setAttribute("role", "treeitem");
  element.className = "kb-map-item";
  if (item.unlisted) element.classList.add("kb-map-unlisted");
  if (item.lost) element.classList.add("kb-map-lost");
  element.dataset.uri = item.uri;
  element.tabIndex = -1;
  element.setAttribute("aria-level", String(level));
  element.setAttribute("aria-posinset", String(position));
  element.setAttribute("aria-setsize", String(size));
  element.setAttribute("aria-selected", "false");
  if (item.childCount > 0) element.setAttribute("aria-expanded", "false");

  const row = document.createElement("div");
  row.className = "kb-map-row";
  // The Mini Description on hover; screen readers announce it as the item's description.
  if (item.summary) row.title = item.summary;

  const twisty = document.createElement("span");
  twisty.className = "kb-map-twisty";
  twisty.setAttribute("aria-hidden", "true");

  const title = document.createElement("span");
  title.className = "kb-map-title";
  title.textContent = item.title;

  row.append(twisty, title);
  if (item.childCount > 0)
    row.append(badge("kb-map-count", String(item.childCount), childLabel(item.childCount)));
  if (item.errors > 0)
    row.append(badge("kb-map-problem kb-map-error", String(item.errors), plural(item.errors, "error")));
  if (item.warnings > 0)
    row.append(
      badge("kb-map-problem kb-map-warning", String(item.warnings), plural(item.warnings, "warning")),
    );
  if (item.unlisted || item.lost) {
    const tag = document.createElement("span");
    tag.className = item.lost ? "kb-map-lost-tag" : "kb-map-unlisted-tag";
    // Unlisted: published at its sorted place; lost: the parent's Order removes it from the published map.
    tag.textContent = item.lost ? "not published" : "not in Order";
    row.append(tag);
  }
  element.append(row);
  return element;
}

/** A count with an icon (drawn by CSS) and a spoken label: `role=img` so that the label is what is read. */
function badge(className: string, text: string, label: string): HTMLSpanElement {
  const element = document.createElement("span");
  element.className = className;
  element.setAttribute("role", "img");
  element.setAttribute("aria-label", label);
  element.title = label;
  element.textContent = text;
  return element;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;
const childLabel = (count: number): string => plural(count, "child node");

/** The children group of an item, created empty. */
export function createGroup(): HTMLUListElement {
  const group = document.createElement("ul");
  group.setAttribute("role", "group");
  group.className = "kb-map-group";
  return group;
}

/** The group holding an item's children, if they are shown. */
export function groupOf(element: HTMLElement): HTMLUListElement | null {
  return element.querySelector<HTMLUListElement>(":scope > ul[role='group']");
}

/** The tree item an item's group belongs to (undefined for a root). */
export function parentItem(element: HTMLElement): HTMLElement | undefined {
  return element.parentElement?.closest<HTMLElement>(treeItemSelector) ?? undefined;
}
