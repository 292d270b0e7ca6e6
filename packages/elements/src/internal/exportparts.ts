import type { ReactiveControllerHost } from 'lit';
import { COMPOSITES, OWN_PARTS } from '../generated/parts.js';
import { lazyModule } from './lazy-module.js';

/** The parts of the children loaded on first use (thread, composer, menus...), in a chunk of their own. */
const lazyParts = lazyModule(() => import('../generated/lazy-parts.js'));

/** Every part `tag` exposes: its own, then its children's as `<child part>-<part>`, all the way down. */
function partsOf(tag: string, lazy: Readonly<Record<string, string>>): string[] {
  const children = Object.entries(COMPOSITES[tag] ?? {});
  return [...((OWN_PARTS[tag] ?? lazy[tag])?.split(' ') ?? []), ...children.flatMap(([childPart, childTag]) => partsOf(childTag, lazy).map((part) => `${childPart}-${part}`))];
}

const cache = new Map<string, string>();

/**
 * The `exportparts` a composite gives the child it renders as `childPart`: each of the child's
 * parts, forwarded as `<childPart>-<part>` (`conv-inbox::part(list-row)`). Until the lazily
 * loaded children's parts are here, those it knows, and `host` renders again once they are.
 */
export function exportparts(composite: string, childPart: string, host?: ReactiveControllerHost): string {
  const key = `${composite} ${childPart}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const childTag = COMPOSITES[composite]?.[childPart];
  const lazy = lazyParts.value?.LAZY_PARTS;
  const value = childTag ? partsOf(childTag, lazy ?? {}).map((part) => `${part}: ${childPart}-${part}`).join(', ') : '';
  if (lazy) cache.set(key, value);
  // A failed download is tried again on the next render.
  else void lazyParts.load().then(() => host?.requestUpdate(), () => {});
  return value;
}
