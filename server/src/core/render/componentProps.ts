import type { PhrasingContent, RootContent } from "mdast";
import { jsxCode, mdastElement, textNode } from "./mdastElement";

/** A prop (or directive attribute) as it is shown: never as an attribute of the page, always as text. */
export type ShownProp =
  /** `name="value"`: the value as text. */
  | { kind: "text"; name: string; text: string }
  /** `name={...}`: the expression's source, shown as code and never evaluated. */
  | { kind: "expression"; name: string; source: string }
  /** `name` alone (JSX `true`). */
  | { kind: "flag"; name: string }
  /** `{...rest}`: the spread's source, shown as code. */
  | { kind: "spread"; source: string };

/** The attribute shapes of mdast-util-mdx-jsx, read structurally. */
export interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}

export function propsOfJsx(attributes: readonly JsxAttribute[]): ShownProp[] {
  return attributes.map((attribute): ShownProp => {
    if (attribute.type === "mdxJsxExpressionAttribute")
      return { kind: "spread", source: `{${String(attribute.value ?? "")}}` };
    const name = attribute.name ?? "";
    const value = attribute.value;
    if (value === null || value === undefined) return { kind: "flag", name };
    if (typeof value === "string") return { kind: "text", name, text: value };
    return { kind: "expression", name, source: `{${String((value as { value?: unknown }).value ?? "")}}` };
  });
}

/** A directive's attributes (`{#id .class key=value}`, as mdast-util-directive gives them). */
export function propsOfDirective(attributes: Record<string, string | null | undefined> | null | undefined) {
  return Object.entries(attributes ?? {}).map(
    ([name, value]): ShownProp =>
      value === null || value === undefined || value === ""
        ? { kind: "flag", name }
        : { kind: "text", name, text: value },
  );
}

/** The string-valued props, the only ones a reference resolver is given (an expression is never evaluated). */
export function textProps(props: readonly ShownProp[]): Record<string, string> {
  const texts: Record<string, string> = Object.create(null);
  for (const prop of props) if (prop.kind === "text") texts[prop.name] = prop.text;
  return texts;
}

/**
 * `span.kb-component-props` holding one `span.kb-component-prop` per prop: its name, `=`, and its value
 * as text (`span.kb-component-prop-value`) or as code (`code.kb-jsx`); nothing when there is no prop.
 */
export function propsElement(props: readonly ShownProp[]): RootContent[] {
  if (props.length === 0) return [];
  return [mdastElement("span", { className: ["kb-component-props"] }, props.map(propElement))];
}

function propElement(prop: ShownProp): RootContent {
  const parts: PhrasingContent[] = [];
  if (prop.kind !== "spread") parts.push(named(prop.name));
  if (prop.kind === "text")
    parts.push(
      textNode("="),
      mdastElement("span", { className: ["kb-component-prop-value"] }, [
        textNode(prop.text),
      ]) as PhrasingContent,
    );
  else if (prop.kind === "expression") parts.push(textNode("="), jsxCode(prop.source));
  else if (prop.kind === "spread") parts.push(jsxCode(prop.source));
  return mdastElement("span", { className: ["kb-component-prop"] }, parts);
}

function named(name: string): PhrasingContent {
  return mdastElement("span", { className: ["kb-component-prop-name"] }, [textNode(name)]) as PhrasingContent;
}
