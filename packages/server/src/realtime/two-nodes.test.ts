// Two server processes on one PostgreSQL database and one Redis, as docs/server.md runs them.
// SQLite serves one node, so these run in the PostgreSQL suite only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { startServerProcess, testDatabaseKind, type ServerProcess } from '../testing/index.js';
import { openOrm, type Orm } from '../db/orm.js';
import { sqlAll } from '../db/sql.js';
import { postSimulatedSms } from '../channels/twilio/simulator.js';
import { findWorkspaceBySlug } from '../modules/workspaces/workspaces.service.js';
import { connectSocket, restClient } from '../test-support/clients.js';
import { exec } from 'node:child_process';
import { startServerLine, type RunningLine } from '../test-support/server-line.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { poll } from '../test-support/poll.js';

const REDIS_URL = process.env.CONVKIT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LEASE_MS = 2000;
const ROOMY = { userCommands: { burst: 100_000, perSecond: 100_000 }, inFlightPerUser: 1000, inFlightPerSocket: 1000, restPerIpPerMinute: 1_000_000 };

const root = fileURLToPath(new URL('../../../../', import.meta.url));
/** The lines of a document's sh blocks from "More than one node" on. */
function twoNodeLines(path: string): string[] {
  const text = readFileSync(`${root}${path}`, 'utf8');
  const section = text.slice(text.indexOf('## More than one node'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').filter(Boolean);
}

if (testDatabaseKind() === 'postgres') {
  describe('the two-node commands README.md and docs/server.md show', () => {
    it('start two nodes that share one database and Redis, as written', async () => {
      const lines = twoNodeLines('README.md');
      assert.deepEqual(twoNodeLines('docs/server.md'), lines, 'both documents show the same commands');
      assert.equal(lines.length, 3);
      // As written, on free ports and a database of this test's own.
      const name = `convkit_docs_${Date.now()}`;
      const [create, ...starts] = lines.map((line) => line.replace(/\bconvkit$/, name).replace('/convkit ', `/${name} `).replace(/PORT=\d+/, 'PORT=0'));
      await promisify(exec)(create!, { cwd: root });
      const nodes: RunningLine[] = [];
      try {
        for (const line of starts) nodes.push(await startServerLine(line, { cwd: root, env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'error' } }));
        for (const node of nodes) {
          const health = await fetch(`${node.url}/health`);
          assert.deepEqual(await health.json(), { ok: true, database: 'up', redis: 'up' });
        }
      } finally {
        for (const node of nodes) await node.stop();
        const admin = new pg.Client({ connectionString: process.env.CONVKIT_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' });
        await admin.connect();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    });
  });

  describe('two nodes on PostgreSQL and Redis', () => {
    let a: ServerProcess;
    let b: ServerProcess;
    let orm: Orm;
    let em: EntityManager;
    let twilio: { accountSid: string; authToken: string; to: string };
    const env = { REDIS_URL, CONVKIT_OUTBOX_LEASE_MS: String(LEASE_MS), LOG_LEVEL: 'info' };

    before(async () => {
      a = await startServerProcess({ database: 'postgres', env, limits: ROOMY });
      b = await startServerProcess({ joining: a, env, limits: ROOMY });
      orm = await openOrm(a.deployment.database);
      em = orm.em.fork() as unknown as EntityManager;
      const workspace = (await findWorkspaceBySlug(orm, 'demo'))!;
      twilio = { accountSid: workspace.twilioAccountSid!, authToken: workspace.twilioAuthToken!, to: workspace.smsNumber ?? '' };
    });
    after(async () => {
      await orm?.close();
      await b?.close();
      await a?.close();
    });

    const sms = (node: ServerProcess, from: string, body: string) => postSimulatedSms({ baseUrl: node.url, workspaceSlug: 'demo', ...twilio, from, body });
    const conversationOf = async (phone: string) =>
      (await sqlAll<{ id: string }>(em, "select c.id from conversations c join contacts ct on ct.id = c.contact_id where ct.phone = ? and c.status = 'open'", [phone]))[0]!.id;

    it('both nodes report the database and Redis up', async () => {
      for (const node of [a, b]) {
        const health = await fetch(`${node.url}/health`);
        assert.equal(health.status, 200);
        assert.deepEqual(await health.json(), { ok: true, database: 'up', redis: 'up' });
      }
    });

    it('a webhook posted to node A reaches an agent connected to node B', async () => {
      const agent = await connectSocket(b.url, await b.token('agent-2'));
      try {
        const body = `across nodes ${randomUUID()}`;
        assert.equal((await sms(a, '+15558100001', body)).status, 200);
        const event = await agent.waitForEvent((e) => e.type === 'message.created' && e.data.message.body === body, 10_000);
        assert.ok(event.seq > 0);
      } finally {
        agent.close();
      }
    });

    it("node B's counts include what node A wrote: each node's count index follows the shared event log", async () => {
      const rest = restClient(b.url, await b.token('agent-2'));
      const before = (await rest('GET', '/v1/conversations/counts')).body;
      assert.equal((await sms(a, '+15558100004', 'counted across nodes')).status, 200);
      const after = (await rest('GET', '/v1/conversations/counts')).body;
      assert.deepEqual([after.all, after.unread], [before.all + 1, before.unread + 1]);
    });

    it('an agent on node B is pushed new counts when node A writes', async () => {
      const agent = await connectSocket(b.url, await b.token('agent-2'));
      try {
        const pushed: { filter: object; counts: { all: number; unread: number } }[] = [];
        agent.socket.on('counts', (update) => pushed.push(update));
        const before = await agent.request<{ all: number; unread: number }>('conversations.counts', {});
        assert.ok(before.ok);
        assert.equal((await sms(a, '+15558100005', 'pushed across nodes')).status, 200);
        const deadline = Date.now() + 10_000;
        while (pushed.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        assert.deepEqual(pushed.map((p) => [p.filter, p.counts.all, p.counts.unread]), [[{}, before.data.all + 1, before.data.unread + 1]]);
      } finally {
        agent.close();
      }
    });

    it('200 sends queued on both nodes are delivered exactly once', async () => {
      await sms(a, '+15558100002', 'send me replies');
      const id = await conversationOf('+15558100002');
      const nodes = [restClient(a.url, await a.token('agent-1')), restClient(b.url, await b.token('agent-2'))];
      const sends = await Promise.all(Array.from({ length: 200 }, (_, i) => nodes[i % 2]!('POST', `/v1/conversations/${id}/messages`, { clientId: randomUUID(), body: `reply ${i}` })));
      assert.ok(sends.every((s) => s.status === 201), JSON.stringify(sends.find((s) => s.status !== 201)));
      const ids = new Set(sends.map((s) => s.body.id as string));
      // Waits for the work to be done, however slow a shared machine is today; what counts is checked after.
      await poll('every send to be sent', async () => {
        const [row] = await sqlAll<{ n: unknown }>(em, "select count(*) as n from messages where conversation_id = ? and direction = 'outbound' and status in ('sent', 'delivered')", [id]);
        return Number(row!.n) === 200 ? true : undefined;
      }, 120_000);
      const deliveries = new Map<string, number>();
      for (const line of [...a.logLines(), ...b.logLines()]) {
        if (!line.includes('sandbox delivery')) continue;
        const { messageId } = JSON.parse(line) as { messageId: string };
        if (ids.has(messageId)) deliveries.set(messageId, (deliveries.get(messageId) ?? 0) + 1);
      }
      assert.equal(deliveries.size, 200, 'every send was handed to the channel');
      assert.deepEqual([...new Set(deliveries.values())], [1], 'and none twice');
    });

    it('killing a node loses no message it acknowledged', async () => {
      const phone = '+15558100003';
      await sms(b, phone, 'before the crash');
      const id = await conversationOf(phone);
      const rest = restClient(a.url, await a.token('agent-1'));
      const acknowledged: { kind: 'inbound' | 'send'; body: string }[] = [];
      let stop = false;
      const traffic = Array.from({ length: 8 }, async (_, worker) => {
        for (let i = 0; !stop; i++) {
          const body = `worker ${worker} #${i}`;
          try {
            if (worker % 2 === 0) {
              if ((await sms(a, phone, body)).status === 200) acknowledged.push({ kind: 'inbound', body });
            } else if ((await rest('POST', `/v1/conversations/${id}/messages`, { clientId: randomUUID(), body })).status === 201) {
              acknowledged.push({ kind: 'send', body });
            }
          } catch {
            // The node died under this request: it acknowledged nothing.
          }
        }
      });
      await poll('traffic on node A', async () => (acknowledged.length >= 40 ? true : undefined));
      await a.kill();
      stop = true;
      await Promise.all(traffic);
      // Node B carries on: it takes over A's unfinished sends once their lease runs out.
      const bodies = acknowledged.map((m) => m.body);
      const stored = await poll(
        'every acknowledged message stored, and every acknowledged send sent',
        async () => {
          const rows = await sqlAll<{ body: string; status: string }>(em, `select body, status from messages where conversation_id = ? and body in (${bodies.map(() => '?').join(', ')})`, [id, ...bodies]);
          return rows.length === bodies.length && rows.every((r) => ['received', 'sent', 'delivered'].includes(r.status)) ? rows : undefined;
        },
        LEASE_MS * 10,
      );
      assert.equal(stored.length, acknowledged.length);
      assert.equal((await sms(b, phone, 'after the crash')).status, 200, 'node B still takes webhooks');
    });
  });
}
