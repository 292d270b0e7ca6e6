import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';

describe('sending from the composer', () => {
  let t: TestServer;
  let alex: TestSocket;
  let sam: TestSocket;
  let conversationId: string;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
    sam = await connectSocket(t.url, await t.token({ user: 'agent-2', name: 'Sam Patel' }));
    const list = await alex.request('conversations.list', { limit: 1 });
    assert.ok(list.ok);
    conversationId = list.data.items[0].conversation.id;
  });
  after(async () => {
    alex.close();
    sam.close();
    await t.close();
  });

  it('a reply is stored queued, then the sandbox channel marks it sent, and every agent hears both', async () => {
    const result = await alex.request('messages.send', { conversationId, clientId: 'reply-0001', body: 'Saturday works!' });
    assert.ok(result.ok);
    assert.equal(result.data.status, 'queued');
    assert.equal(result.data.direction, 'outbound');
    assert.equal(result.data.author.name, 'Alex Rivera');
    assert.equal(result.data.channel, 'sms', 'defaults to the channel the contact last wrote on');
    const id = result.data.id;
    for (const socket of [alex, sam]) {
      await socket.waitForEvent((e) => e.type === 'message.created' && e.data.message.id === id);
      const updated = await socket.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === id);
      assert.equal(updated.type === 'message.updated' && updated.data.message.status, 'sent');
    }
    assert.ok(t.server.sandbox.sent.some((m) => m.body === 'Saturday works!' && m.to.phone));
  });

  it('a retried send with the same clientId stores one message', async () => {
    const params = { conversationId, clientId: 'reply-0002', body: 'Only once, please' };
    const [a, b] = await Promise.all([alex.request('messages.send', params), alex.request('messages.send', params)]);
    const c = await alex.request('messages.send', params);
    assert.ok(a.ok && b.ok && c.ok);
    assert.equal(a.data.id, b.data.id);
    assert.equal(a.data.id, c.data.id);
    const page = await alex.request('messages.list', { conversationId, limit: 100 });
    assert.ok(page.ok);
    assert.equal(page.data.items.filter((m: any) => m.body === 'Only once, please').length, 1);
  });

  it('replying marks the thread read for the one who replied only', async () => {
    await t.simulateSms({ from: '+15559990000', body: 'Anyone there?' });
    const list = await alex.request('conversations.list', { limit: 1 });
    assert.ok(list.ok);
    const id = list.data.items[0].conversation.id;
    assert.equal(list.data.items[0].conversation.contact.phone, '+15559990000');
    await alex.request('messages.send', { conversationId: id, clientId: 'reply-0003', body: 'Yes!' });
    const mine = await alex.request('conversations.get', { id });
    const theirs = await sam.request('conversations.get', { id });
    assert.ok(mine.ok && theirs.ok);
    assert.equal(mine.data.readState.lastReadSeq, mine.data.conversation.lastSeq);
    assert.equal(theirs.data.readState.lastReadSeq, 0);
  });

  it('an internal note is stored as sent, without a channel, and is never handed to a channel', async () => {
    // Sends of the tests before this one may still be on their way to the channel: count after them.
    await t.server.dispatcher.idle();
    const before = t.server.sandbox.sent.length;
    const result = await sam.request('messages.send', { conversationId, clientId: 'note-00001', body: 'Call her back after 5', kind: 'note' });
    assert.ok(result.ok);
    assert.equal(result.data.kind, 'note');
    assert.equal(result.data.channel, null);
    assert.equal(result.data.status, 'sent');
    await t.server.dispatcher.idle();
    assert.equal(t.server.sandbox.sent.length, before);
  });

  it('email to a contact without an address is refused with channel_unavailable and stores nothing', async () => {
    const list = await restClient(t.url, await t.token())('GET', '/v1/conversations?limit=100');
    const noEmail = list.body.items.find((i: any) => !i.conversation.contact.email);
    const before = noEmail.conversation.lastSeq;
    const result = await alex.request('messages.send', { conversationId: noEmail.conversation.id, clientId: 'email-0001', body: 'hello', channel: 'email' });
    assert.equal(!result.ok && result.error.code, 'channel_unavailable');
    const after = await alex.request('conversations.get', { id: noEmail.conversation.id });
    assert.ok(after.ok);
    assert.equal(after.data.conversation.lastSeq, before);
  });

  it('an event is only emitted after its write is readable', async () => {
    const seen = new Promise<any>((resolve) => {
      sam.socket.once('event', async (event: any) => {
        // Ask for the thread the moment the event arrives: the message must already be there.
        const page = await sam.request('messages.list', { conversationId: event.data.message.conversationId, after: event.data.message.seq - 1 });
        resolve({ event, page });
      });
    });
    await t.simulateSms({ from: '+15559990001', body: 'Read-your-event' });
    const { event, page } = await seen;
    assert.equal(event.type, 'message.created');
    assert.ok(page.ok);
    assert.equal(page.data.items[0].body, 'Read-your-event');
  });
});
