// The one-tag bundle loads what the first screen shows and fetches the rest on first use, from
// chunks beside it on the Convkit server, on a host page of another origin.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { findWorkspaceBySlug, mintToken } from '@convkit/server';
import { launchChromium } from './browser.js';
import { startDemoServer, type DemoServer } from './demo-server.js';
import { serveStatic } from './static-server.js';

describe('the bundle and its chunks', () => {
  let demo: DemoServer;
  let browser: Browser;
  let host: { url: string; close(): Promise<void> };
  let token: string;
  let body = '';

  before(async () => {
    demo = await startDemoServer();
    browser = await launchChromium();
    const workspace = (await findWorkspaceBySlug(demo.server.orm, 'demo'))!;
    token = await mintToken(workspace.signingSecret, { wsp: 'demo', sub: 'agent-1' });
    host = await serveStatic(fileURLToPath(new URL('.', import.meta.url)), {
      '/host.html': async (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`);
      },
    });
  });
  after(async () => {
    await host?.close();
    await browser?.close();
    await demo?.close();
  });

  const bundle = () => `${demo.url}/convkit/v1/convkit.js`;
  // Rollup names a chunk <name>-<8-character hash>.js, and a hash may hold a "-" too.
  const chunkName = (url: string) => /\/chunks\/(.+)-[\w-]{8}\.js$/.exec(url)?.[1] ?? url;

  /** A host page with the bundle and `html`; records the chunks it asks for. */
  async function open(html: string, options: { blockChunks?: (url: string) => boolean } = {}): Promise<Page & { chunks: string[]; errors: string[] }> {
    body = `<script type="module" src="${bundle()}"></script><conv-provider url="${demo.url}" token="${token}">${html}</conv-provider>`;
    const page = Object.assign(await browser.newPage(), { chunks: [] as string[], errors: [] as string[] });
    page.on('pageerror', (error) => page.errors.push(error.message));
    await page.route(`${demo.url}/convkit/v1/chunks/**`, async (route) => {
      const url = route.request().url();
      page.chunks.push(chunkName(url));
      if (options.blockChunks?.(url)) await route.abort();
      else await route.continue();
    });
    await page.goto(`${host.url}/host.html`);
    return page;
  }

  it('shows a usable list from the initial download alone', async () => {
    const page = await open('<conv-list style="display:block;height:600px"></conv-list>', { blockChunks: () => true });
    const list = page.getByRole('listbox');
    await list.getByRole('option').first().waitFor();
    // Keyboard: the first row becomes active, Enter opens it.
    await page.evaluate(() => {
      document.querySelector('conv-list')!.addEventListener('conv-conversation-selected', (e) => (document.title = `opened ${(e as CustomEvent).detail.conversationId}`), { once: true });
    });
    await list.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.title.startsWith('opened '));
    assert.equal(await list.getByRole('option', { selected: true }).count(), 1, 'the opened row is marked');
    // Search narrows it, with every chunk refused.
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('zzzz-nothing-matches');
    await page.keyboard.press('Enter');
    await page.getByText(/No conversations match/).waitFor();
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('fetches the bulk bar and the row menu on first use, beside the bundle', async () => {
    const page = await open('<conv-list style="display:block;height:600px"></conv-list>');
    const list = page.getByRole('listbox');
    await list.getByRole('option').first().waitFor();
    await page.waitForFunction(() => !!customElements.get('conv-list'));
    assert.ok(!page.chunks.includes('conv-bulk-bar') && !page.chunks.includes('conv-row-menu'), `nothing off the first screen yet: ${page.chunks.join(', ')}`);

    await list.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('x');
    await page.getByRole('button', { name: 'Archive' }).waitFor();
    assert.ok(page.chunks.includes('conv-bulk-bar'), `the bulk bar's chunk: ${page.chunks.join(', ')}`);
    await page.keyboard.press('Escape');

    await page.keyboard.press('m');
    await page.getByRole('dialog', { name: /^Actions for / }).waitFor();
    assert.ok(page.chunks.includes('conv-row-menu'), `the row menu's chunk: ${page.chunks.join(', ')}`);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('says when a chunk could not be downloaded, and tries again on the next use', async () => {
    let refuse = true;
    const page = await open('<conv-list style="display:block;height:600px"></conv-list>', { blockChunks: (url) => refuse && chunkName(url) === 'conv-row-menu' });
    const list = page.getByRole('listbox');
    await list.getByRole('option').first().waitFor();
    await list.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('m');
    await page.getByRole('alert').getByText('Could not load the actions menu. Check the connection, then try again or reload the page.').waitFor();
    refuse = false;
    await list.focus();
    await page.keyboard.press('m');
    await page.getByRole('dialog', { name: /^Actions for / }).waitFor();
    await page.close();
  });

  it('exports defineLazily, which defines a lazy tag for a shadow root of the host, and every event class', async () => {
    const page = await open('<conv-list style="display:block;height:300px"></conv-list>');
    const found = await page.evaluate(async (url) => {
      const bundle = await import(url);
      await bundle.defineLazily('conv-composer');
      return { composer: typeof customElements.get('conv-composer'), events: ['ConvConversationSelectEvent', 'ConvConversationSelectedEvent', 'ConvSelectionChangeEvent', 'ConvMessageSendEvent', 'ConvMessageSentEvent', 'ConvBulkActionEvent', 'ConvBulkCompleteEvent'].filter((name) => typeof bundle[name] !== 'function') };
    }, bundle());
    assert.deepEqual(found, { composer: 'function', events: [] });
    await page.close();
  });

  it('defines the lazy tags a host writes into its own page, also later', async () => {
    const page = await open('<conv-list style="display:block;height:400px"></conv-list><div id="later"></div>');
    await page.getByRole('listbox').getByRole('option').first().waitFor();
    const id = await page.evaluate(() => (document.querySelector('conv-list') as unknown as { liveList: { store: { get(): { order: string[] } } } }).liveList.store.get().order[0]!);
    await page.evaluate((id) => {
      document.getElementById('later')!.innerHTML = `<conv-thread conversation-id="${id}" style="display:block;height:300px"></conv-thread><conv-composer conversation-id="${id}"></conv-composer>`;
    }, id);
    await page.getByRole('region', { name: /^Messages with / }).waitFor();
    await page.getByRole('textbox', { name: /message|reply/i }).first().waitFor();
    assert.ok(page.chunks.includes('conv-thread') && page.chunks.includes('conv-composer'), page.chunks.join(', '));
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});
