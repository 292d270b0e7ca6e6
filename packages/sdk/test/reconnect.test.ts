import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConvClient } from '@convkit/sdk';
import { startTestServer, type TestServer } from '@convkit/server/testing';
import { findWorkspaceBySlug, workspaceRoom } from '@convkit/server';
import { startCuttableProxy, type CuttableProxy } from './support/cuttable-proxy.js';
import { record, waitFor } from './support/wait.js';

describe('reconnect sync loses nothing', () => {
  let t: TestServer;
  let proxy: CuttableProxy;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    proxy = await startCuttableProxy(t.url);
  });
  after(async () => {
    await proxy.close();
    await t.close();
  });

  it('50 inbound messages during a network cut are all in the store after reconnect, once each, in order', async () => {
    const phone = '+15552220000';
    await t.simulateSms({ from: phone, body: 'before the cut' });
    const client = new ConvClient({ url: proxy.url, token: await t.token(), transports: ['websocket'] });
    await client.conversations.load();
    const id = client.conversations.store.get().order[0]!;
    assert.equal(client.conversations.store.get().byId[id]!.contact.phone, phone);
    const thread = client.threads.get(id);
    await waitFor(thread, (s) => s.status === 'ready');
    const statuses = record(client.status);

    proxy.cut();
    await waitFor(client.status, (s) => s === 'reconnecting', 5_000, 'the client to notice the cut');
    for (let i = 1; i <= 50; i++) {
      const result = await t.simulateSms({ from: phone, body: `during the cut ${i}` });
      assert.equal(result.status, 200);
    }
    assert.equal(client.status.get(), 'reconnecting', 'still cut off while the messages arrived');
    proxy.restore();

    const state = await waitFor(thread, (s) => s.messages.filter((m) => m.body.startsWith('during the cut')).length >= 50, 15_000, 'all 50 messages');
    const during = state.messages.filter((m) => m.body.startsWith('during the cut'));
    assert.deepEqual(during.map((m) => m.body), Array.from({ length: 50 }, (_, i) => `during the cut ${i + 1}`));
    assert.equal(new Set(state.messages.map((m) => m.id)).size, state.messages.length, 'no duplicates');
    const seqs = state.messages.map((m) => m.seq);
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), 'dense and ordered');
    const list = client.conversations.store.get();
    assert.equal(list.order[0], id);
    assert.equal(list.byId[id]!.lastMessage?.preview, 'during the cut 50');
    assert.ok(statuses.states.includes('reconnecting') && statuses.states.at(-1) === 'connected');
    client.disconnect();
  });

  it('a gap in event seqs (a lost packet) is filled from events.since without reconnecting', async () => {
    const client = new ConvClient({ url: t.url, token: await t.token({ user: 'gap-agent' }) });
    await waitFor(client.session, Boolean);
    await client.conversations.load();
    const statuses = record(client.status);
    const room = workspaceRoom(client.session.get()!.workspace.id);
    const sockets = (await t.server.io.fetchSockets()).filter((s) => s.data.auth.user.externalId === 'gap-agent');
    assert.equal(sockets.length, 1);
    // The server stops sending to this one socket for two events: they are lost in transit.
    sockets[0]!.leave(room);
    await t.simulateSms({ from: '+15551110001', body: 'lost 1' });
    await t.simulateSms({ from: '+15551110002', body: 'lost 2' });
    sockets[0]!.join(room);
    await t.simulateSms({ from: '+15551110003', body: 'after the gap' });
    const state = await waitFor(client.conversations.store, (s) => ['lost 1', 'lost 2', 'after the gap'].every((body) => Object.values(s.byId).some((c) => c.lastMessage?.preview === body)), 5_000, 'the lost events');
    assert.equal(state.byId[state.order[0]!]!.lastMessage?.preview, 'after the gap');
    assert.deepEqual(statuses.states, ['connected'], 'filled without a reconnect');
    client.disconnect();
  });

  it('too far behind to replay: the views reload, and events then follow from the newest seq', async () => {
    const far = await startTestServer({ seed: 'demo', limits: { catchUpEvents: 5 } });
    try {
      const client = new ConvClient({ url: far.url, token: await far.token({ user: 'far-agent' }) });
      await waitFor(client.session, Boolean);
      await client.conversations.load();
      const statuses = record(client.status);
      const room = workspaceRoom(client.session.get()!.workspace.id);
      const [socket] = (await far.server.io.fetchSockets()).filter((s) => s.data.auth.user.externalId === 'far-agent');
      // Eight events lost in transit: more than the five this server replays.
      socket!.leave(room);
      for (let i = 1; i <= 8; i++) await far.simulateSms({ from: `+1555120000${i}`, body: `missed ${i}` });
      socket!.join(room);
      await far.simulateSms({ from: '+15551210000', body: 'after the gap' });
      await waitFor(client.conversations.store, (s) => [1, 2, 3, 4, 5, 6, 7, 8].every((i) => Object.values(s.byId).some((c) => c.lastMessage?.preview === `missed ${i}`)), 5_000, 'the reloaded list');
      const latest = async () => (await findWorkspaceBySlug(far.server.orm, 'demo'))!.lastEventSeq;
      assert.equal(client.lastEventSeq, await latest(), 'following from the newest seq');
      const metrics = await (await fetch(`${far.url}/metrics`)).text();
      assert.match(metrics, /convkit_command_duration_seconds_count\{command="events.since",outcome="resync_required"\} 1\n/, 'the server told it to resync, once');

      // The next event is the next seq: applied as it comes, not taken for another gap.
      await far.simulateSms({ from: '+15551210001', body: 'live again' });
      await waitFor(client.conversations.store, (s) => Object.values(s.byId).some((c) => c.lastMessage?.preview === 'live again'), 5_000, 'the live message');
      assert.equal(client.lastEventSeq, await latest());
      assert.deepEqual(statuses.states, ['connected'], 'no reconnect on the way');
      client.disconnect();
    } finally {
      await far.close();
    }
  });
});
