// <conv-list> with 10,000 loaded conversations in headless Chromium: time to first render and
// frame times while scrolling, plus how many rows are in the DOM (the virtualizer's promise).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { configFromEnv, createServer, findWorkspaceBySlug, mintToken } from '@convkit/server';
import { generateConversations } from '@convkit/server/testing';

const COUNT = Number(process.env.CONVKIT_BENCH_ROWS ?? 10_000);
const dataDir = mkdtempSync(join(tmpdir(), 'convkit-bench-'));
const server = await createServer(configFromEnv({ CONVKIT_DATA_DIR: dataDir }, { host: '127.0.0.1', port: 0, demo: true, logLevel: 'silent' }), { seedDemo: true, logger: false });
const ws = await findWorkspaceBySlug(server.orm, 'demo');
await generateConversations(server.orm, ws.id, { conversations: COUNT - 22 });
const token = await mintToken(ws.signingSecret, { wsp: 'demo', sub: 'agent-1', name: 'Alex Rivera' }, 3600);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
await page.goto(`${server.url}/health`);
const result = await page.evaluate(async ({ url, token, count }) => {
  const { ConvClient } = await import('/convkit/v1/convkit.js');
  document.body.innerHTML = '';
  document.body.style.margin = '0';
  const client = new ConvClient({ url, token });
  await client.conversations.load();
  while (client.conversations.store.get().hasMore) await client.conversations.loadMore();
  const loaded = client.conversations.store.get().order.length;

  const list = document.createElement('conv-list');
  list.style.cssText = 'display:block;height:900px;width:420px';
  list.client = client;
  list.list = client.conversations.inbox;
  const start = performance.now();
  document.body.append(list);
  const rows = () => list.shadowRoot?.querySelectorAll('[role="option"]').length ?? 0;
  while (rows() === 0) await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(r));
  const firstRender = performance.now() - start;

  // The first screen renders before the virtualizer's chunk arrives; scrolling needs it.
  const findScroller = () => [list, ...list.shadowRoot.querySelectorAll('*')].find((el) => el.scrollHeight > el.clientHeight + 100 && getComputedStyle(el).overflowY !== 'visible');
  while (!findScroller()) await new Promise((r) => setTimeout(r, 20));
  const scroller = findScroller();
  const frames = [];
  let last = performance.now();
  for (let i = 0; i < 240; i++) {
    scroller.scrollTop += 400;
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  frames.sort((a, b) => a - b);
  return { loaded, firstRender, median: frames[frames.length >> 1], p95: frames[Math.floor(frames.length * 0.95)], max: frames.at(-1), domRows: rows(), scrolledTo: scroller.scrollTop };
}, { url: server.url, token, count: COUNT });

console.log(`<conv-list> with ${result.loaded.toLocaleString()} conversations loaded: first render ${result.firstRender.toFixed(1)} ms; scrolling 240 frames: median ${result.median.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, max ${result.max.toFixed(1)} ms per frame; ${result.domRows} rows in the DOM`);
await browser.close();
await server.close();
rmSync(dataDir, { recursive: true, force: true });
