// Inbound webhook cost, Convkit's real path against a raw baseline, on SQLite and PostgreSQL.
//
// Baseline: a bare Fastify server whose webhook route does one insert with the database driver
// (better-sqlite3 with Convkit's pragmas, or a pg Pool), emits one Socket.IO event to a room and
// answers 200: the least any server on this stack can do per inbound message. Convkit: the real
// server (startTestServer) taking signed Twilio SMS webhooks. For each: unloaded latency (POST
// sent -> Socket.IO event received, one request at a time), throughput with 50 senders sending
// back to back while 100 sockets listen, and latency under that load: POST -> 200 (the figure the
// target is checked on) and POST -> event on one of the sockets. The senders' connections are
// opened before the clock starts: the figures are the steady state.
//
// The baseline is measured in the same run because the machine is shared and noisy: an
// absolute figure from another day says little, the ratio between two taken minutes apart does.
// The servers run on the main thread and all clients in a worker thread, so the 100 sockets
// decoding every event do not eat the server's event loop.
//
// node bench/inbound-throughput.mjs [sqlite|postgres]   (or CONVKIT_BENCH_DB; default both)
// Prints figures and targets; exits 0 whether the targets are met or not.
import http from 'node:http';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { parse as parseForm } from 'node:querystring';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { buildSimulatedSms, findWorkspaceBySlug } from '@convkit/server';
import { createTestDatabase, startTestServer } from '@convkit/server/testing';

// The frameworks and drivers Convkit itself runs on, resolved through it: same versions.
const serverRequire = createRequire(import.meta.resolve('@convkit/server'));
const Fastify = serverRequire('fastify');
const { Server: SocketServer } = serverRequire('socket.io');
const { io: connectSocket } = serverRequire('socket.io-client');
const pg = serverRequire('pg');
const Sqlite = createRequire(serverRequire.resolve('@mikro-orm/sqlite'))('better-sqlite3');

const WARMUP = 50;
const SAMPLES = 300;
const SENDERS = 50;
const SOCKETS = 100;
const LOAD_MS = 5_000;
const PHONES = 500;
const SETTLE_MS = 5_000;
const EVENT_TIMEOUT_MS = 5_000;

/** The same pragmas as packages/server/src/db/orm.ts. */
const SQLITE_PRAGMAS = ['journal_mode = wal', 'synchronous = full', 'busy_timeout = 5000', 'foreign_keys = on'];
/** The same pool size as packages/server/src/db/orm.ts. */
const POSTGRES_POOL_MAX = 20;

const TARGETS = { sqliteP50Ms: 2, p50Ratio: 3, throughputShare: 0.5, loadP99Ms: 250 };

// Lifted for the bench: 100 sockets handshake from one address, and nothing may be refused.
const NO_LIMITS = {
  socketCommands: { burst: 100_000, perSecond: 100_000 },
  userCommands: { burst: 100_000, perSecond: 100_000 },
  inFlightPerSocket: 1000,
  inFlightPerUser: 1000,
  ipCommands: { burst: 100_000, perSecond: 100_000 },
  restPerIpPerMinute: 10_000_000,
  handshakes: { burst: 100_000, perSecond: 100_000 },
  webhookFailures: { burst: 100_000, perSecond: 100_000 },
};

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

// ---------------------------------------------------------------------------------------------
// Main thread: the servers, one at a time.

async function main() {
  for (const kind of databasesToRun()) {
    const baseline = await measure(kind, 'baseline', startBaseline);
    const convkit = await measure(kind, 'convkit', startConvkit);
    printReport(kind, baseline, convkit);
  }
}

function databasesToRun() {
  const choice = process.argv[2] ?? process.env.CONVKIT_BENCH_DB;
  if (choice === undefined || choice === 'both') return ['sqlite', 'postgres'];
  if (choice === 'sqlite' || choice === 'postgres') return [choice];
  throw new Error(`unknown database "${choice}": sqlite, postgres or both`);
}

async function measure(kind, name, start) {
  const started = performance.now();
  const server = await start(kind);
  try {
    const result = await runWorker(server.target);
    console.log(`${kind} ${name}: measured in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } finally {
    await server.close();
  }
}

/** Runs the clients in a worker; reports how busy this (the server's) thread was under load. */
function runWorker(target) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: target });
    let loadStart;
    let serverBusy;
    worker.on('message', (message) => {
      if (message.type === 'load-start') loadStart = performance.eventLoopUtilization();
      if (message.type === 'load-end') serverBusy = performance.eventLoopUtilization(loadStart).utilization;
      if (message.type === 'done') resolve({ ...message.result, serverBusy });
    });
    worker.on('error', reject);
    worker.on('exit', (code) => code !== 0 && reject(new Error(`client worker exited with ${code}`)));
  });
}

async function startBaseline(kind) {
  const { database, drop } = await createTestDatabase(kind);
  const store = kind === 'sqlite' ? openSqliteStore(database.path) : await openPostgresStore(database.url);
  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, parseForm(body)));
  const io = new SocketServer(app.server, { serveClient: false });
  io.on('connection', (socket) => socket.join('listeners'));
  app.post('/webhooks/twilio/:workspace/sms', async (request, reply) => {
    const row = { id: randomUUID(), workspace: request.params.workspace, body: String(request.body.Body), createdAt: Date.now() };
    await store.insert(row);
    io.to('listeners').emit('event', { type: 'message.created', data: { message: { id: row.id, body: row.body } } });
    return reply.type('text/xml').send(EMPTY_TWIML);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${app.server.address().port}`;
  return {
    // Signed like Twilio's (the baseline does not check): both paths get the same request.
    target: { url, accountSid: 'AC00000000000000000000000000000000', authToken: 'baseline', to: '+15550000000', tokens: [] },
    async close() {
      await io.close();
      await app.close().catch(() => {});
      await store.close();
      await drop();
    },
  };
}

function openSqliteStore(path) {
  const db = new Sqlite(path);
  for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
  db.exec('create table messages (id text primary key, workspace text not null, body text not null, created_at integer not null)');
  const insert = db.prepare('insert into messages (id, workspace, body, created_at) values (?, ?, ?, ?)');
  return {
    insert: async (row) => void insert.run(row.id, row.workspace, row.body, row.createdAt),
    close: async () => db.close(),
  };
}

async function openPostgresStore(url) {
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_MAX });
  await pool.query('create table messages (id uuid primary key, workspace text not null, body text not null, created_at bigint not null)');
  const text = 'insert into messages (id, workspace, body, created_at) values ($1, $2, $3, $4)';
  return {
    insert: (row) => pool.query({ name: 'insert-message', text, values: [row.id, row.workspace, row.body, row.createdAt] }),
    close: () => pool.end(),
  };
}

async function startConvkit(kind) {
  const server = await startTestServer({ seed: 'demo', database: kind, limits: NO_LIMITS });
  const workspace = await findWorkspaceBySlug(server.server.orm, 'demo');
  const tokens = await Promise.all(Array.from({ length: SOCKETS }, (_, i) => server.token({ user: `bench-agent-${i}` })));
  return {
    target: { url: server.url, accountSid: workspace.twilioAccountSid, authToken: workspace.twilioAuthToken, to: workspace.smsNumber, tokens },
    close: () => server.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// Worker thread: one listening socket for unloaded latency, then 100 sockets and 50 senders.

/** One kept-alive connection per sender (node:http: fetch's pool queues requests on one new connection). */
const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS });

async function runClients(target) {
  const nextRequest = requestSequence(target);
  const watcher = await openSocket(target, 0);
  try {
    await openConnections(nextRequest);
    const latency = await unloadedLatency(nextRequest, watcher);
    const others = await Promise.all(Array.from({ length: SOCKETS - 1 }, (_, i) => openSocket(target, i + 1)));
    try {
      return { latency, load: await underLoad(nextRequest, watcher, [watcher, ...others]) };
    } finally {
      for (const socket of others) socket.close();
    }
  } finally {
    watcher.close();
    agent.destroy();
  }
}

/** A socket in the target's room; counts its message events and reports each one's arrival time. */
function openSocket(target, index) {
  return new Promise((resolve, reject) => {
    const token = target.tokens[index];
    const socket = connectSocket(target.url, { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false, forceNew: true });
    const listener = { received: 0, disconnected: false, onMessage: null, close: () => socket.close() };
    socket.on('event', (event) => {
      if (event.type !== 'message.created') return;
      listener.received++;
      listener.onMessage?.(event.data.message.body, performance.now());
    });
    socket.on('disconnect', (reason) => (listener.disconnected = reason !== 'io client disconnect'));
    socket.once('connect', () => resolve(listener));
    socket.once('connect_error', (error) => reject(new Error(`socket ${index}: ${error.message}`)));
  });
}

/** Signed Twilio SMS, each with a unique body (the marker its event is matched by) and MessageSid. */
function requestSequence(target) {
  let n = 0;
  return () => {
    const body = `bench message ${n}`;
    const from = `+1555300${String(n++ % PHONES).padStart(4, '0')}`;
    const { url, params, signature } = buildSimulatedSms({ baseUrl: target.url, workspaceSlug: 'demo', accountSid: target.accountSid, authToken: target.authToken, from, to: target.to, body });
    const form = new URLSearchParams(params).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(form), 'x-twilio-signature': signature };
    return { body, url, headers, form };
  };
}

/** 'ok' for 200, 'busy' for 503 with Retry-After; anything else breaks the bench. */
function send(request) {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(request.url, { method: 'POST', agent, headers: request.headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        if (response.statusCode === 200) resolve('ok');
        else if (response.statusCode === 503 && response.headers['retry-after']) resolve('busy');
        else reject(new Error(`webhook answered ${response.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 300)}`));
      });
    });
    outgoing.on('error', reject);
    outgoing.end(request.form);
  });
}

/**
 * The senders' connections, opened while the server is idle. A saturated Node server accepts
 * about one new connection per event-loop turn, so connections opened under load would wait
 * seconds for their first answer: the bench measures the steady state instead.
 */
async function openConnections(nextRequest) {
  await Promise.all(Array.from({ length: SENDERS }, () => send(nextRequest())));
}

async function unloadedLatency(nextRequest, watcher) {
  const samples = [];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const request = nextRequest();
    const seen = eventFor(watcher, request.body);
    const start = performance.now();
    if ((await send(request)) !== 'ok') throw new Error('unloaded webhook answered 503');
    const arrived = await seen;
    if (i >= WARMUP) samples.push(arrived - start);
  }
  watcher.onMessage = null;
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

function eventFor(watcher, body) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no event for "${body}" within ${EVENT_TIMEOUT_MS} ms`)), EVENT_TIMEOUT_MS);
    watcher.onMessage = (seenBody, at) => {
      if (seenBody !== body) return;
      clearTimeout(timer);
      resolve(at);
    };
  });
}

async function underLoad(nextRequest, watcher, sockets) {
  const sentAt = new Map();
  const responseMs = [];
  const eventMs = [];
  let busy = 0;
  watcher.onMessage = (body, at) => {
    const start = sentAt.get(body);
    if (start !== undefined) eventMs.push(at - start);
  };
  const receivedBefore = sockets.map((s) => s.received);

  const sender = async (deadline) => {
    while (performance.now() < deadline) {
      const request = nextRequest();
      const start = performance.now();
      sentAt.set(request.body, start);
      if ((await send(request)) === 'busy') busy++;
      else responseMs.push(performance.now() - start);
    }
  };
  parentPort.postMessage({ type: 'load-start' });
  const ownStart = performance.eventLoopUtilization();
  const started = performance.now();
  await Promise.all(Array.from({ length: SENDERS }, () => sender(started + LOAD_MS)));
  const seconds = (performance.now() - started) / 1000;
  const clientBusy = performance.eventLoopUtilization(ownStart).utilization;
  parentPort.postMessage({ type: 'load-end' });

  const stored = responseMs.length;
  const delivered = await settle(sockets, receivedBefore, stored);
  return {
    perSecond: stored / seconds,
    stored,
    busy,
    responseP50: percentile(responseMs, 50),
    responseP99: percentile(responseMs, 99),
    eventP99: percentile(eventMs, 99),
    deliveredShare: delivered / (stored * sockets.length),
    disconnected: sockets.filter((s) => s.disconnected).length,
    clientBusy,
  };
}

/** Waits until every socket has every stored message's event (or SETTLE_MS); returns how many arrived. */
async function settle(sockets, receivedBefore, expectedEach) {
  const count = () => sockets.reduce((sum, s, i) => sum + Math.min(expectedEach, s.received - receivedBefore[i]), 0);
  const deadline = performance.now() + SETTLE_MS;
  while (count() < expectedEach * sockets.length && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return count();
}

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// ---------------------------------------------------------------------------------------------
// Report.

function printReport(kind, baseline, convkit) {
  const ms = (v) => `${v.toFixed(2)} ms`;
  const pct = (v) => `${(v * 100).toFixed(0)}%`;
  const latencyRow = (label, pick) => [label, ms(pick(baseline)), ms(pick(convkit)), `${(pick(convkit) / pick(baseline)).toFixed(2)}x`];
  const plainRow = (label, pick) => [label, pick(baseline), pick(convkit), ''];
  const rows = [
    latencyRow('unloaded p50, POST -> event', (r) => r.latency.p50),
    latencyRow('unloaded p99, POST -> event', (r) => r.latency.p99),
    [`throughput, webhooks/s (${SENDERS} senders, ${SOCKETS} sockets)`, baseline.load.perSecond.toFixed(0), convkit.load.perSecond.toFixed(0), pct(convkit.load.perSecond / baseline.load.perSecond)],
    latencyRow('p50 under load, POST -> 200', (r) => r.load.responseP50),
    latencyRow('p99 under load, POST -> 200', (r) => r.load.responseP99),
    latencyRow('p99 under load, POST -> event', (r) => r.load.eventP99),
    plainRow('webhooks stored / 503 with Retry-After', (r) => `${r.load.stored} / ${r.load.busy}`),
    plainRow('events delivered to the sockets', (r) => pct(r.load.deliveredShare)),
    plainRow('sockets closed by the server', (r) => String(r.load.disconnected)),
    plainRow('server thread busy under load', (r) => pct(r.serverBusy)),
    plainRow('client thread busy under load', (r) => pct(r.load.clientBusy)),
  ];
  console.log(`\n${kind}`);
  printTable([['', 'baseline', 'convkit', 'ratio'], ...rows]);

  const p50Ratio = convkit.latency.p50 / baseline.latency.p50;
  const share = convkit.load.perSecond / baseline.load.perSecond;
  const targets = [
    ...(kind === 'sqlite' ? [[`convkit p50 <= ${TARGETS.sqliteP50Ms} ms`, ms(convkit.latency.p50), convkit.latency.p50 <= TARGETS.sqliteP50Ms]] : []),
    [`convkit p50 within ${TARGETS.p50Ratio}x of baseline`, `${p50Ratio.toFixed(2)}x`, p50Ratio <= TARGETS.p50Ratio],
    [`throughput >= ${pct(TARGETS.throughputShare)} of baseline`, pct(share), share >= TARGETS.throughputShare],
    [`p99 under load (POST -> 200) <= ${TARGETS.loadP99Ms} ms`, ms(convkit.load.responseP99), convkit.load.responseP99 <= TARGETS.loadP99Ms],
  ];
  console.log(`\n${kind} targets`);
  printTable([['target', 'convkit', ''], ...targets.map(([name, value, met]) => [name, value, met ? 'met' : 'NOT met'])]);
}

function printTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}

// ---------------------------------------------------------------------------------------------
// Entry: the main thread runs the servers, the worker (this same file) the clients.

if (isMainThread) {
  await main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  parentPort.postMessage({ type: 'done', result: await runClients(workerData) });
}
