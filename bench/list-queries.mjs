// Server-side time of the conversation list at scale: 100,000 conversations and 1,000,000
// messages (CONVKIT_BENCH_SCALE=0.1 for a tenth), first page of each view and searches.
// Targets: <= 10 ms per page, <= 50 ms per search, counts no dearer than the first page (beside
// the full SQL recount they replace, measured in the same run). `CONVKIT_BENCH_DB=postgres` for
// PostgreSQL.
import { performance } from 'node:perf_hooks';
import { startTestServer, generateConversations, commandRunner, recountConversations } from '@convkit/server/testing';
import { findWorkspaceBySlug } from '@convkit/server';

const db = process.env.CONVKIT_BENCH_DB ?? 'sqlite';
const scale = Number(process.env.CONVKIT_BENCH_SCALE ?? 1);
const CONVERSATIONS = Math.round(100_000 * scale);
const MESSAGES_PER = 10;
const RUNS = 30;

const server = await startTestServer({ seed: 'demo', database: db });
const ws = await findWorkspaceBySlug(server.server.orm, 'demo');
let started = performance.now();
await generateConversations(server.server.orm, ws.id, { conversations: CONVERSATIONS, messagesPer: MESSAGES_PER, batch: 500 });
console.log(`generated ${CONVERSATIONS.toLocaleString()} conversations and ${(CONVERSATIONS * MESSAGES_PER).toLocaleString()} messages on ${db} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
// A steady-state database: statistics gathered and, on PostgreSQL, the visibility map set (as
// autovacuum does) so index-only scans can skip the heap.
await server.server.orm.em.getConnection().execute(db === 'postgres' ? 'vacuum analyze' : 'analyze');

const run = await commandRunner(server.server, await server.token({ user: 'agent-1' }));

async function median(label, fn, budget) {
  await fn();
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const med = samples[Math.floor(samples.length / 2)];
  const p95 = samples[Math.floor(samples.length * 0.95)];
  console.log(`${label.padEnd(44)} median ${med.toFixed(2).padStart(7)} ms  p95 ${p95.toFixed(2).padStart(7)} ms  (target <= ${budget} ms)`);
  return med;
}

/** One timing, for what happens once (loading the counts index). */
async function once(label, fn) {
  const start = performance.now();
  await fn();
  console.log(`${label.padEnd(44)} ${(performance.now() - start).toFixed(2).padStart(7)} ms (once per workspace and node)`);
}

const firstPage = {};
for (const view of ['all', 'unread', 'recents', 'starred', 'archived']) {
  firstPage[view] = await median(`first page, view ${view}`, () => run('conversations.list', { view, limit: 50 }), 10);
}
await median('first page, all + assignee unassigned', () => run('conversations.list', { view: 'all', assignee: 'unassigned', limit: 50 }), 10);
await median('first page, all + channel sms', () => run('conversations.list', { view: 'all', channel: 'sms', limit: 50 }), 10);
const agentId = (await run('users.list')).find((u) => u.externalId === 'agent-1').id;
const scope = () => ({ platform: db, workspaceId: ws.id, userId: agentId, recentDays: ws.recentDays, now: Date.now() });
const em = server.server.orm.em.fork();
await once('counts, first call (loads the index)', () => run('conversations.counts', {}));
const counts = await median('counts, no filter (maintained)', () => run('conversations.counts', {}), firstPage.all.toFixed(2));
await median('counts, assignee me + channel sms (maintained)', () => run('conversations.counts', { assignee: 'me', channel: 'sms' }), firstPage.all.toFixed(2));
const recount = await median('counts, no filter (SQL recount, reference)', () => recountConversations(em, scope(), {}), '-');
console.log(`counts: ${(counts / firstPage.all).toFixed(2)}x the first page of All, ${(recount / counts).toFixed(1)}x faster than the recount`);
for (const search of ['kitchen', 'First4242', 'person777@exa', '(999) 004-2424', 'Maria']) {
  await median(`search "${search}"`, () => run('conversations.list', { view: 'all', search, limit: 50 }), 50);
}
await server.close();
