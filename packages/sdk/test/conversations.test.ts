import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConvClient } from '@convkit/sdk';
import { startTestServer, type TestServer } from '@convkit/server/testing';
import { waitFor } from './support/wait.js';

describe('the conversation list store', () => {
  let t: TestServer;
  let alex: ConvClient;
  let sam: ConvClient;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    alex = new ConvClient({ url: t.url, token: await t.token({ user: 'agent-1' }) });
    sam = new ConvClient({ url: t.url, token: await t.token({ user: 'agent-2' }) });
    await Promise.all([waitFor(alex.session, Boolean), waitFor(sam.session, Boolean)]);
  });
  after(async () => {
    alex.disconnect();
    sam.disconnect();
    await t.close();
  });

  it('loads the first page newest activity first, with a tri-state status', async () => {
    assert.equal(alex.conversations.store.get().status, 'idle');
    const loading = alex.conversations.load();
    assert.equal(alex.conversations.store.get().status, 'loading');
    await loading;
    const state = alex.conversations.store.get();
    assert.equal(state.status, 'ready');
    assert.ok(state.order.length >= 20);
    const times = state.order.map((id) => Date.parse(state.byId[id]!.lastActivityAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
  });

  it('an inbound message moves its conversation to the top, unread, live', async () => {
    await alex.conversations.load();
    const last = alex.conversations.store.get().order.at(-1)!;
    const phone = alex.conversations.store.get().byId[last]!.contact.phone!;
    await t.simulateSms({ from: phone, body: 'bump me to the top' });
    const state = await waitFor(alex.conversations.store, (s) => s.order[0] === last, 3_000, 'the conversation at the top');
    assert.equal(state.byId[last]!.lastMessage?.preview, 'bump me to the top');
    assert.equal(state.byId[last]!.unread, true);
  });

  it('a message from a new number adds a conversation at the top', async () => {
    await alex.conversations.load();
    await t.simulateSms({ from: '+15553330000', body: 'new here' });
    const state = await waitFor(alex.conversations.store, (s) => s.byId[s.order[0]!]?.contact.phone === '+15553330000', 3_000);
    assert.equal(state.byId[state.order[0]!]!.unread, true);
  });

  it('marking read clears unread at once for this agent only', async () => {
    await Promise.all([alex.conversations.load(), sam.conversations.load()]);
    const id = alex.conversations.store.get().order[0]!;
    assert.equal(alex.conversations.store.get().byId[id]!.unread, true);
    const pending = alex.conversations.markRead(id);
    assert.equal(alex.conversations.store.get().byId[id]!.unread, false, 'optimistic');
    await pending;
    // A later event both see: alex's read state event, had it reached sam, came before it.
    await t.simulateSms({ from: '+15553330099', body: 'sentinel after the read' });
    for (const client of [alex, sam]) await waitFor(client.conversations.store, (s) => Object.values(s.byId).some((c) => c.lastMessage?.preview === 'sentinel after the read'), 3_000, 'the sentinel');
    assert.equal(alex.conversations.store.get().byId[id]!.unread, false);
    assert.equal(sam.conversations.store.get().byId[id]!.unread, true);
  });

  it('loadMore appends older pages until there are none, without duplicates', async () => {
    const client = new ConvClient({ url: t.url, token: await t.token({ user: 'agent-3' }) });
    await client.conversations.load();
    while (client.conversations.store.get().hasMore) await client.conversations.loadMore();
    const state = client.conversations.store.get();
    assert.equal(new Set(state.order).size, state.order.length);
    assert.equal(state.order.length, alex.conversations.store.get().order.length);
    client.disconnect();
  });

  it('fetch returns a conversation that is not loaded, and not_found for a foreign id', async () => {
    const client = new ConvClient({ url: t.url, token: await t.token() });
    const id = alex.conversations.store.get().order[3]!;
    const view = await client.conversations.fetch(id);
    assert.equal(view.id, id);
    await assert.rejects(client.conversations.fetch('01890000-0000-7000-8000-000000000000'), { code: 'not_found' });
    client.disconnect();
  });

  it('contacts load once and show their fields', async () => {
    const id = alex.conversations.store.get().order[5]!;
    const contactId = alex.conversations.store.get().byId[id]!.contact.id;
    const store = alex.contacts.get(contactId);
    const state = await waitFor(store, (s) => s.status === 'ready');
    assert.equal(state.contact?.id, contactId);
    assert.ok(Array.isArray(state.contact?.tags));
    assert.equal(alex.contacts.get(contactId), store, 'one store per contact');
  });
});
