// The send gate through the SDK, as a composer uses it: ask before the agent types, hear what
// changes the answer, and record an agent's decision.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConvClient, isConvError, type ServerEvent } from '@convkit/sdk';
import { startTestServer, type TestServer } from '@convkit/server/testing';
import { eventually, waitFor } from './support/wait.js';

describe('consent and the send gate from the SDK', () => {
  let t: TestServer;
  let alex: ConvClient;
  const heard: ServerEvent[] = [];

  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    alex = new ConvClient({ url: t.url, token: await t.token({ user: 'agent-1', name: 'Alex Rivera' }) });
    await waitFor(alex.session, Boolean);
    alex.onEvent((event) => heard.push(event));
  });
  after(async () => {
    alex.disconnect();
    await t.close();
  });

  async function conversationOf(phone: string) {
    await alex.conversations.load();
    const state = await waitFor(alex.conversations.store, (s) => s.order.some((id) => s.byId[id]!.contact.phone === phone), 5_000, 'the conversation');
    return state.byId[state.order.find((id) => state.byId[id]!.contact.phone === phone)!]!;
  }

  it('says before a send that a contact who texted STOP cannot be reached, and the send is refused the same way', async () => {
    await t.simulateSms({ from: '+15558400001', body: 'Hello' });
    const conversation = await conversationOf('+15558400001');
    const before = await alex.request('contacts.reachability', { id: conversation.contact.id });
    assert.equal(before.channels.find((c) => c.channel === 'sms')!.ok, true);
    await t.simulateSms({ from: '+15558400001', body: 'STOP' });
    await eventually(() => heard.some((e) => e.type === 'message.created' && e.data.message.body === 'STOP'), 5_000, 'the STOP arrives as an event');
    const sms = (await alex.request('contacts.reachability', { id: conversation.contact.id })).channels.find((c) => c.channel === 'sms')!;
    assert.deepEqual([sms.ok, sms.reason], [false, 'opted_out']);
    const refused = await alex.messages.send({ conversationId: conversation.id, body: 'Still there?', channel: 'sms' }).catch((error: unknown) => error);
    assert.ok(isConvError(refused));
    assert.equal(refused.code, 'channel_unavailable');
    assert.equal(refused.message, sms.message);
  });

  it('records an agent confirming a flagged text, and every client hears it', async () => {
    await t.simulateSms({ from: '+15558400002', body: 'please remove me from your list' });
    const conversation = await conversationOf('+15558400002');
    const sms = (await alex.request('contacts.reachability', { id: conversation.contact.id })).channels.find((c) => c.channel === 'sms')!;
    assert.equal(sms.flagged?.text, 'please remove me from your list');
    const entry = await alex.request('consent.set', { contactId: conversation.contact.id, channel: 'sms', status: 'revoked', messageId: sms.flagged!.messageId! });
    assert.equal(entry.status, 'revoked');
    await eventually(() => heard.some((e) => e.type === 'consent.updated' && e.data.entry.id === entry.id), 5_000, 'consent.updated');
    const { items } = await alex.request('consent.list', { contactId: conversation.contact.id });
    assert.deepEqual(items.map((i) => i.status), ['revoked', 'flagged']);
  });
});
