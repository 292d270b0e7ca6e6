// The snippets docs/embedding.md and the elements README show, run as written on a host page
// of another origin against a real server. Only what a host must fill in is replaced: the
// server's origin (inbox.example.com), the `…` placeholders, and the host's own functions
// (`getToken`, `showSignInPrompt`), defined before the snippet runs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { findWorkspaceBySlug, mintToken } from '@convkit/server';
import { launchChromium } from './browser.js';
import { startDemoServer, type DemoServer } from './demo-server.js';
import { serveStatic } from './static-server.js';
import { blocks } from './doc-blocks.js';


describe('the embedding snippets, as the docs show them', () => {
  let demo: DemoServer;
  let browser: Browser;
  let host: { url: string; close(): Promise<void> };
  let token: string;
  const pages: Record<string, string> = {};

  before(async () => {
    demo = await startDemoServer();
    browser = await launchChromium();
    const workspace = (await findWorkspaceBySlug(demo.server.orm, 'demo'))!;
    token = await mintToken(workspace.signingSecret, { wsp: 'demo', sub: 'agent-1' });
    const routes = Object.fromEntries(
      ['/one-tag.html', '/theming.html', '/languages-es.html', '/languages-fr.html', '/readme.html', '/elements-readme.html', '/sections.html', '/sections-sdk.html', '/token-refused.html', '/readme-sections.html'].map((path) => [
        path,
        async (_request: unknown, response: import('node:http').ServerResponse) => {
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[path]);
        },
      ]),
    );
    // The host backend's token route that the README's tokenProvider calls.
    routes['/my-backend/convkit-token'] = async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(token);
    };
    host = await serveStatic(fileURLToPath(new URL('.', import.meta.url)), routes);
  });
  after(async () => {
    await host?.close();
    await browser?.close();
    await demo?.close();
  });

  const server = () => demo.url;
  const bundle = () => `${server()}/convkit/v1/convkit.js`;
  /** The host's own token function, as its backend would answer. */
  const hostFunctions = () => `<script>window.getToken = async () => ${JSON.stringify(token)}; window.showSignInPrompt = () => { document.title = 'sign in'; };</script>`;

  async function open(path: string, html: string): Promise<Page> {
    pages[path] = `<!doctype html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`;
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${host.url}${path}`);
    (page as Page & { errors: string[] }).errors = errors;
    return page;
  }

  it('one script tag: the inbox on a page of another origin', async () => {
    const [snippet] = blocks('docs/embedding.md', '## One script tag', 'html');
    const page = await open('/one-tag.html', hostFunctions() + snippet!.replaceAll('https://inbox.example.com', server()));
    await page.getByRole('listbox').getByRole('option').first().waitFor();
    assert.deepEqual((page as Page & { errors: string[] }).errors, []);
    await page.close();
  });

  it("theming: the docs' dark reference tokens restyle the inbox, and its part selectors reach two levels in", async () => {
    const css = blocks('docs/embedding.md', '## Theming', 'css').join('\n');
    const page = await open('/theming.html', `<style>${css}</style><script type="module" src="${bundle()}"></script><div class="crm-dark"><conv-inbox url="${server()}" token="${token}" style="display:block;height:600px"></conv-inbox></div>`);
    await page.getByRole('listbox').getByRole('option').first().waitFor();
    const styles = await page.evaluate(() => {
      const list = document.querySelector('conv-inbox')!.shadowRoot!.querySelector('conv-list')!;
      const row = list.shadowRoot!.querySelector('[part~="row"]')!;
      const search = list.shadowRoot!.querySelector('conv-filter-bar')!.shadowRoot!.querySelector('[part="search-input"]')!;
      return { row: getComputedStyle(row).borderBottomColor, search: getComputedStyle(search).borderTopLeftRadius, text: getComputedStyle(row).color, surface: getComputedStyle(list).backgroundColor };
    });
    // The part rules, and the host's dark reference tokens throughout.
    assert.deepEqual(styles, { row: 'rgb(229, 231, 235)', search: '999px', text: 'rgb(236, 236, 241)', surface: 'rgb(30, 31, 36)' });
    await page.close();
  });

  it('languages: lang="es" gives the shipped Spanish; a host registers French, and what it leaves out stays English', async () => {
    const [spanish, french] = blocks('docs/embedding.md', '## Languages', 'html').map((snippet) => snippet.replaceAll('https://inbox.example.com', server()).replaceAll('token="…"', `token="${token}"`));
    const tabs = (page: Page) => page.getByRole('tablist').getByRole('tab');
    const es = await open('/languages-es.html', spanish!);
    await es.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option').first().waitFor();
    await tabs(es).filter({ hasText: 'No leídas' }).waitFor();
    assert.equal(await es.getByRole('searchbox').getAttribute('placeholder'), 'Buscar nombres, teléfonos, mensajes');
    assert.deepEqual((es as Page & { errors: string[] }).errors, []);
    await es.close();

    const fr = await open('/languages-fr.html', french!);
    await fr.getByRole('listbox').getByRole('option').first().waitFor();
    await tabs(fr).filter({ hasText: 'Toutes' }).waitFor();
    await tabs(fr).filter({ hasText: 'Starred' }).waitFor();
    assert.equal(await fr.getByRole('searchbox').getAttribute('placeholder'), 'Rechercher un nom, un numéro, un message');
    await fr.getByRole('searchbox').fill('zzzz-nobody');
    await fr.getByRole('searchbox').press('Enter');
    await fr.getByText('Aucune conversation ne correspond à « zzzz-nobody »').waitFor();
    // The docs' `await loadTranslation('es')` on a page that has not needed Spanish: it downloads
    // it once, and an element switched to Spanish then speaks it with nothing more to fetch.
    const spanishChunks: string[] = [];
    fr.on('request', (request) => /\/chunks\/es-[\w-]+\.js$/.test(request.url()) && spanishChunks.push(request.url()));
    await fr.evaluate(async (url) => {
      const { loadTranslation } = await import(url);
      await loadTranslation('es');
    }, bundle());
    assert.equal(spanishChunks.length, 1, 'the Spanish chunk, once');
    await fr.evaluate(() => document.querySelector('conv-inbox')!.setAttribute('lang', 'es'));
    await fr.getByRole('tablist').getByRole('tab').filter({ hasText: 'Todas' }).waitFor();
    assert.equal(spanishChunks.length, 1, 'nothing more to fetch');
    assert.deepEqual((fr as Page & { errors: string[] }).errors, []);
    await fr.close();
  });

  it("the README's embedding: the inbox, with a token from the host's backend", async () => {
    const [snippet] = blocks('README.md', '## Embedding', 'html');
    const page = await open('/readme.html', snippet!.replaceAll('https://inbox.example.com', server()));
    await page.getByRole('listbox').getByRole('option').first().waitFor();
    assert.deepEqual((page as Page & { errors: string[] }).errors, []);
    await page.close();
  });

  it("the elements README's first lines: one tag and the inbox with a token", async () => {
    const [snippet] = blocks('packages/elements/README.md', '# @convkit/elements', 'html');
    const page = await open('/elements-readme.html', snippet!.replaceAll('https://inbox.example.com', server()).replace('…a user token from your backend…', token));
    await page.getByRole('listbox').getByRole('option').first().click();
    // The thread pane comes from its chunk, beside the bundle on the Convkit server.
    await page.getByRole('region', { name: /^Messages with / }).waitFor();
    assert.deepEqual((page as Page & { errors: string[] }).errors, []);
    await page.close();
  });

  it('sections on one client, with the elements', async () => {
    const [snippet] = blocks('docs/embedding.md', '## Sections on one client', 'html');
    const wiring = `<script type="module">import { ConvClient } from '${bundle()}'; convkit.client = new ConvClient({ url: '${server()}', tokenProvider: getToken });</script>`;
    const page = await open('/sections.html', hostFunctions() + `<script type="module" src="${bundle()}"></script>` + snippet! + wiring);
    for (const name of ['Inspectors', 'Agents', 'Clients']) await page.getByRole('listbox', { name }).getByRole('option').first().waitFor();
    assert.deepEqual((page as Page & { errors: string[] }).errors, []);
    await page.close();
  });

  it('sections on one client, with the SDK', async () => {
    const [snippet] = blocks('docs/embedding.md', '## Sections on one client', 'js');
    const page = await open(
      '/sections-sdk.html',
      hostFunctions() +
        `<script type="module">import { ConvClient } from '${bundle()}'; const client = new ConvClient({ url: '${server()}', tokenProvider: getToken });\n${snippet}\nwindow.sections = sections;</script>`,
    );
    await page.waitForFunction(() => {
      const lists = (window as unknown as { sections?: { store: { get(): { status: string; order: string[] } } }[] }).sections;
      return lists?.length === 3 && lists.every((list) => list.store.get().status === 'ready' && list.store.get().order.length > 0);
    });
    await page.close();
  });

  it('a refused token reaches the host through onTokenRefused', async () => {
    const [snippet] = blocks('docs/embedding.md', '## When the connection drops or the token is refused', 'js');
    const page = await open(
      '/token-refused.html',
      hostFunctions() + `<script type="module">import { ConvClient } from '${bundle()}'; const client = new ConvClient({ url: '${server()}', token: 'refused' });\n${snippet}</script>`,
    );
    await page.waitForFunction(() => document.title === 'sign in');
    await page.close();
  });

  it("the elements README's sections and badge in one provider", async () => {
    const snippet = blocks('packages/elements/README.md', '## The list as a triage queue', 'html').find((block) => block.includes('conv-provider'))!;
    const filled = snippet.replace('url="…"', `url="${server()}"`).replace('token="…"', `token="${token}"`);
    const page = await open('/readme-sections.html', `<script type="module" src="${bundle()}"></script>` + filled);
    for (const group of ['inspector', 'agent', 'client']) await page.locator(`conv-list[group="${group}"]`).getByRole('listbox').getByRole('option').first().waitFor();
    await page.locator('conv-unread-badge').getByText(/unread/).waitFor().catch(async (error: Error) => {
      // What the badge and its client showed, should the badge never appear.
      const seen = await page.evaluate(() => {
        const client = (document.querySelector('conv-provider') as unknown as { client?: { status: { get(): string }; unread: { get(): number | null } } }).client;
        return { count: (document.querySelector('conv-unread-badge') as unknown as { count: number | null }).count, status: client?.status.get(), unread: client?.unread.get() };
      });
      throw new Error(`${error.message}\nbadge: ${JSON.stringify(seen)}`);
    });
    assert.deepEqual((page as Page & { errors: string[] }).errors, []);
    await page.close();
  });
});
