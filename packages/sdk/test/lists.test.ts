// Many live lists on one client: a host's sections (an inspection app's Inspectors, Agents and
// Clients) and an unread badge share one socket, one event stream and one conversation cache.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConvClient, type ConversationList } from '@convkit/sdk';
import { startTestServer, type TestServer } from '@convkit/server/testing';
import { record, waitFor } from './support/wait.js';

describe('live lists sharing one client', () => {
  let t: TestServer;
  let client: ConvClient;
  const lists: ConversationList[] = [];
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    client = new ConvClient({ url: t.url, token: await t.token({ user: 'sections-agent' }) });
    await waitFor(client.session, Boolean);
  });
  after(async () => {
    for (const list of lists) list.dispose();
    client.disconnect();
    await t.close();
  });

  function section(group: string): ConversationList {
    const list = client.conversations.list({ view: 'all', filter: { group } });
    lists.push(list);
    return list;
  }

  it('three grouped sections and a badge open exactly one socket, and each shows its own group', async () => {
    const [inspectors, agents, clients] = [section('inspector'), section('agent'), section('client')];
    await Promise.all([inspectors.load(), agents.load(), clients.load()]);
    await waitFor(client.unread, (n) => n !== null);
    assert.equal(t.server.io.engine.clientsCount, 1);
    for (const [list, group] of [[inspectors, 'inspector'], [agents, 'agent'], [clients, 'client']] as const) {
      const state = await waitFor(list.store, (s) => s.status === 'ready' && s.counts !== null, 5_000, `the ${group} section`);
      assert.ok(state.order.length > 0, `${group} has conversations`);
      assert.ok(state.order.every((id) => state.byId[id]!.contact.group === group), `${group} shows only its group`);
      assert.equal(state.hasMore, false, 'the demo sections fit one page');
      assert.equal(state.counts!.all, state.order.length, `${group}'s counts are its own`);
    }
  });

  it("an inbound message for a contact in one group comes to the top of that section only, live", async () => {
    const [inspectors, agents, clients] = lists as [ConversationList, ConversationList, ConversationList];
    const agentsBefore = agents.store.get();
    const target = agentsBefore.byId[agentsBefore.order.at(-1)!]!;
    const others = [inspectors, clients].map((list) => record(list.store));
    await t.simulateSms({ from: target.contact.phone!, body: 'for the agents section' });
    const after = await waitFor(agents.store, (s) => s.order[0] === target.id && s.byId[target.id]!.lastMessage?.preview === 'for the agents section', 5_000, 'the message in the agents section');
    assert.equal(after.order.length, agentsBefore.order.length);
    for (const other of others) {
      other.stop();
      assert.ok(other.states.every((s) => !s.order.includes(target.id)), 'never shown in another section');
    }
  });

  it('a disposed list stops following: no more updates, and the client forgets it', async () => {
    const list = section('client');
    await list.load();
    const target = (await waitFor(list.store, (s) => s.status === 'ready')).order.at(-1)!;
    const states = record(list.store);
    list.dispose();
    const phone = client.conversations.byId.get()[target]!.contact.phone!;
    await t.simulateSms({ from: phone, body: 'after the dispose' });
    await waitFor(client.conversations.byId, (byId) => byId[target]?.lastMessage?.preview === 'after the dispose', 5_000, 'the cache to follow');
    states.stop();
    assert.equal(states.states.length, 1, 'the disposed list changed no more');
    await list.load();
    assert.equal(list.store.get().status, 'ready', 'load() on a disposed list does nothing');
  });
});

describe('a list whose query changes', () => {
  // Tight limits hold the new query's page back for up to a second, so an event for an old row
  // arrives, deterministically, while the page is on its way.
  let t: TestServer;
  let client: ConvClient;
  before(async () => {
    t = await startTestServer({ seed: 'demo', limits: { socketCommands: { burst: 6, perSecond: 1 } } });
    client = new ConvClient({ url: t.url, token: await t.token({ user: 'switching-agent' }) });
    await waitFor(client.session, Boolean);
  });
  after(async () => {
    client.disconnect();
    await t.close();
  });

  it('never shows the old rows again, even for an event that arrives while the new page loads', async () => {
    const list = client.conversations.list({ view: 'all', filter: { group: 'lender' } });
    await list.load();
    const lenders = await waitFor(list.store, (s) => s.status === 'ready');
    const lender = lenders.byId[lenders.order[0]!]!;
    // Spend the bucket: a refusal tells the client to hold commands back until it refills.
    await Promise.allSettled(Array.from({ length: 8 }, () => client.request('labels.list', {})));
    await waitFor(client.rateLimit, (limit) => limit !== null, 5_000, 'the client to hold commands back');
    const states = record(list.store);
    const switching = list.setQuery({ filter: { group: 'inspector' } });
    await t.simulateSms({ from: lender.contact.phone!, body: 'while the inspectors load' });
    await waitFor(client.conversations.byId, (byId) => byId[lender.id]?.lastMessage?.preview === 'while the inspectors load', 5_000, 'the event applied');
    assert.equal(list.store.get().status, 'loading', 'the event arrived before the new page');
    await switching;
    states.stop();
    const afterSwitch = states.states.slice(1);
    assert.equal(afterSwitch.at(-1)!.status, 'ready');
    assert.ok(afterSwitch.every((s) => s.order.every((id) => s.byId[id]!.contact.group === 'inspector')), 'only inspectors once the query changed');
    list.dispose();
  });
});

describe('a list and the connection', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
  });
  after(async () => t.close());

  it('asked to load before the host connects the client, waits and fills once it does', async () => {
    const client = new ConvClient({ url: t.url, token: await t.token({ user: 'late-connector' }), autoConnect: false });
    try {
      const list = client.conversations.list();
      const states = record(list.store);
      const loading = list.load();
      assert.equal(list.store.get().status, 'loading');
      client.connect();
      await loading;
      states.stop();
      assert.equal(list.store.get().status, 'ready');
      assert.ok(list.store.get().order.length > 0);
      assert.ok(states.states.every((s) => s.status !== 'error'), 'never an error on the way');
    } finally {
      client.disconnect();
    }
  });
});
