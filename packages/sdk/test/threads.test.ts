import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConvClient, isConvError } from '@convkit/sdk';
import { startTestServer, type TestServer } from '@convkit/server/testing';
import { record, waitFor } from './support/wait.js';

describe('threads and optimistic sends', () => {
  let t: TestServer;
  let alex: ConvClient;
  let sam: ConvClient;
  let conversationId: string;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    alex = new ConvClient({ url: t.url, token: await t.token({ user: 'agent-1', name: 'Alex Rivera' }) });
    sam = new ConvClient({ url: t.url, token: await t.token({ user: 'agent-2', name: 'Sam Patel' }) });
    await Promise.all([waitFor(alex.session, Boolean), waitFor(sam.session, Boolean)]);
    await alex.conversations.load();
    conversationId = alex.conversations.store.get().order[0]!;
  });
  after(async () => {
    alex.disconnect();
    sam.disconnect();
    await t.close();
  });

  it('loads the newest page in seq order', async () => {
    const state = await waitFor(alex.threads.get(conversationId), (s) => s.status === 'ready');
    const seqs = state.messages.map((m) => m.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
    assert.ok(seqs.length > 0);
  });

  it('a send shows at once as pending, then as sent, in both agents\' threads', async () => {
    const mine = alex.threads.get(conversationId);
    const theirs = sam.threads.get(conversationId);
    await Promise.all([waitFor(mine, (s) => s.status === 'ready'), waitFor(theirs, (s) => s.status === 'ready')]);
    const history = record(mine);
    const sending = alex.messages.send({ conversationId, body: 'On my way' });
    const optimistic = mine.get().messages.at(-1)!;
    assert.equal(optimistic.body, 'On my way');
    assert.equal(optimistic.pending, true);
    assert.equal(optimistic.status, 'pending');
    assert.equal(optimistic.author.name, 'Alex Rivera');
    const stored = await sending;
    await waitFor(mine, (s) => s.messages.some((m) => m.id === stored.id && m.status === 'sent'), 3_000, 'sent in my thread');
    await waitFor(theirs, (s) => s.messages.some((m) => m.id === stored.id && m.status === 'sent'), 3_000, 'sent in their thread');
    assert.equal(mine.get().messages.filter((m) => m.body === 'On my way').length, 1, 'the optimistic copy was replaced, not duplicated');
    const statuses = history.states.map((s) => s.messages.find((m) => m.clientId === optimistic.clientId)?.status).filter(Boolean);
    assert.equal(statuses[0], 'pending');
    assert.equal(statuses.at(-1), 'sent');
    history.stop();
  });

  it('a send into a thread not opened yet: opening it later loads its history around the sent message', async () => {
    const list = alex.conversations.store.get();
    const unopened = list.order.at(-1)!;
    const stored = await alex.messages.send({ conversationId: unopened, body: 'Sent before the thread was opened' });
    const state = await waitFor(alex.threads.get(unopened), (s) => s.status === 'ready', 5_000, 'the thread loads');
    assert.ok(state.messages.some((m) => m.id !== stored.id && m.seq < stored.seq), 'the messages before the send are there');
    assert.equal(state.messages.filter((m) => m.body === 'Sent before the thread was opened').length, 1);
  });

  it('a send the server refuses shows as failed with the reason, and can be retried', async () => {
    const list = alex.conversations.store.get();
    const noEmail = list.order.find((id) => !list.byId[id]!.contact.email)!;
    const thread = alex.threads.get(noEmail);
    await waitFor(thread, (s) => s.status === 'ready');
    const error = await alex.messages.send({ conversationId: noEmail, body: 'by email', channel: 'email' }).catch((e: unknown) => e);
    assert.ok(isConvError(error));
    assert.equal(error.code, 'channel_unavailable');
    const failed = thread.get().messages.at(-1)!;
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error?.code, 'channel_unavailable');
    await assert.rejects(alex.messages.retry(noEmail, failed.clientId!), { code: 'channel_unavailable' });
  });

  it('Retry sends again a message the carrier did not deliver, from a page that did not send it', async () => {
    const mine = alex.threads.get(conversationId);
    await waitFor(mine, (s) => s.status === 'ready');
    // The sandbox reports a text containing "fail" undelivered, as Twilio reports error 30003.
    const sent = await alex.messages.send({ conversationId, body: 'This will fail to arrive', channel: 'sms' });
    const theirs = sam.threads.get(conversationId);
    const undelivered = (s: { messages: { id: string; status: string }[] }) => s.messages.some((m) => m.id === sent.id && m.status === 'undelivered');
    await waitFor(theirs, undelivered, 5_000, 'undelivered in their thread');
    const copies = () => t.server.sandbox.sent.filter((m) => m.id === sent.id).length;
    assert.equal(copies(), 1);
    const history = record(theirs);
    const retried = await sam.messages.retry(conversationId, sent.clientId!);
    assert.equal(retried.id, sent.id);
    assert.equal(retried.status, 'queued');
    await waitFor(theirs, (s) => history.states.some((h) => h.messages.some((m) => m.id === sent.id && m.status === 'sent')) && undelivered(s), 5_000, 'sent again, and undelivered again');
    history.stop();
    assert.equal(copies(), 2, 'it went to the provider a second time');
    assert.equal(theirs.get().messages.filter((m) => m.id === sent.id).length, 1);
  });

  it('notes go through the same path and show as sent without a channel', async () => {
    const thread = alex.threads.get(conversationId);
    const note = await alex.messages.send({ conversationId, body: 'Gate code is 4411', kind: 'note' });
    assert.equal(note.kind, 'note');
    await waitFor(thread, (s) => s.messages.some((m) => m.id === note.id && m.status === 'sent'));
  });

  it('a thread or contact that failed to load loads again on reload', async () => {
    const offline = new ConvClient({ url: t.url, token: await t.token(), autoConnect: false });
    const contactId = alex.conversations.store.get().byId[conversationId]!.contact.id;
    const thread = offline.threads.get(conversationId);
    const contact = offline.contacts.get(contactId);
    await waitFor(thread, (s) => s.status === 'error');
    await waitFor(contact, (s) => s.status === 'error');
    assert.equal(thread.get().error?.code, 'disconnected');
    offline.connect();
    await waitFor(offline.status, (s) => s === 'connected');
    await Promise.all([offline.threads.reload(conversationId), offline.contacts.reload(contactId)]);
    assert.equal(thread.get().status, 'ready');
    assert.ok(thread.get().messages.length > 0);
    assert.equal(contact.get().contact?.id, contactId);
    offline.disconnect();
  });

  it('loadOlder pages back to the first message', async () => {
    for (let i = 0; i < 55; i++) await t.simulateSms({ from: '+15556660000', body: `history ${i}` });
    await waitFor(alex.conversations.store, (s) => s.byId[s.order[0]!]?.contact.phone === '+15556660000');
    const id = alex.conversations.store.get().order[0]!;
    const thread = alex.threads.get(id);
    const first = await waitFor(thread, (s) => s.status === 'ready');
    assert.equal(first.hasMoreBefore, true);
    await alex.threads.loadOlder(id);
    const all = thread.get();
    assert.deepEqual(all.messages.map((m) => m.seq), Array.from({ length: 55 }, (_, i) => i + 1));
    assert.equal(all.hasMoreBefore, false);
  });
});
