// The Storybook a designer opens: the site `npm run build` wrote to storybook-static/, served by
// the demo server (as `npm start` runs it) at /storybook/, with stories getting their sessions
// from /demo/session. The theme and locale switches must reach the elements, and every element
// must have a docs page generated from custom-elements.json. That every story renders real data
// with no page error, each state story showing its state, is checked by storybook-screens.test.ts
// as it takes each story's pictures.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startDemoServer, type DemoServer } from './demo-server.js';
import { STATES, waitForStory, type IndexEntry } from './storybook-stories.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const built = new URL('../../storybook-static/index.html', import.meta.url);
const manifestFile = new URL('../../packages/elements/dist/custom-elements.json', import.meta.url);

describe('Storybook at /storybook/ on the demo server', async () => {
  let demo: DemoServer;
  let browser: Browser;
  let entries: IndexEntry[];

  before(async () => {
    // The site is what `npm run build` produced: this test checks that output, it builds nothing.
    assert.ok(existsSync(built), `no ${fileURLToPath(built)}: run \`npm run build\` in ${repoRoot} first`);
    demo = await startDemoServer();
    browser = await launchChromium();
    const response = await fetch(`${demo.url}/storybook/index.json`);
    assert.equal(response.status, 200, 'the server serves the built index');
    entries = Object.values(((await response.json()) as { entries: Record<string, IndexEntry> }).entries);
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('lists stories for each element and every state story', () => {
    const titles = new Set(entries.filter((e) => e.type === 'story').map((e) => e.title.split('/').pop()));
    for (const tag of ['conv-inbox', 'conv-list', 'conv-thread', 'conv-composer', 'contact-panel']) assert.ok(titles.has(tag), `a story for <${tag}>`);
    const ids = new Set(entries.map((e) => e.id));
    for (const id of Object.keys(STATES)) assert.ok(ids.has(id), `a story ${id}`);
  });

  it('switches the theme from the toolbar: the elements get the attribute and their colours change', async () => {
    const colours: Record<string, string> = {};
    for (const theme of ['light', 'dark']) {
      const page = await browser.newPage();
      // globals= in the URL is what the toolbar switch sets for the preview iframe.
      await page.goto(`${demo.url}/storybook/iframe.html?id=elements-conv-list--default&viewMode=story&globals=theme:${theme}`);
      await waitForStory(page, 'conv-list', { text: [] });
      const { attribute, colour } = await page.evaluate(() => {
        const list = document.querySelector('#storybook-root conv-list')!;
        const style = getComputedStyle(list.shadowRoot!.querySelector('[part~="list"]') ?? list);
        return { attribute: list.getAttribute('theme'), colour: `${style.color} / ${style.backgroundColor}` };
      });
      assert.equal(attribute, theme);
      colours[theme] = colour;
      await page.close();
    }
    assert.notEqual(colours['light'], colours['dark'], `light and dark differ: ${JSON.stringify(colours)}`);
  });

  it('switches the locale from the toolbar: Spanish, and Arabic right to left with the list mirrored', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.url}/storybook/iframe.html?id=elements-conv-list--default&viewMode=story&globals=locale:es`);
    const spanish = await waitForStory(page, 'conv-list', { text: [/Todas/, /No leídas/] });
    assert.ok(spanish.ok, `Spanish tabs; the story showed: ${spanish.seen}`);
    await page.goto(`${demo.url}/storybook/iframe.html?id=elements-conv-list--default&viewMode=story&globals=locale:ar`);
    const arabic = await waitForStory(page, 'conv-list', { text: [/الكل/, /غير مقروءة/] });
    assert.ok(arabic.ok, `Arabic tabs; the story showed: ${arabic.seen}`);
    const seen = await page.evaluate(() => {
      const list = document.querySelector('#storybook-root conv-list')!;
      const wrapper = list.closest('[lang]')!;
      const row = list.shadowRoot!.querySelector('[role="option"]')!;
      const at = (selector: string) => row.querySelector(selector)!.getBoundingClientRect().left;
      return { lang: wrapper.getAttribute('lang'), dir: wrapper.getAttribute('dir'), direction: getComputedStyle(list).direction, avatarRightOfTime: at('.avatar') > at('[part="time"]') };
    });
    assert.deepEqual(seen, { lang: 'ar', dir: 'rtl', direction: 'rtl', avatarRightOfTime: true });
    await page.close();
  });

  it('opens from the demo page: its Storybook link shows the site with a story rendered in its preview', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.url}/`);
    await page.getByRole('link', { name: 'Storybook' }).click();
    await page.waitForURL(/\/storybook\//);
    const frame = await (await page.waitForSelector('#storybook-preview-iframe')).contentFrame();
    // The manager opens the first entry, a story or a docs page: a Convkit element drawn there will do.
    const drawn = await frame!
      .waitForFunction(
        () =>
          [...document.querySelectorAll('#storybook-root *, #storybook-docs *')].some(
            (el) => /^(conv-|contact-panel$)/.test(el.localName) && customElements.get(el.localName) && (el.shadowRoot?.childNodes.length ?? 0) > 0,
          ),
        undefined,
        { timeout: 20_000 },
      )
      .then(() => true, () => false);
    assert.ok(drawn, 'the served manager loads its preview with a story');
    await page.close();
  });

  it('has a docs page for each element, generated from custom-elements.json', { timeout: 120_000 }, async () => {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { modules: Array<{ declarations?: Array<{ tagName?: string; attributes?: Array<{ name: string }>; members?: Array<{ name: string; kind: string; privacy?: string }> }> }> };
    const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
    const docs = new Map(entries.filter((e) => e.type === 'docs').map((e) => [e.title.split('/').pop()!, e.id]));
    const titles = new Set(entries.filter((e) => e.type === 'story').map((e) => e.title.split('/').pop()!));
    for (const element of elements.filter((d) => titles.has(d.tagName!))) {
      const id = docs.get(element.tagName!);
      assert.ok(id, `a docs entry for <${element.tagName}>`);
      // A documented name from the manifest must appear in the page's generated table.
      const name = element.attributes?.[0]?.name ?? element.members?.find((m) => m.kind === 'field' && m.privacy !== 'private')?.name;
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => void (/ResizeObserver loop/.test(error.message) || errors.push(error.message)));
      await page.goto(`${demo.url}/storybook/iframe.html?id=${id}&viewMode=docs`);
      const table = await page
        .waitForFunction((n) => {
          const text = document.querySelector('#storybook-docs table')?.textContent ?? '';
          return text.length > 0 && (!n || text.includes(n));
        }, name, { timeout: 15_000 })
        .then(() => true, () => false);
      assert.ok(table, `${id}: an API table naming "${name}"`);
      assert.deepEqual(errors, [], `${id}: no page errors`);
      await page.close();
    }
  });
});
