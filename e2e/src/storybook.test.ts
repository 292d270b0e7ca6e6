// Every story, built as a host's designer would open it, must really render in Chromium: the
// element upgrades, draws its shadow DOM from real data, and the page throws nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '@convkit/server/testing';
import { launchChromium } from './browser.js';
import { serveStatic } from './static-server.js';

const run = promisify(execFile);
const elementsDir = fileURLToPath(new URL('../../packages/elements/', import.meta.url));

interface StoryIndex {
  entries: Record<string, { id: string; type: string; title: string; name: string }>;
}

describe('Storybook: every story renders', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'convkit-storybook-'));
  let api: TestServer;
  let site: { url: string; close(): Promise<void> };
  let browser: Browser;

  before(async () => {
    await run(join(elementsDir, 'node_modules', '.bin', 'storybook'), ['build', '-c', '../../.storybook', '-o', outDir, '--disable-telemetry', '--quiet'], {
      cwd: elementsDir,
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    api = await startTestServer({ seed: 'demo' });
    // The same session route `storybook dev` serves: stories get a token for the demo server.
    site = await serveStatic(outDir, {
      '/__convkit/session': async (_request, response) => {
        const token = await api.token({ user: 'agent-storybook', name: 'Alex Rivera' });
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: api.url, token }));
      },
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    await api?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('lists a story for each element', () => {
    const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')) as StoryIndex;
    const titles = new Set(Object.values(index.entries).filter((e) => e.type === 'story').map((e) => e.title.split('/').pop()));
    for (const tag of ['conv-inbox', 'conv-list', 'conv-thread', 'conv-composer', 'contact-panel']) assert.ok(titles.has(tag), `a story for <${tag}>`);
  });

  // Each story is a full page load of Storybook's iframe: 3 to 10 s each on a 2-core machine, so
  // about 30 stories take 70 to 80 s alone, past the suite's 120 s default when the machine is busy.
  it('renders each story with real data and no page error', { timeout: 300_000 }, async () => {
    const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')) as StoryIndex;
    const stories = Object.values(index.entries).filter((e) => e.type === 'story');
    assert.ok(stories.length >= 5);
    for (const story of stories) {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => {
        // Chromium reports this benign virtualizer notification as an error (w3c/csswg-drafts#5488).
        if (!/ResizeObserver loop/.test(error.message)) errors.push(error.message);
      });
      await page.goto(`${site.url}/iframe.html?id=${story.id}&viewMode=story`);
      const tag = story.title.split('/').pop()!;
      const rendered = await page.waitForFunction(
        (name) => {
          const el = document.querySelector('#storybook-root ' + name) ?? document.querySelector(name);
          // Upgraded (defined), not a bare unknown tag.
          if (!el || !customElements.get(name)) return false;
          // The text a user sees, through nested shadow roots (the inbox is made of the parts).
          let text = '';
          let busy = false;
          const walk = (node: Node) => {
            if (node instanceof Element) {
              if (node.getAttribute('aria-busy') === 'true') busy = true;
              if (node.shadowRoot) walk(node.shadowRoot);
            }
            if (node.nodeType === Node.TEXT_NODE && node.parentElement?.tagName !== 'STYLE') text += node.textContent;
            node.childNodes.forEach(walk);
          };
          walk(el);
          // Drawn from data, and past its loading state.
          return text.trim().length > 0 && !busy;
        },
        tag,
        { timeout: 10_000 },
      ).then(() => true, () => false);
      assert.ok(rendered, `${story.id}: <${tag}> rendered`);
      assert.deepEqual(errors, [], `${story.id}: no page errors`);
      await page.close();
    }
  });
});
