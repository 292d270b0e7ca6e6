// What the Storybook tests share: the stories' index entries, what each state story must show,
// a switch to another story in the same page, and a wait for a story to be drawn.
import type { Page } from 'playwright-core';

export interface IndexEntry {
  id: string;
  type: string;
  title: string;
  name: string;
}

/** What a state story must show, beyond "rendered": text the user sees (aria-labels included). */
export interface Expectation {
  text: RegExp[];
  /** The loading state: aria-busy stays true (every other story must get past it). */
  busy?: boolean;
}

export const LONG_NAME = /Featherstonehaugh-Wolfeschlegelsteinhausen/;
export const STATES: Record<string, Expectation> = {
  'elements-conv-list--loading': { text: [/Loading conversations/], busy: true },
  'elements-conv-list--empty-workspace': { text: [/No conversations yet\./] },
  'elements-conv-list--empty-view': { text: [/No starred conversations\./] },
  'elements-conv-list--no-matches': { text: [/No conversations match “zebra crossing”/, /Clear filters/] },
  'elements-conv-list--refused': { text: [/Could not load conversations/, /Retry/] },
  'elements-conv-list--ten-thousand-rows': { text: [/999\+/, /Select all 10,000 matching/, LONG_NAME] },
  'elements-conv-list--long-names': { text: [LONG_NAME] },
  'elements-conv-thread--long-names': { text: [LONG_NAME] },
  'elements-contact-panel--long-name': { text: [LONG_NAME] },
  'elements-conv-thread--every-message-kind': {
    text: [/\bSMS\b/, /\bMMS\b/, /WhatsApp/, /Email/, /Live chat/, /Facebook Messenger/, /Instagram/, /Incoming call/, /Prefers WhatsApp/, /Viewing booked/],
  },
  'elements-conv-connection-status--offline': { text: [/Offline\. Messages will not update/] },
  'elements-conv-connection-status--reconnecting': { text: [/Connection lost\. Reconnecting/] },
  'elements-conv-inbox--offline': { text: [/Connection lost\. Reconnecting/] },
  'elements-conv-inbox--empty-workspace': { text: [/No conversations yet\./] },
};

/**
 * Waits until the story's element is defined and drawn: past loading (or in it, for the loading
 * story) with every expected text visible through nested shadow roots. Returns what it last saw.
 */
export async function waitForStory(page: Page, tag: string, expectation: Expectation): Promise<{ ok: boolean; seen: string }> {
  const sources = expectation.text.map((r) => r.source);
  const handle = await page
    .waitForFunction(
      ({ name, sources, busyWanted }) => {
        const el = document.querySelector('#storybook-root ' + name) ?? document.querySelector(name);
        if (!el || !customElements.get(name)) return false;
        let text = '';
        let busy = false;
        const walk = (node: Node) => {
          if (node instanceof Element) {
            if (node.getAttribute('aria-busy') === 'true') busy = true;
            // Icons name their channel by aria-label: part of what a screen reader user gets.
            const label = node.getAttribute('aria-label');
            if (label) text += ` ${label} `;
            if (node.shadowRoot) walk(node.shadowRoot);
          }
          if (node.nodeType === Node.TEXT_NODE && node.parentElement?.tagName !== 'STYLE') text += node.textContent;
          node.childNodes.forEach(walk);
        };
        walk(el);
        (window as unknown as { lastSeen: string }).lastSeen = text.replace(/\s+/g, ' ').slice(0, 600);
        return text.trim().length > 0 && busy === busyWanted && sources.every((s) => new RegExp(s).test(text));
      },
      { name: tag, sources, busyWanted: expectation.busy === true },
      { timeout: 15_000 },
    )
    .then(() => true, () => false);
  const seen = await page.evaluate(() => (window as unknown as { lastSeen?: string }).lastSeen ?? '');
  return { ok: handle, seen };
}

/**
 * Shows another story in the page's preview, as the manager's sidebar does: through the preview's
 * channel, waiting for Storybook to say it rendered (loaders and render ran) or failed. Storybook
 * reloads the page to leave a story still rendering, so the switch waits for the current render
 * to finish first; should a reload happen anyway, the page comes back on the story asked for.
 */
export async function showStory(page: Page, storyId: string): Promise<void> {
  try {
    await page.evaluate(
      (id) =>
        new Promise<void>((resolve, reject) => {
          type Listener = (event: unknown) => void;
          const scope = window as unknown as {
            __STORYBOOK_ADDONS_CHANNEL__: { on(e: string, l: Listener): void; off(e: string, l: Listener): void; emit(e: string, v: unknown): void };
            __STORYBOOK_PREVIEW__?: { currentRender?: { isPending(): boolean; isPreparing(): boolean } };
          };
          const channel = scope.__STORYBOOK_ADDONS_CHANNEL__;
          const finish = (error?: unknown) => {
            channel.off('storyRendered', rendered);
            channel.off('storyErrored', errored);
            channel.off('storyThrewException', errored);
            if (error) reject(new Error(`${id}: ${JSON.stringify(error)}`));
            else resolve();
          };
          const rendered: Listener = (renderedId) => void (renderedId === id && finish());
          const errored: Listener = (error) => finish(error ?? 'failed');
          const settled = () => {
            const current = scope.__STORYBOOK_PREVIEW__?.currentRender;
            return !current || (!current.isPending() && !current.isPreparing());
          };
          const go = () => {
            if (!settled()) return void setTimeout(go, 20);
            channel.on('storyRendered', rendered);
            channel.on('storyErrored', errored);
            channel.on('storyThrewException', errored);
            channel.emit('setCurrentStory', { storyId: id, viewMode: 'story' });
          };
          go();
        }),
      storyId,
    );
  } catch (error) {
    if (!/Execution context was destroyed|navigation/i.test(String(error))) throw error;
    await page.waitForLoadState('load');
    if (!page.url().includes(`id=${storyId}`)) await page.goto(page.url().replace(/id=[^&]+/, `id=${storyId}`));
  }
}
