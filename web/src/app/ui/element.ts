type Child = Node | string | null | undefined | false;

/** Attributes set with setAttribute; `true` sets an empty attribute and `false` leaves it out. */
type Attributes = Record<string, string | number | boolean | undefined>;

/**
 * Creates an element with attributes and children. Text children become text nodes, so data from
 * the API is never parsed as HTML.
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter((child): child is Node | string => Boolean(child)));
  return node;
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, children: readonly Child[]): void {
  parent.replaceChildren(...children.filter((child): child is Node | string => Boolean(child)));
}

/** Returns the element with the id, and throws when the page does not contain it. */
export function requireElement<T extends HTMLElement>(
  id: string,
  type: new () => T,
  root: Document = document,
): T {
  const found = root.getElementById(id);
  if (!(found instanceof type)) throw new Error(`element #${id} is missing from the page`);
  return found;
}
