// One socket floods the server with 10,000 conversations.list commands a second for 5 s while
// another agent lists the inbox every 50 ms. The server runs in a child process so its RSS and
// CPU are its own; the flood runs in a worker thread so its sending does not delay the other
// agent's timings. Prints the other agent's latency without and during the flood, the server's
// RSS before, at its peak and 10 s after, its CPU time, and what became of the flood.
// Two runs: the default limits (the socket is closed once its strikes are used up), then with
// the strikes raised so the socket is refused for the whole 5 s (the refusal path's own cost).
// `CONVKIT_BENCH_DB=postgres` for PostgreSQL. Before the limits: 173 MB -> 2.9 GB RSS, /health 3.9 s.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startServerProcess } from '@convkit/server/testing';

// socket.io-client is the SDK's dependency, not the bench's: resolve it from the SDK. Raw
// sockets, because the SDK throttles its own commands and would not flood.
const { io } = createRequire(import.meta.resolve('@convkit/sdk'))('socket.io-client');

const FLOOD_PER_SECOND = 10_000;
const FLOOD_MS = 5_000;
const AGENT_INTERVAL_MS = 50;
const BASELINE_MS = 5_000;
const SETTLE_MS = 10_000;
const MB = 1024 * 1024;

function connect(url, token) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    socket.once('session', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(new Error(`connect: ${error.message}`));
    });
  });
}

/** Emits at `perSecond` for `ms` (bounded in count and time); stops when disconnected. */
async function flood(socket, perSecond, ms) {
  const run = { sent: 0, answered: 0, refused: 0, otherErrors: 0, closedAt: null, disconnectedAt: null, reason: null };
  const total = Math.round((perSecond * ms) / 1000);
  const start = performance.now();
  socket.once('session.closed', () => (run.closedAt = performance.now() - start));
  socket.once('disconnect', (reason) => {
    run.disconnectedAt = performance.now() - start;
    run.reason = reason;
  });
  const ack = (result) => {
    if (result.ok) run.answered++;
    else if (result.error.code === 'rate_limited') run.refused++;
    else run.otherErrors++;
  };
  while (socket.connected && run.sent < total && performance.now() - start < ms) {
    const due = Math.min(total, Math.ceil(((performance.now() - start) * perSecond) / 1000) + 1);
    for (; run.sent < due; run.sent++) socket.emit('conversations.list', { limit: 20 }, ack);
    await sleep(5);
  }
  run.elapsed = performance.now() - start;
  // Let the last answers arrive before counting.
  await sleep(1_000);
  socket.close();
  return run;
}

/** Every AGENT_INTERVAL_MS for `ms`: an inbox list on `socket` and a GET /health. */
async function agentWork(url, socket, ms) {
  const list = [];
  const health = [];
  let failures = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const start = performance.now();
    const result = await socket.timeout(30_000).emitWithAck('conversations.list', { limit: 20 });
    const listed = performance.now();
    if (result.ok) list.push(listed - start);
    else failures++;
    const response = await fetch(`${url}/health`);
    await response.arrayBuffer();
    health.push(performance.now() - listed);
    await sleep(Math.max(0, AGENT_INTERVAL_MS - (performance.now() - start)));
  }
  return { list, health, failures };
}

/** CPU seconds (user + system) the process has used. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const pct = (samples, p) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (n) => `${n.toFixed(1).padStart(7)} ms`;
const mb = (n) => `${(n / MB).toFixed(1)} MB`;

async function scenario(db, label, limits) {
  const server = await startServerProcess({ database: db, ...(limits ? { limits } : {}) });
  let agent;
  let worker;
  try {
    agent = await connect(server.url, await server.token('agent-2'));
    worker = new Worker(new URL(import.meta.url), { workerData: { url: server.url, token: await server.token('agent-1') } });
    const [ready] = await once(worker, 'message');
    if (ready !== 'ready') throw new Error('flooder did not connect');

    await agentWork(server.url, agent, 1_000);
    let cpuStart = cpuSeconds(server.pid);
    const baseline = await agentWork(server.url, agent, BASELINE_MS);
    const cpuBaseline = cpuSeconds(server.pid) - cpuStart;
    const rssBefore = server.rssBytes();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, server.rssBytes())), 50);
    let during, run, cpuFlood;
    try {
      cpuStart = cpuSeconds(server.pid);
      worker.postMessage('go');
      [[run], during] = await Promise.all([
        once(worker, 'message'),
        agentWork(server.url, agent, FLOOD_MS).then((work) => ((cpuFlood = cpuSeconds(server.pid) - cpuStart), work)),
      ]);
      await sleep(SETTLE_MS - 1_000);
    } finally {
      clearInterval(sampler);
    }
    const rssAfter = server.rssBytes();

    console.log(`\n${label} (${db})`);
    console.log(`  agent-2 conversations.list  without flood: median ${ms(pct(baseline.list, 50))}  p95 ${ms(pct(baseline.list, 95))}  (${baseline.list.length} runs)`);
    console.log(`                              during flood:  median ${ms(pct(during.list, 50))}  p95 ${ms(pct(during.list, 95))}  max ${ms(Math.max(...during.list))}  (${during.list.length} runs, ${during.failures} failed)`);
    console.log(`                              ratio:         median ${(pct(during.list, 50) / pct(baseline.list, 50)).toFixed(2)}x  p95 ${(pct(during.list, 95) / pct(baseline.list, 95)).toFixed(2)}x`);
    console.log(`  GET /health                 without flood: median ${ms(pct(baseline.health, 50))}  p95 ${ms(pct(baseline.health, 95))}`);
    console.log(`                              during flood:  median ${ms(pct(during.health, 50))}  p95 ${ms(pct(during.health, 95))}  max ${ms(Math.max(...during.health))}`);
    console.log(`  server RSS                  before ${mb(rssBefore)}  peak during ${mb(rssPeak)}  ${SETTLE_MS / 1000} s after ${mb(rssAfter)}  (after - before: ${mb(rssAfter - rssBefore)}, peak - before: ${mb(rssPeak - rssBefore)})`);
    console.log(`  server CPU                  ${cpuBaseline.toFixed(2)} s in ${BASELINE_MS / 1000} s without flood, ${cpuFlood.toFixed(2)} s in the ${FLOOD_MS / 1000} s of the flood`);
    console.log(`  flood                       ${run.sent} sent in ${(run.elapsed / 1000).toFixed(2)} s: ${run.answered} answered, ${run.refused} refused rate_limited, ${run.otherErrors} other errors, ${run.sent - run.answered - run.refused - run.otherErrors} unanswered`);
    console.log(`                              session.closed ${run.closedAt === null ? 'never' : `at ${run.closedAt.toFixed(0)} ms`}, disconnect ${run.disconnectedAt === null ? 'never' : `(${run.reason}) at ${run.disconnectedAt.toFixed(0)} ms`}`);
  } finally {
    agent?.close();
    await worker?.terminate();
    await server.close();
  }
}

if (!isMainThread) {
  // The flooder: connects, says it is ready, floods when told to, reports.
  const { url, token } = workerData;
  const socket = await connect(url, token);
  parentPort.postMessage('ready');
  await new Promise((resolve) => parentPort.once('message', resolve));
  parentPort.postMessage(await flood(socket, FLOOD_PER_SECOND, FLOOD_MS));
} else {
  const db = process.env.CONVKIT_BENCH_DB ?? 'sqlite';
  await scenario(db, '10,000 commands/s for 5 s, default limits');
  // Strikes that never run out: the socket stays open and every command past its buckets is refused.
  await scenario(db, '10,000 commands/s for 5 s, never closed (floodStrikes raised)', { floodStrikes: { burst: 1e9, perSecond: 1e9 } });
}
