import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, type TestSocket } from '../../test-support/clients.js';

describe('conversation list and read state', () => {
  let t: TestServer;
  let alex: TestSocket;
  let sam: TestSocket;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1' }));
    sam = await connectSocket(t.url, await t.token({ user: 'agent-2' }));
  });
  after(async () => {
    alex.close();
    sam.close();
    await t.close();
  });

  it('pages through every seeded conversation newest activity first, each exactly once', async () => {
    const seen: any[] = [];
    let cursor: string | undefined;
    do {
      const page = await alex.request('conversations.list', { limit: 7, ...(cursor ? { cursor } : {}) });
      assert.ok(page.ok);
      seen.push(...page.data.items);
      cursor = page.data.nextCursor ?? undefined;
    } while (cursor);
    assert.ok(seen.length >= 20, `seeded ${seen.length}`);
    assert.equal(new Set(seen.map((i) => i.conversation.id)).size, seen.length);
    const times = seen.map((i) => Date.parse(i.conversation.lastActivityAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const channels = new Set(seen.map((i) => i.conversation.lastMessage?.channel).filter(Boolean));
    for (const channel of ['sms', 'email', 'whatsapp', 'call', 'chat']) assert.ok(channels.has(channel), `has ${channel}`);
  });

  it('a thread reads in seq order with notes and activity cards among the messages', async () => {
    const list = await alex.request('conversations.list', { limit: 100 });
    assert.ok(list.ok);
    const kinds = new Set<string>();
    for (const item of list.data.items.slice(0, 8)) {
      const page = await alex.request('messages.list', { conversationId: item.conversation.id });
      assert.ok(page.ok);
      const seqs = page.data.items.map((m: any) => m.seq);
      assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1));
      for (const m of page.data.items) kinds.add(m.kind);
    }
    for (const kind of ['message', 'note', 'activity', 'call']) assert.ok(kinds.has(kind), `has ${kind}`);
  });

  it('messages page back with before and forward with after', async () => {
    const list = await alex.request('conversations.list', { limit: 1 });
    assert.ok(list.ok);
    const conversationId = list.data.items[0].conversation.id;
    for (let i = 0; i < 5; i++) await alex.request('messages.send', { conversationId, clientId: `paging-${i}-xx`, body: `page ${i}` });
    const newest = await alex.request('messages.list', { conversationId, limit: 3 });
    assert.ok(newest.ok);
    assert.equal(newest.data.hasMore, true);
    const first = newest.data.items[0].seq;
    const older = await alex.request('messages.list', { conversationId, before: first, limit: 100 });
    assert.ok(older.ok);
    assert.deepEqual(older.data.items.map((m: any) => m.seq), Array.from({ length: first - 1 }, (_, i) => i + 1));
    assert.equal(older.data.hasMore, false);
    const later = await alex.request('messages.list', { conversationId, after: first });
    assert.ok(later.ok);
    assert.deepEqual(later.data.items.map((m: any) => m.seq), [first + 1, first + 2]);
  });

  it('unread is per agent: marking read for one leaves the other unread', async () => {
    await t.simulateSms({ from: '+15554440000', body: 'New question' });
    const list = await alex.request('conversations.list', { limit: 1 });
    assert.ok(list.ok);
    const { conversation } = list.data.items[0];
    const result = await alex.request('conversations.markRead', { id: conversation.id });
    assert.ok(result.ok);
    assert.equal(result.data.lastReadSeq, conversation.lastSeq);
    const event = await alex.waitForEvent((e) => e.type === 'readstate.updated' && e.data.readState.conversationId === conversation.id);
    assert.equal(event.type === 'readstate.updated' && event.data.readState.userId, alex.session.user.id);
    const forSam = await sam.request('conversations.get', { id: conversation.id });
    assert.ok(forSam.ok);
    assert.ok(forSam.data.conversation.lastInboundSeq > forSam.data.readState.lastReadSeq);
  });

  it('event seqs are dense and events.since replays them in order', async () => {
    const start = alex.session.latestEventSeq;
    await Promise.all([1, 2, 3].map((i) => t.simulateSms({ from: `+1555444000${i}`, body: `burst ${i}` })));
    const since = await alex.request('events.since', { seq: start });
    assert.ok(since.ok);
    const seqs = since.data.events.map((e: any) => e.seq);
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => start + 1 + i));
    assert.equal(since.data.hasMore, false);
  });
});
