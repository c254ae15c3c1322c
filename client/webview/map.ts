/**
 * The map view's script: the taxonomy as a WAI-ARIA tree (roving tabindex, arrow keys, Home/End, Enter to
 * open, Space to expand or collapse). Lazy: only the expanded nodes' children are in the DOM; a node's
 * children are fetched from the extension the first time it is expanded (and kept for the next time).
 */
import type { MapViewItem } from "../../server/src/shared/protocol";
import { isMapHostMessage, type MapHostMessage, type MapViewMessage } from "./messages";
import { createGroup, createTreeItem, groupOf, parentItem, treeItemSelector } from "./mapTreeDom";
import { vscodeApi } from "./vscodeApi";

const vscode = vscodeApi<unknown>();
const root = document.getElementById("kb-root") as HTMLElement;
const tree = document.createElement("ul");
tree.setAttribute("role", "tree");
tree.setAttribute("aria-label", "Knowledge base map");
tree.className = "kb-map-tree";

/** Every node received, by folder URI. */
const items = new Map<string, MapViewItem>();
/** The children fetched so far, by the parent's folder URI. */
const childrenOf = new Map<string, MapViewItem[]>();
/** The nodes the user (or a reveal) expanded. */
const expanded = new Set<string>();
let roots: MapViewItem[] = [];
let selectedUri: string | undefined;

function post(message: MapViewMessage): void {
  vscode.postMessage(message);
}

function elementOf(uri: string): HTMLElement | undefined {
  return tree.querySelector<HTMLElement>(`${treeItemSelector}[data-uri="${CSS.escape(uri)}"]`) ?? undefined;
}

function remember(list: MapViewItem[]): void {
  for (const item of list) items.set(item.uri, item);
}

/** Builds an item, and its children's items when it is expanded and they are known (recursively). */
function buildItem(item: MapViewItem, level: number, position: number, size: number): HTMLLIElement {
  const element = createTreeItem(item, level, position, size);
  if (item.uri === selectedUri) markSelected(element);
  if (expanded.has(item.uri) && item.childCount > 0) showChildren(element, item.uri, level);
  return element;
}

/** Shows an expanded item's children (or marks it busy and asks for them). */
function showChildren(element: HTMLElement, uri: string, level: number): void {
  element.setAttribute("aria-expanded", "true");
  const children = childrenOf.get(uri);
  if (children === undefined) {
    element.setAttribute("aria-busy", "true");
    post({ type: "expand", uri });
    return;
  }
  element.removeAttribute("aria-busy");
  const group = createGroup();
  const fragment = document.createDocumentFragment();
  children.forEach((child, index) =>
    fragment.append(buildItem(child, level + 1, index + 1, children.length)),
  );
  group.append(fragment);
  groupOf(element)?.remove();
  element.append(group);
}

function levelOf(element: HTMLElement): number {
  return Number(element.getAttribute("aria-level")) || 1;
}

function expand(element: HTMLElement): void {
  const uri = element.dataset.uri;
  if (uri === undefined || element.getAttribute("aria-expanded") !== "false") return;
  expanded.add(uri);
  showChildren(element, uri, levelOf(element));
}

function collapse(element: HTMLElement): void {
  const uri = element.dataset.uri;
  if (uri === undefined || element.getAttribute("aria-expanded") !== "true") return;
  expanded.delete(uri);
  element.setAttribute("aria-expanded", "false");
  element.removeAttribute("aria-busy");
  groupOf(element)?.remove();
}

function toggle(element: HTMLElement): void {
  if (element.getAttribute("aria-expanded") === "true") collapse(element);
  else expand(element);
}

function markSelected(element: HTMLElement): void {
  element.setAttribute("aria-selected", "true");
  element.tabIndex = 0;
}

/** Selects an item: the only one in the tab order; focused if the view has the focus (or `focus` asks). */
function select(element: HTMLElement, options: { focus: boolean; center?: boolean }): void {
  for (const previous of tree.querySelectorAll<HTMLElement>(`${treeItemSelector}[aria-selected="true"]`)) {
    if (previous === element) continue;
    previous.setAttribute("aria-selected", "false");
    previous.tabIndex = -1;
  }
  markSelected(element);
  selectedUri = element.dataset.uri;
  const row = element.querySelector(".kb-map-row") ?? element;
  row.scrollIntoView({ block: options.center ? "center" : "nearest" });
  if (options.focus) element.focus({ preventScroll: true });
}

function open(element: HTMLElement): void {
  const item = items.get(element.dataset.uri ?? "");
  if (item?.fileUri) post({ type: "open", uri: item.fileUri });
  else toggle(element);
}

/** The items a person sees, top to bottom (collapsed children are not in the DOM). */
function visibleItems(): HTMLElement[] {
  return [...tree.querySelectorAll<HTMLElement>(treeItemSelector)];
}

function onKeyDown(event: KeyboardEvent): void {
  const current =
    event.target instanceof HTMLElement ? event.target.closest<HTMLElement>(treeItemSelector) : null;
  if (!current) return;
  const all = visibleItems();
  const index = all.indexOf(current);
  const move = (target: HTMLElement | undefined): void => {
    if (target) select(target, { focus: true });
  };
  switch (event.key) {
    case "ArrowDown":
      move(all[index + 1]);
      break;
    case "ArrowUp":
      move(all[index - 1]);
      break;
    case "Home":
      move(all[0]);
      break;
    case "End":
      move(all[all.length - 1]);
      break;
    case "ArrowRight":
      if (current.getAttribute("aria-expanded") === "false") expand(current);
      else if (current.getAttribute("aria-expanded") === "true")
        move(groupOf(current)?.querySelector<HTMLElement>(treeItemSelector) ?? undefined);
      break;
    case "ArrowLeft":
      if (current.getAttribute("aria-expanded") === "true") collapse(current);
      else move(parentItem(current));
      break;
    case "Enter":
      open(current);
      break;
    case " ":
      toggle(current);
      break;
    default:
      return;
  }
  event.preventDefault();
}

function onClick(event: MouseEvent): void {
  const target = event.target instanceof HTMLElement ? event.target : null;
  const element = target?.closest<HTMLElement>(treeItemSelector);
  if (!target || !element) return;
  select(element, { focus: true });
  if (target.closest(".kb-map-twisty")) toggle(element);
  else open(element);
}

/** Shows a tree from the extension: the roots, the given expansions (kept with the user's), the focus selected. */
function showTree(message: Extract<MapHostMessage, { type: "tree" }>): void {
  const previousRoots = roots;
  roots = message.roots;
  remember(roots);
  for (const [uri, children] of Object.entries(message.expanded)) {
    remember(children);
    childrenOf.set(uri, children);
    expanded.add(uri);
  }
  if (message.focusUri !== undefined) selectedUri = message.focusUri;
  // A reveal of a node already shown (the user opened it from here) changes nothing but the selection.
  const shown = selectedUri !== undefined ? elementOf(selectedUri) : undefined;
  if (shown && sameRoots(previousRoots, roots)) {
    select(shown, { focus: document.hasFocus(), center: false });
    return;
  }
  if (!buildTree()) return;
  const focus = (selectedUri !== undefined ? elementOf(selectedUri) : undefined) ?? visibleItems()[0];
  // Take the keyboard focus only when the view has it: a reveal must not pull it out of the editor.
  if (focus) select(focus, { focus: document.hasFocus(), center: true });
}

/** Builds the tree from the roots, with the expanded nodes' known children; false when there are no roots. */
function buildTree(): boolean {
  if (roots.length === 0) {
    const empty = document.createElement("p");
    empty.className = "kb-map-empty";
    empty.textContent =
      "No research map in this workspace: a map is a folder tree of Name/Name.md node files.";
    root.replaceChildren(empty);
    return false;
  }
  const fragment = document.createDocumentFragment();
  roots.forEach((item, index) => fragment.append(buildItem(item, 1, index + 1, roots.length)));
  tree.replaceChildren(fragment);
  if (tree.parentElement !== root) root.replaceChildren(tree);
  return true;
}

/** New counts for the roots: the tree is built again as it was (expansions, selection, keyboard focus). */
function showRoots(fresh: MapViewItem[]): void {
  if (sameItems(roots, fresh)) return;
  const hadFocus = tree.contains(document.activeElement);
  roots = fresh;
  remember(roots);
  if (!buildTree()) return;
  const selected = selectedUri !== undefined ? elementOf(selectedUri) : undefined;
  if (selected) select(selected, { focus: hadFocus, center: false });
}

function sameItems(a: MapViewItem[] | undefined, b: MapViewItem[]): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

function sameRoots(a: MapViewItem[], b: MapViewItem[]): boolean {
  return a.length === b.length && a.every((item, index) => item.uri === b[index].uri);
}

function showFetchedChildren(uri: string, children: MapViewItem[]): void {
  // A refresh after every change of problems mostly finds the same children: the group stays as it is.
  const unchanged = sameItems(childrenOf.get(uri), children);
  remember(children);
  childrenOf.set(uri, children);
  const element = elementOf(uri);
  if (!element || !expanded.has(uri) || (unchanged && element.getAttribute("aria-busy") !== "true")) return;
  // Rebuilding the group replaces the focused item when it lies inside: give the focus back to it.
  const hadFocus = groupOf(element)?.contains(document.activeElement) === true;
  showChildren(element, uri, levelOf(element));
  const selected = selectedUri !== undefined ? elementOf(selectedUri) : undefined;
  if (hadFocus && selected) select(selected, { focus: true });
}

/** Asks again for the children of every expanded node on screen; each answer replaces its group. */
function refreshExpanded(): void {
  for (const uri of expanded) if (elementOf(uri)) post({ type: "expand", uri });
}

window.addEventListener("message", (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isMapHostMessage(message)) return;
  if (message.type === "tree") showTree(message);
  else if (message.type === "refresh") refreshExpanded();
  else if (message.type === "roots") showRoots(message.roots);
  else showFetchedChildren(message.uri, message.items);
});
tree.addEventListener("keydown", onKeyDown);
tree.addEventListener("click", onClick);
post({ type: "ready" });
