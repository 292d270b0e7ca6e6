// <conv-thread> holding 5,000 loaded messages of every kind, in headless Chromium, from the
// bundle a host loads: first render, rows and nodes in its shadow DOM, scroll frames while
// reading up through the history, and jumps (a step of the scroll that moved the message in
// view by anything else than the step). Targets: first render <= 100 ms, a few dozen rows,
// frames at 60 fps, no jumps.
// Baseline, in the same run and page: a bare @lit-labs/virtualizer list of 5,000 plain rows
// (the text of the same messages), the floor a windowed feed built on Lit starts from.
// CONVKIT_BENCH_MESSAGES changes the 5,000.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { startTestServer, generateThread } from '@convkit/server/testing';
import { findWorkspaceBySlug } from '@convkit/server';

const MESSAGES = Number(process.env.CONVKIT_BENCH_MESSAGES ?? 5000);
const RUNS = 7;
const require = createRequire(import.meta.url);
const bundleDir = dirname(require.resolve('@convkit/elements/bundle'));
const elementsDir = dirname(dirname(bundleDir));

// The baseline's Lit and virtualizer, bundled as a host would (the elements' own pinned copies).
const baseline = await build({
  stdin: {
    contents: "export { html, render } from 'lit'; export { virtualize } from '@lit-labs/virtualizer/virtualize.js'; export { flow } from '@lit-labs/virtualizer/layouts/flow.js';",
    resolveDir: elementsDir,
    loader: 'js',
  },
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
});

const server = await startTestServer({ seed: 'demo' });
const workspace = await findWorkspaceBySlug(server.server.orm, 'demo');
const conversationId = await generateThread(server.server.orm, workspace.id, { messages: MESSAGES, phone: '+15550009999' });
const token = await server.token({ user: 'agent-1' });

const TYPES = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' };
const page = `<!doctype html><html><body style="margin:0"><div id="stage" style="height:800px;width:900px"></div></body></html>`;
const http = createServer(async (request, response) => {
  const path = new URL(request.url, 'http://localhost').pathname;
  try {
    if (path === '/') return response.writeHead(200, { 'content-type': TYPES['.html'] }).end(page);
    if (path === '/baseline.js') return response.writeHead(200, { 'content-type': TYPES['.js'] }).end(baseline.outputFiles[0].text);
    if (path.startsWith('/convkit/') && !path.includes('..')) {
      const body = await readFile(join(bundleDir, path.slice('/convkit/'.length)));
      return response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    }
    response.writeHead(404).end();
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${http.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});

try {
  const tab = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  await tab.goto(origin);
  // Loads every page of the thread into the client the element is given, as scrolling up would.
  const loaded = await tab.evaluate(async ({ url, token, id }) => {
    const convkit = await import('/convkit/convkit.js');
    await convkit.defineLazily('conv-thread');
    const client = new convkit.ConvClient({ url, token });
    globalThis.benchClient = client;
    const thread = client.threads.get(id);
    await new Promise((resolve) => {
      const stop = thread.subscribe((state) => state.status === 'ready' && resolve(stop));
    });
    while (thread.get().hasMoreBefore) await client.threads.loadOlder(id);
    return thread.get().messages.length;
  }, { url: server.url, token, id: conversationId });
  console.log(`${loaded.toLocaleString()} messages loaded into the client (generated on SQLite)`);

  const measure = (kind) =>
    tab.evaluate(
      async ({ kind, id, runs }) => {
        const stage = document.getElementById('stage');
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const lib = kind === 'baseline' ? await import('/baseline.js') : null;
        const messages = globalThis.benchClient.threads.get(id).get().messages;
        const mount = async () => {
          stage.replaceChildren();
          if (lib) {
            const outer = document.createElement('div');
            outer.style.cssText = 'height:800px;overflow:auto';
            const host = document.createElement('div');
            outer.append(host);
            stage.append(outer);
            lib.render(
              lib.virtualize({ items: messages, scroller: false, layout: lib.flow(), renderItem: (m) => lib.html`<div class="row" data-seq=${m.seq} style="padding:8px 16px"><b>${m.author.name}</b> ${m.subject ?? ''} ${m.body}</div>` }),
              host,
            );
            return { scroller: outer, root: host, rowSelector: '.row' };
          }
          const el = document.createElement('conv-thread');
          el.style.height = '800px';
          el.client = globalThis.benchClient;
          el.conversationId = id;
          stage.append(el);
          await el.updateComplete;
          return { scroller: el.shadowRoot.querySelector('.scroller'), root: el.shadowRoot, rowSelector: '.rows > *' };
        };
        // First render: from mounting to the end of the first frame with the rows painted.
        const firsts = [];
        let view;
        for (let i = 0; i < runs; i++) {
          stage.replaceChildren();
          await frame();
          const start = performance.now();
          view = await mount();
          await frame();
          firsts.push(performance.now() - start);
        }
        await frame();
        await frame();
        const rows = view.root.querySelectorAll(view.rowSelector).length;
        const nodes = view.root.querySelectorAll('*').length;
        // Reading up: 40 px a frame, 600 frames, watching the message in view.
        const { scroller } = view;
        scroller.scrollTop = scroller.scrollHeight;
        await frame();
        await frame();
        const intervals = [];
        let jumps = 0;
        let last = performance.now();
        const anchorOf = () => {
          const top = scroller.getBoundingClientRect().top;
          const row = [...view.root.querySelectorAll('[data-seq]')].find((r) => r.getBoundingClientRect().bottom > top + 1);
          return row ? { seq: row.dataset.seq, top: row.getBoundingClientRect().top } : null;
        };
        for (let i = 0; i < 600 && scroller.scrollTop > 0; i++) {
          const before = anchorOf();
          const from = scroller.scrollTop;
          scroller.scrollTop = from - 40;
          const moved = from - scroller.scrollTop;
          await new Promise((resolve) => requestAnimationFrame(resolve));
          const now = performance.now();
          intervals.push(now - last);
          last = now;
          await new Promise((resolve) => setTimeout(resolve, 0));
          const row = before && view.root.querySelector(`[data-seq="${before.seq}"]`);
          if (row && Math.abs(row.getBoundingClientRect().top - before.top - moved) > 1) jumps++;
        }
        const sorted = (xs) => [...xs].sort((a, b) => a - b);
        const pick = (xs, q) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
        return {
          first: pick(firsts, 0.5),
          rows,
          nodes,
          frameP50: pick(intervals, 0.5),
          frameP95: pick(intervals, 0.95),
          slow: intervals.filter((t) => t > 25).length,
          frames: intervals.length,
          jumps,
        };
      },
      { kind, id: conversationId, runs: RUNS },
    );

  const ours = await measure('thread');
  const floor = await measure('baseline');
  const row = (label, a, b, unit, digits = 1) =>
    console.log(`${label.padEnd(36)} ${a.toFixed(digits).padStart(9)} ${unit.padEnd(3)} baseline ${b.toFixed(digits).padStart(9)} ${unit.padEnd(3)} ratio ${(a / Math.max(b, 1e-9)).toFixed(2)}x`);
  console.log(`\n<conv-thread> vs bare @lit-labs/virtualizer, ${loaded.toLocaleString()} messages, median of ${RUNS} first renders`);
  row('first render (target <= 100 ms)', ours.first, floor.first, 'ms');
  row('rows in the DOM', ours.rows, floor.rows, '', 0);
  row('elements in the DOM', ours.nodes, floor.nodes, '', 0);
  row('scroll frame p50 (60 fps = 16.7 ms)', ours.frameP50, floor.frameP50, 'ms');
  row('scroll frame p95', ours.frameP95, floor.frameP95, 'ms');
  console.log(`${'frames over 25 ms'.padEnd(36)} ${String(ours.slow).padStart(9)} of ${ours.frames}   baseline ${String(floor.slow).padStart(6)} of ${floor.frames}`);
  console.log(`${'jumps while reading up (target 0)'.padEnd(36)} ${String(ours.jumps).padStart(9)}        baseline ${String(floor.jumps).padStart(6)}`);
} finally {
  await browser.close();
  http.close();
  await server.close();
}
