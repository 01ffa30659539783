/** Children `el()` accepts: elements, text, or nothing (skipped). */
export type Child = Node | string | null | undefined | false;

/**
 * `document.createElement` with attributes and children in one call, the whole of the site's
 * DOM helper: `el('a', { href: '#/' }, ['Home'])`. Empty-string attributes are left out.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== '') node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}
