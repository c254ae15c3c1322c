import type { Parents, PhrasingContent, Root, RootContent } from "mdast";
import { propsElement, propsOfDirective } from "./componentProps";
import { mdastElement, paragraph, textNode } from "./mdastElement";

/** The callouts sites give a title and a colour (Starlight's asides, Docusaurus' admonitions), by directive name. */
export const calloutTitles: Readonly<Record<string, string>> = {
  note: "Note",
  tip: "Tip",
  caution: "Caution",
  danger: "Danger",
  warning: "Warning",
};

/** A directive of mdast-util-directive, read structurally. */
interface DirectiveNode {
  type: "containerDirective" | "leafDirective" | "textDirective";
  name: string;
  attributes?: Record<string, string | null | undefined> | null;
  children: RootContent[];
  position?: RootContent["position"];
}

const directiveTypes = new Set(["containerDirective", "leafDirective", "textDirective"]);

/**
 * Replaces the directives of a parsed text (remark-directive) by what a reader sees:
 * - `:::note` (`tip`, `caution`, `danger`, `warning`) is a callout `div.kb-callout.kb-callout-<name>`: a
 *   title (`p.kb-callout-title`: the label of `:::note[Custom title]`, else the name's title), then
 *   the content; any other name is a neutral `div.kb-callout.kb-callout-other` titled with its name (and
 *   label), its attributes listed as text.
 * - A leaf (`::name[label]`) or text (`:name[label]`) directive shows its label, with the directive's
 *   name in a tooltip; one without a label shows its source as text (`JSON:API` parses as a text
 *   directive `:API`), so nothing written is ever dropped.
 * No attribute of a directive ever becomes an attribute of the page. `source` is the parsed text
 * (positions are offsets into it).
 */
export function renderDirectives(tree: Root, source: string): void {
  const visit = (parent: Parents): void => {
    if (!parent.children.some((child) => directiveTypes.has(child.type))) {
      for (const child of parent.children) if ("children" in child) visit(child);
      return;
    }
    const children = parent.children.map((child) =>
      directiveTypes.has(child.type) ? shown(child as unknown as DirectiveNode, source) : child,
    );
    parent.children = children as never;
    for (const child of children) if ("children" in child) visit(child);
  };
  visit(tree);
}

function shown(node: DirectiveNode, source: string): RootContent {
  if (node.type === "containerDirective") return callout(node);
  const label = node.children;
  if (label.length === 0) {
    const text = textNode(sourceOf(node, source));
    return node.type === "leafDirective" ? paragraph([text], node.position) : text;
  }
  const title = `${node.type === "leafDirective" ? "::" : ":"}${node.name}`;
  return node.type === "leafDirective"
    ? mdastElement("p", { className: ["kb-directive"], title }, label, node.position)
    : mdastElement("span", { className: ["kb-directive"], title }, label, node.position);
}

function callout(node: DirectiveNode): RootContent {
  const [first, ...rest] = node.children;
  const hasLabel =
    first?.type === "paragraph" && (first.data as { directiveLabel?: boolean })?.directiveLabel;
  const label: PhrasingContent[] = hasLabel ? first.children : [];
  const content = hasLabel ? rest : node.children;
  const known = Object.hasOwn(calloutTitles, node.name);
  const titleContent: RootContent[] = known
    ? label.length > 0
      ? label
      : [textNode(calloutTitles[node.name])]
    : [
        mdastElement("span", { className: ["kb-callout-name"] }, [textNode(node.name)]),
        ...(label.length > 0 ? [textNode(" "), ...label] : []),
        ...propsElement(propsOfDirective(node.attributes)),
      ];
  const title = mdastElement("p", { className: ["kb-callout-title"] }, titleContent, first?.position);
  const kind = known ? node.name : "other";
  return mdastElement(
    "div",
    { className: ["kb-callout", `kb-callout-${kind}`] },
    [title, ...content],
    node.position,
  );
}

/** The directive as written, from its position in the parsed text (its name if the position is missing). */
function sourceOf(node: DirectiveNode, source: string): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start !== undefined && end !== undefined) return source.slice(start, end);
  return `${node.type === "leafDirective" ? "::" : ":"}${node.name}`;
}
