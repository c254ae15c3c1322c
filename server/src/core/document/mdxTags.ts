import type { Event, Token } from "micromark-util-types";
import { addComponent, definedNames, type UsedComponent } from "./mdxNames";

/** A tag being read: its name as the MDX tree spells it, and whether it closes or closes itself. */
interface Tag {
  token: Token;
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** An attribute or a self-closing slash in a closing tag: an error of the tree's. */
  malformed: boolean;
}

/** An element whose closing tag has not come yet: where it opened. */
interface OpenElement {
  name: string;
  type: string;
  /** The token holding the opening tag (undefined: the document). */
  parent: Token | undefined;
  /** List items begun in `parent` before the opening tag. */
  itemsBefore: number;
}

/** Where the walk stands: an entered token and the list items begun directly inside it. */
interface Frame {
  token: Token;
  items: number;
}

/**
 * A page's components and the names its ESM binds, read from micromark's tokens without building the
 * MDX tree (the tree costs as much again as the tokens: about 1 s on astro-docs' 420 pages), when the
 * page's tags certainly pair as the tree pairs them: each closing tag matches the last element still
 * open, in the same token and the same list item, with no attribute, and every element is closed.
 * Undefined otherwise (a tag closed in another paragraph, a stray or mismatched closing tag): the tree
 * then finds the error and words it as the MDX compiler does.
 */
export function readTagsOfEvents(
  events: Event[],
): { components: UsedComponent[]; defined: Set<string> } | undefined {
  const components: UsedComponent[] = [];
  const defined = new Set<string>();
  const open: OpenElement[] = [];
  const frames: Frame[] = [];
  let tag: Tag | undefined;
  for (const [kind, token, context] of events) {
    const type: string = token.type;
    if (kind === "enter") {
      if (type === "mdxJsxFlowTag" || type === "mdxJsxTextTag")
        tag = { token, name: "", closing: false, selfClosing: false, malformed: false };
      else if (tag) readTagPart(tag, type);
      if (type === "listItemPrefix" && frames.length > 0) frames[frames.length - 1].items++;
      frames.push({ token, items: 0 });
      continue;
    }
    frames.pop();
    if (tag && type.startsWith(tag.token.type + "Name")) {
      const part = type.slice(tag.token.type.length + "Name".length);
      if (part === "Primary") tag.name = context.sliceSerialize(token);
      else if (part === "Member") tag.name += "." + context.sliceSerialize(token);
      else if (part === "Local") tag.name += ":" + context.sliceSerialize(token);
    } else if (type === "mdxjsEsm") definedNames(context.sliceSerialize(token), defined);
    else if (tag && token === tag.token) {
      const frame = frames[frames.length - 1];
      const here = { parent: frame?.token, items: frame?.items ?? 0 };
      if (!pairs(tag, here, open, components)) return undefined;
      tag = undefined;
    }
  }
  return open.length === 0 ? { components, defined } : undefined;
}

/** Notes what an entered token inside a tag says about the tag. */
function readTagPart(tag: Tag, type: string): void {
  const part = type.slice(tag.token.type.length);
  if (part === "ClosingMarker") tag.closing = true;
  else if (part === "SelfClosingMarker") {
    if (tag.closing) tag.malformed = true;
    tag.selfClosing = true;
  } else if ((part === "Attribute" || part === "ExpressionAttribute") && tag.closing) tag.malformed = true;
}

/**
 * Takes a finished tag: an opening tag opens an element (and names a component), a closing tag closes
 * the last open element. False when the tree would pair it otherwise or refuse it.
 */
function pairs(
  tag: Tag,
  here: { parent: Token | undefined; items: number },
  open: OpenElement[],
  components: UsedComponent[],
): boolean {
  if (tag.malformed) return false;
  if (tag.closing) {
    const last = open.pop();
    return (
      last !== undefined &&
      last.name === tag.name &&
      last.type === tag.token.type &&
      last.parent === here.parent &&
      last.itemsBefore === here.items
    );
  }
  if (tag.name) addComponent(components, tag.name, tag.token.start.line - 1, tag.token.start.column);
  if (!tag.selfClosing)
    open.push({ name: tag.name, type: tag.token.type, parent: here.parent, itemsBefore: here.items });
  return true;
}
