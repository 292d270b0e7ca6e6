// The elements that composites render, each defined on first use from its define module under
// Convkit's own tag name, so that a composite registered under a host's own name still gets its
// parts. Those off the list's first screen (thread, composer, contact panel, row menu, bulk bar,
// the connection banner, and the unread badge, which sits in the host's nav rather than the
// inbox) are not in the bundle's initial download: rollup turns their import() below into chunks beside
// the bundle, fetched relative to it (import.meta.url). The others are in it already, which
// makes their import() here a no-op. Host bundlers split or inline them as they do any import().
import { lazyModule, type LazyModule } from './lazy-module.js';

const LOADERS = {
  'conv-list': () => import('../define/conv-list.js'),
  'conv-filter-bar': () => import('../define/conv-filter-bar.js'),
  'conv-view-tabs': () => import('../define/conv-view-tabs.js'),
  'conv-connection-status': () => import('../define/conv-connection-status.js'),
  'conv-thread': () => import('../define/conv-thread.js'),
  'conv-composer': () => import('../define/conv-composer.js'),
  'contact-panel': () => import('../define/contact-panel.js'),
  'conv-row-menu': () => import('../define/conv-row-menu.js'),
  'conv-bulk-bar': () => import('../define/conv-bulk-bar.js'),
  'conv-unread-badge': () => import('../define/conv-unread-badge.js'),
} satisfies Record<string, () => Promise<unknown>>;

export type LazyTag = keyof typeof LOADERS;

export const LAZY_TAGS = Object.keys(LOADERS) as LazyTag[];

const modules = new Map<LazyTag, LazyModule<unknown>>();

/**
 * Defines `tag` if it is not yet: resolves once it is. A failed download (offline, a deploy that
 * replaced the chunk) rejects and is forgotten, so the next use tries again.
 */
export async function defineLazily(tag: LazyTag): Promise<void> {
  if (customElements.get(tag)) return;
  let module = modules.get(tag);
  if (!module) modules.set(tag, (module = lazyModule(LOADERS[tag])));
  await module.load();
}

export function isLazyTag(tag: string): tag is LazyTag {
  return Object.hasOwn(LOADERS, tag);
}
