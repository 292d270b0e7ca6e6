import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConvClient, isConvError } from '@convkit/sdk';
import { startTestServer, type TestServer } from '@convkit/server/testing';
import { record, waitFor } from './support/wait.js';

describe('triage in the SDK: views, filters, counts and actions, live', () => {
  let t: TestServer;
  let alex: ConvClient; // admin
  let sam: ConvClient; // agent
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    alex = new ConvClient({ url: t.url, token: await t.token({ user: 'agent-1', role: 'admin' }) });
    sam = new ConvClient({ url: t.url, token: await t.token({ user: 'agent-2', role: 'agent' }) });
    await Promise.all([waitFor(alex.session, Boolean), waitFor(sam.session, Boolean)]);
  });
  after(async () => {
    alex.disconnect();
    sam.disconnect();
    await t.close();
  });

  const listed = (client: ConvClient) => client.conversations.store.get().order;
  /** conversations.counts commands the server has answered, from its own metrics. */
  async function countsCommandsServed(): Promise<number> {
    const text = await (await fetch(`${t.url}/metrics`)).text();
    const lines = text.split('\n').filter((line) => line.startsWith('convkit_command_duration_seconds_count{') && line.includes('command="conversations.counts"'));
    return lines.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  }

  async function newThread(phone: string): Promise<string> {
    await t.simulateSms({ from: phone, body: `hi from ${phone}` });
    const state = await waitFor(alex.conversations.store, (s) => Object.values(s.byId).some((c) => c.contact.phone === phone), 3_000, `a thread for ${phone}`);
    return Object.values(state.byId).find((c) => c.contact.phone === phone)!.id;
  }

  it('switching views reloads the list and counts for that view', async () => {
    await alex.conversations.setQuery({ view: 'starred', filter: {} });
    const state = await waitFor(alex.conversations.store, (s) => s.status === 'ready' && s.counts !== null);
    assert.equal(state.order.length, state.counts!.starred);
    assert.ok(state.order.every((id) => state.byId[id]!.readState.starred));
    await alex.conversations.setQuery({ view: 'archived' });
    const archived = await waitFor(alex.conversations.store, (s) => s.status === 'ready' && s.query.view === 'archived');
    assert.ok(archived.order.length > 0 && archived.order.every((id) => archived.byId[id]!.status === 'archived'));
  });

  it('the unread badge counts this agent\'s unread conversations and rises when an SMS arrives', async () => {
    const before = await waitFor(sam.unread, (n) => n !== null);
    await t.simulateSms({ from: '+15550400001', body: 'badge me' });
    await waitFor(sam.unread, (n) => n === before! + 1, 3_000, 'the badge to rise');
  });

  it('counts and badge follow changes as the server pushes them: no client asks again', async () => {
    await sam.conversations.setQuery({ view: 'all', filter: { channel: 'sms' } });
    const before = await waitFor(sam.conversations.store, (s) => s.status === 'ready' && s.counts !== null && s.query.filter.channel === 'sms');
    const badge = await waitFor(sam.unread, (n) => n !== null);
    // The sentinel: a search, whose counts the server cannot push, so the client asks again after
    // a change, once the changes settle. Another list that asked again would do so with it.
    const search = sam.conversations.list({ view: 'all', filter: { search: 'counted' } });
    await search.load();
    await waitFor(search.store, (s) => s.counts !== null, 3_000, "the search's counts");
    const asked = await countsCommandsServed();
    await t.simulateSms({ from: '+15550400009', body: 'counted without asking' });
    await waitFor(sam.conversations.store, (s) => s.counts?.all === before.counts!.all + 1, 3_000, 'the sms counts to rise');
    await waitFor(sam.unread, (n) => n === badge! + 1, 3_000, 'the badge to rise');
    await waitFor(search.store, (s) => s.counts?.all === 1, 3_000, "the search's counts, asked for again");
    assert.equal(await countsCommandsServed(), asked + 1, "conversations.counts requests after the event: the search's alone");
    search.dispose();
    await sam.conversations.setQuery({ view: 'all', filter: {} });
  });

  it('starring is optimistic and moves the conversation into Starred live', async () => {
    const id = await newThread('+15550400002');
    await sam.conversations.setQuery({ view: 'starred', filter: {} });
    await waitFor(sam.conversations.store, (s) => s.status === 'ready');
    const starring = sam.conversations.star(id, true);
    assert.equal(listed(sam)[0], id, 'in Starred at once');
    await starring;
    await waitFor(sam.conversations.store, (s) => s.counts?.starred === s.order.length, 3_000, 'counts to follow');
    await sam.conversations.star(id, false);
    assert.ok(!listed(sam).includes(id));
  });

  it('archiving moves a conversation out of All for every agent, and a reply brings it back', async () => {
    const id = await newThread('+15550400003');
    await sam.conversations.setQuery({ view: 'all', filter: {} });
    await waitFor(sam.conversations.store, (s) => s.status === 'ready' && s.order.includes(id));
    await alex.conversations.archive(id);
    await waitFor(sam.conversations.store, (s) => !s.order.includes(id), 3_000, 'gone from All');
    await t.simulateSms({ from: '+15550400003', body: 'back again' });
    const state = await waitFor(sam.conversations.store, (s) => s.order[0] === id, 3_000, 'back on top');
    assert.equal(state.byId[id]!.unread, true);
  });

  it('a refused change reverts and says why', async () => {
    const id = await newThread('+15550400004');
    const before = alex.conversations.store.get().byId[id]!.assigneeId;
    const error = await alex.conversations.assign(id, '01890000-0000-7000-8000-000000000000').catch((e: unknown) => e);
    assert.ok(isConvError(error) && error.code === 'not_found');
    assert.equal(alex.conversations.store.get().byId[id]!.assigneeId, before);
  });

  it('filters keep the list live: a conversation labelled elsewhere joins the filtered list', async () => {
    await alex.labels.load();
    const label = alex.labels.store.get().items.find((l) => l.name === 'Referral')!;
    const id = await newThread('+15550400005');
    await sam.conversations.setQuery({ view: 'all', filter: { labelId: label.id } });
    await waitFor(sam.conversations.store, (s) => s.status === 'ready');
    assert.ok(!listed(sam).includes(id));
    await alex.conversations.addLabel(id, label.id);
    await waitFor(sam.conversations.store, (s) => s.order.includes(id), 3_000, 'joins the label filter');
    await alex.conversations.removeLabel(id, label.id);
    await waitFor(sam.conversations.store, (s) => !s.order.includes(id), 3_000, 'leaves it');
  });

  it('delete is refused to agents and removes the conversation everywhere for admins', async () => {
    const id = await newThread('+15550400006');
    await assert.rejects(sam.conversations.delete(id), { code: 'forbidden' });
    await sam.conversations.setQuery({ view: 'all', filter: {} });
    await waitFor(sam.conversations.store, (s) => s.order.includes(id));
    await alex.conversations.delete(id);
    await waitFor(sam.conversations.store, (s) => !s.byId[id], 3_000, 'deleted for Sam too');
  });

  it('a bulk action reports progress and ends done with its result', async () => {
    const ids = [await newThread('+15550400007'), await newThread('+15550400008')];
    const states = record(alex.conversations.bulkState);
    const result = await alex.conversations.bulk({ ids }, { type: 'markUnread' });
    assert.deepEqual(result, { matched: 2, changed: 2 });
    assert.equal(alex.conversations.bulkState.get().status, 'done');
    assert.equal(states.states[1]?.status, 'running');
    assert.ok(ids.every((id) => alex.conversations.store.get().byId[id]!.unread));
    states.stop();
  });

  it('users and labels load for pickers', async () => {
    await sam.users.load();
    assert.ok(sam.users.store.get().items.some((u) => u.externalId === 'agent-1'));
    await assert.rejects(sam.labels.create('Nope', '#000000'), { code: 'forbidden' });
    const created = await alex.labels.create('Open house', '#0ea5e9');
    await sam.labels.load();
    await waitFor(sam.labels.store, (s) => s.items.some((l) => l.id === created.id));
  });
});
