import { defineLazily, isLazyTag, LAZY_TAGS } from './lazy-elements.js';

/**
 * Defines the lazily loaded tags that a host writes into its own page (`<conv-thread>` beside
 * its own list, say), now and as they are added later. Tags inside a shadow root of the host's
 * own are out of sight: `defineLazily(tag)` defines them. Stops watching once every tag is defined.
 */
export function defineOnSight(document: Document): void {
  const selector = LAZY_TAGS.join(',');
  const define = (tag: string) => {
    if (!isLazyTag(tag) || customElements.get(tag)) return;
    defineLazily(tag).catch((error: unknown) => console.error(`[convkit] could not load <${tag}>; it is tried again when one is added; reload the page if it keeps failing.`, error));
  };
  const visit = (node: Node) => {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const element = node as Element;
    define(element.localName);
    for (const found of element.querySelectorAll(selector)) define(found.localName);
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) visit(node);
    if (LAZY_TAGS.every((tag) => customElements.get(tag))) observer.disconnect();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  visit(document.documentElement);
}
