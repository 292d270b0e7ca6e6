// Inbound messages arriving together are committed together (inbound-writer.ts): every one is
// answered only once stored, each gets its own event, and a full queue refuses with 503.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityManager } from '@mikro-orm/sql';
import { buildSimulatedSms } from '../../channels/twilio/simulator.js';
import { startServerProcess, startTestServer, type TestServer } from '../../testing/index.js';
import { openOrm, type Orm } from '../../db/orm.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';
import { assertConsistent } from '../../test-support/consistency.js';
import { findWorkspaceBySlug } from '../workspaces/workspaces.service.js';
import { sqlAll } from '../../db/sql.js';

async function storedBodies(orm: Orm, prefix: string): Promise<string[]> {
  const em = orm.em.fork() as unknown as EntityManager;
  const rows = await sqlAll<{ body: string }>(em, 'select body from messages where body like ?', [`${prefix}%`]);
  return rows.map((r) => r.body);
}

describe('inbound group commit', () => {
  let t: TestServer;
  let agent: TestSocket;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    agent = await connectSocket(t.url, await t.token());
  });
  after(async () => {
    agent.close();
    await t.close();
  });

  it('300 webhooks at once from 60 numbers: each answered after its commit, each with its own event, in order', async () => {
    const sends = Array.from({ length: 300 }, (_, i) => ({ from: `+1555920${String(i % 60).padStart(4, '0')}`, body: `together ${i}` }));
    const answers = await Promise.all(sends.map((send) => t.simulateSms(send)));
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
    assert.equal((await storedBodies(t.server.orm, 'together ')).length, 300, 'every acknowledged message is stored');
    const created = await agent.waitForEvent(() => agent.events.filter((e) => e.type === 'message.created' && String(e.data.message.body).startsWith('together ')).length === 300);
    assert.ok(created);
    const seqs = agent.events.map((e) => e.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'events arrive in seq order');
    const perThread = new Map<string, number[]>();
    for (const event of agent.events) {
      if (event.type !== 'message.created') continue;
      const list = perThread.get(event.data.message.conversationId) ?? [];
      list.push(event.data.message.seq);
      perThread.set(event.data.message.conversationId, list);
    }
    assert.equal(perThread.size, 60, 'one conversation per number');
    for (const list of perThread.values()) assert.deepEqual(list, list.map((_, i) => i + 1), 'each thread numbered 1, 2, 3… in event order');
    const workspaceId = (await findWorkspaceBySlug(t.server.orm, 'demo'))!.id;
    const users = (await restClient(t.url, await t.token())('GET', '/v1/users')).body as { id: string; externalId: string }[];
    await assertConsistent(t, workspaceId, [{ userId: users.find((u) => u.externalId === 'agent-1')!.id, rest: restClient(t.url, await t.token()) }]);
  });

  it('a full write queue answers 503 busy with Retry-After, and stores exactly what it acknowledged', async () => {
    // A server process of its own, so that requests pile up while it commits, as under real load.
    const small = await startServerProcess({ limits: { inboundWaiting: 5 } });
    const orm = await openOrm(small.deployment.database);
    try {
      const workspace = (await findWorkspaceBySlug(orm, 'demo'))!;
      // Connections opened first, as a provider keeps them: Node accepts about one new
      // connection per event-loop turn, so webhooks on new connections would arrive one at a
      // time and never pile up, however slow the writes.
      await Promise.all(Array.from({ length: 100 }, async () => (await fetch(`${small.url}/health`)).text()));
      const answers = await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const request = buildSimulatedSms({ baseUrl: small.url, workspaceSlug: 'demo', accountSid: workspace.twilioAccountSid!, authToken: workspace.twilioAuthToken!, from: `+1555930${String(i).padStart(4, '0')}`, to: workspace.smsNumber ?? '', body: `crowded ${i}` });
          const response = await fetch(request.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': request.signature }, body: new URLSearchParams(request.params).toString() });
          return { i, status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() };
        }),
      );
      const refused = answers.filter((a) => a.status === 503);
      const accepted = answers.filter((a) => a.status === 200);
      assert.equal(refused.length + accepted.length, 100, 'only 200 or 503');
      assert.ok(refused.length > 0 && accepted.length >= 5, `${refused.length} refused, ${accepted.length} accepted`);
      for (const answer of refused) {
        assert.equal(answer.retryAfter, '1');
        assert.equal(JSON.parse(answer.body).error.code, 'busy');
      }
      assert.deepEqual((await storedBodies(orm, 'crowded ')).sort(), accepted.map((a) => `crowded ${a.i}`).sort());
    } finally {
      await orm.close();
      await small.close();
    }
  });
});
