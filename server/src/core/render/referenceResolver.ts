/**
 * The hook through which a "reference component" (`<EntityLink id="E123">`, configured by the
 * references feature) is shown as a link to its entry instead of a labelled box.
 */

/** The entry a component refers to. */
export interface ResolvedReference {
  /** The entry's title: the link's text when the component has no children of its own. */
  title: string;
  /**
   * Where the entry is, written as a Markdown link in the page would be (a path relative to the page, a
   * site route, an absolute path in the workspace): the link is checked and made for the target exactly
   * like one, so an address that leads nowhere gives a broken link, never a live one.
   */
  href: string;
}

/**
 * Called for every component of an MDX page with its name and its string props (expression props are
 * never evaluated, so they are not given); a component it resolves is rendered as a link to the entry.
 */
export type ReferenceResolver = (
  component: string,
  props: Readonly<Record<string, string>>,
) => ResolvedReference | undefined;

/** What the renderer uses until the references feature provides one: no component is a reference. */
export const noReferences: ReferenceResolver = () => undefined;
