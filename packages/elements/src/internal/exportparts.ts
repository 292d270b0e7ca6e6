import { COMPOSITES, OWN_PARTS } from '../generated/parts.js';

/** Every part `tag` exposes: its own, then its children's as `<child part>-<part>`, all the way down. */
function partsOf(tag: string): string[] {
  const children = Object.entries(COMPOSITES[tag] ?? {});
  return [...(OWN_PARTS[tag]?.split(' ') ?? []), ...children.flatMap(([childPart, childTag]) => partsOf(childTag).map((part) => `${childPart}-${part}`))];
}

const cache = new Map<string, string>();

/**
 * The `exportparts` a composite gives the child it renders as `childPart`: each of the child's
 * parts, forwarded as `<childPart>-<part>` (`conv-inbox::part(list-row)`).
 */
export function exportparts(composite: string, childPart: string): string {
  const key = `${composite} ${childPart}`;
  let value = cache.get(key);
  if (value === undefined) {
    const childTag = COMPOSITES[composite]?.[childPart];
    value = childTag ? partsOf(childTag).map((part) => `${part}: ${childPart}-${part}`).join(', ') : '';
    cache.set(key, value);
  }
  return value;
}
