// Counts a socket asked for are pushed to it when they change: after a change, no client has to
// ask again. Checked against the SQL recount, on the suite's database.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConversationFilter, ViewCounts } from '@convkit/sdk/protocol';
import type { EntityManager } from '@mikro-orm/sql';
import { startTestServer, recountConversations, type TestServer } from '../testing/index.js';
import { connectSocket, type TestSocket } from '../test-support/clients.js';
import { findWorkspaceBySlug } from '../modules/workspaces/workspaces.service.js';
import { platformOf } from '../db/orm.js';
import { CountPush, WATCHED_PER_SOCKET } from './count-push.js';

interface Pushed {
  filter: ConversationFilter;
  counts: ViewCounts;
}

/**
 * After this resolves, every push a round already sent to the socket has arrived: a round sends
 * all its pushes in one go, and the answer to a later request comes behind them on the socket.
 */
async function flushed(client: TestSocket): Promise<void> {
  assert.ok((await client.request('labels.list', {})).ok);
}

/** Every `counts` the socket receives, in order. */
function recordPushes(client: TestSocket): Pushed[] {
  const pushed: Pushed[] = [];
  client.socket.on('counts', (update: Pushed) => pushed.push(update));
  return pushed;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('pushed counts', () => {
  let t: TestServer;
  let workspaceId: string;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    workspaceId = (await findWorkspaceBySlug(t.server.orm, 'demo'))!.id;
  });
  after(async () => t.close());

  const recount = async (userId: string, filter: ConversationFilter) => {
    const workspace = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
    return recountConversations(t.server.orm.em.fork() as unknown as EntityManager, { platform: platformOf(t.server.orm), workspaceId, userId, recentDays: workspace.recentDays, now: Date.now() }, filter);
  };

  it('follow an inbound message for each filter the socket counted, without another request', async () => {
    const agent = await connectSocket(t.url, await t.token({ user: 'push-agent' }));
    const idle = await connectSocket(t.url, await t.token({ user: 'push-idle' }));
    try {
      const pushed = recordPushes(agent);
      const notAsked = recordPushes(idle);
      const before = await agent.request<ViewCounts>('conversations.counts', {});
      const beforeSms = await agent.request<ViewCounts>('conversations.counts', { channel: 'sms' });
      const beforeEmail = await agent.request<ViewCounts>('conversations.counts', { channel: 'email' });
      assert.ok(before.ok && beforeSms.ok && beforeEmail.ok);

      assert.equal((await t.simulateSms({ from: '+15557010001', body: 'a new contact writes' })).status, 200);
      const all = await until('the unfiltered counts', () => pushed.find((p) => Object.keys(p.filter).length === 0));
      const sms = await until('the sms counts', () => pushed.find((p) => p.filter.channel === 'sms'));
      assert.equal(all.counts.all, before.data.all + 1);
      assert.equal(all.counts.unread, before.data.unread + 1);
      assert.equal(sms.counts.all, beforeSms.data.all + 1);
      assert.deepEqual(all.counts, await recount(agent.session.user.id, {}));
      assert.deepEqual(sms.counts, await recount(agent.session.user.id, { channel: 'sms' }));
      // Counts that did not move are not sent; a socket that never counted is sent nothing.
      await Promise.all([flushed(agent), flushed(idle)]);
      assert.equal(pushed.filter((p) => p.filter.channel === 'email').length, 0);
      assert.equal(notAsked.length, 0);
    } finally {
      agent.close();
      idle.close();
    }
  });

  it("follow the agent's own read marks, and a burst of changes arrives as few pushes", async () => {
    const agent = await connectSocket(t.url, await t.token({ user: 'push-reader' }));
    try {
      const pushed = recordPushes(agent);
      const initial = await agent.request<ViewCounts>('conversations.counts', {});
      assert.ok(initial.ok);
      const started = Date.now();
      await Promise.all(Array.from({ length: 20 }, (_, i) => t.simulateSms({ from: `+155570200${String(i).padStart(2, '0')}`, body: `burst ${i}` })));
      const expected = await recount(agent.session.user.id, {});
      const settled = await until('counts after the burst', () => pushed.find((p) => p.counts.all === expected.all));
      assert.deepEqual(settled, { filter: {}, counts: expected });
      // One round per 250 ms at most, however many messages: the bound follows the time the
      // burst took on this machine, not a guess at it.
      const rounds = Math.ceil((Date.now() - started) / 250) + 1;
      assert.ok(pushed.length <= Math.min(rounds, 19), `${pushed.length} pushes for 20 messages in ${rounds} rounds`);

      const page = await agent.request<{ items: { conversation: { id: string } }[] }>('conversations.list', { view: 'unread', limit: 1 });
      assert.ok(page.ok && page.data.items[0]);
      const pushesBefore = pushed.length;
      const read = await agent.request('conversations.markRead', { id: page.data.items[0].conversation.id });
      assert.ok(read.ok, JSON.stringify(read));
      const afterRead = await until('counts after a read mark', () => pushed.slice(pushesBefore).find(() => true));
      assert.equal(afterRead.counts.unread, expected.unread - 1);
      assert.deepEqual(afterRead.counts, await recount(agent.session.user.id, {}));
    } finally {
      agent.close();
    }
  });

  it('correct counts that were stale when the socket began to watch them', async () => {
    // A change committed while a socket's first counts were worked out found nobody watching:
    // the round that follows every watch sends the counts as they are.
    const user = (await connectSocket(t.url, await t.token({ user: 'push-late' })));
    user.close();
    const sent: Pushed[] = [];
    const push = new CountPush(t.server.orm, (error) => assert.fail(String(error)));
    try {
      const actual = await recount(user.session.user.id, {});
      const stale = { ...actual, all: actual.all - 1 };
      push.watch({ id: 'late', workspaceId: () => workspaceId, userId: () => user.session.user.id, send: (filter, counts) => sent.push({ filter, counts }) }, {}, stale);
      const corrected = await until('the corrected counts', () => sent[0]);
      assert.deepEqual(corrected, { filter: {}, counts: actual });
    } finally {
      push.stop();
    }
  });

  it('follow the last sixteen filters a socket counted, not older ones', async () => {
    const agent = await connectSocket(t.url, await t.token({ user: 'push-switcher' }));
    try {
      const pushed = recordPushes(agent);
      assert.equal(WATCHED_PER_SOCKET, 16);
      const sections = Array.from({ length: 15 }, (_, i): ConversationFilter => ({ group: `section-${i}` }));
      for (const filter of [{ channel: 'sms' }, ...sections, {}] as ConversationFilter[]) {
        assert.ok((await agent.request('conversations.counts', filter)).ok);
      }
      // A new SMS thread changes both the unfiltered counts and the sms ones; sms was counted
      // seventeen filters ago. A round sends a socket's filters in the order they were counted, so
      // had sms still been followed, it would have arrived before the unfiltered counts.
      assert.equal((await t.simulateSms({ from: '+15557040000', body: 'counted where watched' })).status, 200);
      await until('the unfiltered counts', () => pushed.find((p) => Object.keys(p.filter).length === 0));
      assert.deepEqual(pushed.filter((p) => p.filter.channel === 'sms'), []);
    } finally {
      agent.close();
    }
  });

  it('are not pushed for a search, which the client asks for again', async () => {
    const agent = await connectSocket(t.url, await t.token({ user: 'push-searcher' }));
    try {
      const pushed = recordPushes(agent);
      assert.ok((await agent.request('conversations.counts', { search: 'burst' })).ok);
      // The unfiltered counts, which are pushed, tell when the round after the SMS has run.
      assert.ok((await agent.request('conversations.counts', {})).ok);
      await t.simulateSms({ from: '+15557030000', body: 'burst again' });
      await until('the round after the SMS', () => pushed.find((p) => Object.keys(p.filter).length === 0));
      await flushed(agent);
      assert.deepEqual(pushed.filter((p) => p.filter.search !== undefined), []);
    } finally {
      agent.close();
    }
  });
});
