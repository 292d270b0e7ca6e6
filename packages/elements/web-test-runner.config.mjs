// Element tests in real headless Chromium against a real Convkit server: one test server
// (SQLite in a temp dir, seeded with the demo workspace) for the whole run. Tests reach it
// through two small routes served by WTR itself:
//   GET  /__convkit/session?user=agent-1  -> { url, token }   a token for that agent
//   GET  /__convkit/session?user=agent-1&workspace=slug   (workspace: optional, default demo)
//   POST /__convkit/workspace {slug, limits?} -> a new, empty workspace (limits: its own rate limits)
//   POST /__convkit/simulate-sms {from, body, whatsapp?} -> the server's answer   an inbound SMS (or WhatsApp) through the real webhook
//   GET  /__convkit/sockets?userId=…  -> { sockets }   how many sockets that agent has open now
//   POST /__convkit/long-thread {messages, phone} -> { conversationId }   one conversation of that many items, written straight in
//   POST /__convkit/email {phone, email, subject, text, html} -> { conversationId }   an inbound email with an HTML body
//   POST /__convkit/via-api {conversationId, body} -> the message   sent as the host's backend would: REST with an API key
//   GET  /__convkit/pixel?key=…  -> a 1x1 GIF, counted;  GET /__convkit/pixel-hits?key=… -> { hits }   a sender's tracking picture
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';

/** @type {import('@convkit/server/testing').TestServer | undefined} */
let server;

function convkitServer() {
  return {
    name: 'convkit-test-server',
    async serverStart() {
      const { startTestServer } = await import('@convkit/server/testing');
      server = await startTestServer({ seed: 'demo', adminKey: ADMIN_KEY });
    },
    async serverStop() {
      await server?.close();
      server = undefined;
      apiKey = undefined;
    },
  };
}

/** The test server's admin key: the routes below issue API keys with it, as an operator would. */
const ADMIN_KEY = 'elements-tests-admin-key-0123456789abcdef';
/** The host backend's API key, issued on first use. */
let apiKey;

async function hostBackendKey() {
  if (apiKey) return apiKey;
  const response = await fetch(`${server.url}/v1/admin/workspaces/demo/api-keys`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'CRM sync', scopes: ['messages:write'] }) });
  apiKey = (await response.json()).key;
  return apiKey;
}

/** Requests for each tracking picture, by its key: what a sender would see of a read. */
const pixelHits = new Map();

async function readJson(req) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return raw ? JSON.parse(raw) : {};
}

async function convkitRoutes(ctx, next) {
  if (!ctx.path.startsWith('/__convkit/')) return next();
  if (!server) {
    ctx.status = 503;
    ctx.body = { error: 'the test server is not running' };
    return;
  }
  try {
    if (ctx.path === '/__convkit/session' && ctx.method === 'GET') {
      const user = ctx.query.user || 'agent-1';
      const claims = { user: String(user) };
      if (ctx.query.workspace) claims.workspace = String(ctx.query.workspace);
      if (ctx.query.name) claims.name = String(ctx.query.name);
      if (ctx.query.role) claims.role = String(ctx.query.role);
      ctx.body = { url: server.url, token: await server.token(claims) };
      return;
    }
    if (ctx.path === '/__convkit/workspace' && ctx.method === 'POST') {
      const { slug, limits } = await readJson(ctx.req);
      await server.createWorkspace(String(slug), limits);
      ctx.body = { slug };
      return;
    }
    if (ctx.path === '/__convkit/simulate-sms' && ctx.method === 'POST') {
      const { from, body, whatsapp } = await readJson(ctx.req);
      ctx.body = (await server.simulateSms({ from, body, ...(whatsapp ? { whatsapp } : {}) })) ?? { ok: true };
      return;
    }
    if (ctx.path === '/__convkit/via-api' && ctx.method === 'POST') {
      const { conversationId, body } = await readJson(ctx.req);
      const response = await fetch(`${server.url}/v1/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await hostBackendKey()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: `api-${Math.random().toString(36).slice(2, 12)}`, body }),
      });
      ctx.status = response.status;
      ctx.body = await response.json();
      return;
    }
    if (ctx.path === '/__convkit/long-thread' && ctx.method === 'POST') {
      const { messages, phone } = await readJson(ctx.req);
      const { generateThread } = await import('@convkit/server/testing');
      const { findWorkspaceBySlug } = await import('@convkit/server');
      const workspace = await findWorkspaceBySlug(server.server.orm, 'demo');
      ctx.body = { conversationId: await generateThread(server.server.orm, workspace.id, { messages: Number(messages), phone: String(phone) }) };
      return;
    }
    if (ctx.path === '/__convkit/email' && ctx.method === 'POST') {
      const input = await readJson(ctx.req);
      const { generateEmail } = await import('@convkit/server/testing');
      const { findWorkspaceBySlug } = await import('@convkit/server');
      const workspace = await findWorkspaceBySlug(server.server.orm, 'demo');
      ctx.body = { conversationId: await generateEmail(server.server.orm, workspace.id, input) };
      return;
    }
    if (ctx.path === '/__convkit/pixel' && ctx.method === 'GET') {
      const key = String(ctx.query.key);
      pixelHits.set(key, (pixelHits.get(key) ?? 0) + 1);
      ctx.type = 'image/gif';
      ctx.body = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
      return;
    }
    if (ctx.path === '/__convkit/pixel-hits' && ctx.method === 'GET') {
      ctx.body = { hits: pixelHits.get(String(ctx.query.key)) ?? 0 };
      return;
    }
    if (ctx.path === '/__convkit/sockets' && ctx.method === 'GET') {
      const sockets = await server.server.io.fetchSockets();
      ctx.body = { sockets: sockets.filter((socket) => socket.data.auth?.actor.userId === String(ctx.query.userId)).length };
      return;
    }
    ctx.status = 404;
    ctx.body = { error: `no route ${ctx.method} ${ctx.path}` };
  } catch (error) {
    ctx.status = 500;
    ctx.body = { error: String(error?.stack ?? error) };
  }
}

/**
 * Prints one plain `N passed, N failed` line last: the project's CI counts tests from it. A
 * test file that failed without a failing test (it did not load, or threw outside a test)
 * counts as one failure, so that a broken file can never look green.
 */
function countReporter() {
  return {
    stop({ sessions }) {
      let passed = 0;
      let failed = 0;
      for (const session of sessions) {
        const counts = { passed: 0, failed: 0 };
        if (session.testResults) count(session.testResults, counts);
        if (session.passed === false && counts.failed === 0) counts.failed = 1;
        passed += counts.passed;
        failed += counts.failed;
      }
      // At exit, so that it comes after the default reporter's own closing lines.
      process.once('exit', () => console.log(`\n${passed} passed, ${failed} failed`));
    },
  };
}

function count(suite, counts) {
  for (const test of suite.tests) {
    if (test.skipped) continue;
    if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites) count(child, counts);
}

export default {
  rootDir: '../..',
  files: ['src/**/*.test.ts'],
  // browser: engine.io-client swaps its Node transports for browser ones through the `browser`
  // field. No 'development' condition: socket.io-parser maps it to a build that imports the
  // CommonJS-only `debug`, which a browser cannot load as ES module.
  nodeResolve: { browser: true, exportConditions: ['browser'] },
  // One browser page at a time: the suites share one server, and the machine has two cores.
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      },
    }),
  ],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' }), convkitServer()],
  middleware: [convkitRoutes],
  testFramework: { config: { timeout: 15_000 } },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter()],
};
