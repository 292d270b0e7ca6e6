// Consent as a contact and an agent live it: STOP, START, a revocation in other words, a double
// opt-in, a new sending number, do-not-disturb and WhatsApp's window, each through the real
// webhook path and the gate every send asks.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityManager } from '@mikro-orm/sql';
import type { ChannelReach, ConsentEntry } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';
import { isPostgres, sqlAll } from '../../db/sql.js';

describe('consent, opt-out and the send gate', () => {
  let t: TestServer;
  let alex: TestSocket;
  let phoneSeq = 0;

  before(async () => {
    t = await startTestServer({ seed: 'demo', sandboxDeliveryMs: 10 });
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
  });
  after(async () => {
    alex?.close();
    await t?.close();
  });

  const em = () => t.server.orm.em.fork() as unknown as EntityManager;

  /** A new contact who has just texted in: its conversation and contact ids. */
  async function contactWhoWrote(body = 'Hi, is the house still for sale?', from = `+1555830${String(++phoneSeq).padStart(4, '0')}`) {
    assert.equal((await t.simulateSms({ from, body })).status, 200);
    const [row] = await sqlAll<{ conversation_id: string; contact_id: string }>(em(), 'select c.id as conversation_id, c.contact_id from conversations c join contacts p on p.id = c.contact_id where p.phone = ?', [from]);
    return { conversationId: row!.conversation_id, contactId: row!.contact_id, phone: from };
  }

  async function reach(contactId: string, channel = 'sms'): Promise<ChannelReach> {
    const answer = await alex.request('contacts.reachability', { id: contactId });
    assert.ok(answer.ok, JSON.stringify(answer));
    return (answer.data.channels as ChannelReach[]).find((c) => c.channel === channel)!;
  }

  const send = (conversationId: string, body: string, channel = 'sms') => alex.request('messages.send', { conversationId, clientId: `consent-${Math.random()}`, body, channel });

  it('STOP refuses every text before the provider, saying why; START allows them again', async () => {
    const { conversationId, contactId, phone } = await contactWhoWrote();
    assert.ok((await send(conversationId, 'Yes it is!')).ok);
    await t.simulateSms({ from: phone, body: '  stop ' });
    const sms = await reach(contactId);
    assert.deepEqual([sms.ok, sms.reason, sms.consent], [false, 'opted_out', 'revoked']);
    assert.match(sms.message!, /opted out of messages from \+15550100000 \(they replied STOP on \d{4}-\d{2}-\d{2}\)\. They can opt back in by texting START\./);
    assert.equal((await reach(contactId, 'mms')).reason, 'opted_out', 'SMS consent covers MMS');
    const sentBefore = t.server.sandbox.sent.length;
    const refused = await send(conversationId, 'Just one more thing');
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'channel_unavailable');
    assert.equal(refused.error.details?.reason, 'opted_out');
    assert.equal(refused.error.message, sms.message);
    assert.equal(t.server.sandbox.sent.length, sentBefore, 'nothing reached the provider');

    await t.simulateSms({ from: phone, body: 'START' });
    assert.equal((await reach(contactId)).ok, true);
    assert.ok((await send(conversationId, 'Welcome back')).ok);
    const ledger = await alex.request('consent.list', { contactId });
    assert.ok(ledger.ok);
    const entries = ledger.data.items as ConsentEntry[];
    assert.deepEqual(entries.map((e) => [e.status, e.source, e.note]), [['granted', 'keyword', 'START'], ['revoked', 'keyword', 'stop']]);
    assert.ok(entries.every((e) => e.messageId && e.sender === '+15550100000'));
  });

  it('a text that reads like a revocation is flagged, and an agent confirms it in one step', async () => {
    const { conversationId, contactId } = await contactWhoWrote('please stop texting me');
    const flagged = await reach(contactId);
    assert.equal(flagged.ok, true, 'flagged, not acted on');
    assert.equal(flagged.flagged?.text, 'please stop texting me');
    const heard = alex.events.length;
    const confirmed = await alex.request('consent.set', { contactId, channel: 'sms', status: 'revoked', messageId: flagged.flagged!.messageId });
    assert.ok(confirmed.ok, JSON.stringify(confirmed));
    assert.deepEqual([confirmed.data.status, confirmed.data.source, confirmed.data.userName], ['revoked', 'agent', 'Alex Rivera']);
    await alex.waitForEvent((e) => alex.events.indexOf(e) >= heard && e.type === 'consent.updated' && e.data.contactId === contactId);
    const after = await reach(contactId);
    assert.deepEqual([after.ok, after.reason, after.flagged], [false, 'opted_out', null]);
    assert.match(after.message!, /recorded by Alex Rivera/);
    assert.equal((await send(conversationId, 'Sorry!')).ok, false);
  });

  it('a flag an agent dismisses goes away, and consent stays as it was; a newer flag stays', async () => {
    const { contactId, phone } = await contactWhoWrote('remove me from your list');
    const first = (await reach(contactId)).flagged!;
    assert.ok(first);
    // Another one arrives while the agent still looks at the first.
    await t.simulateSms({ from: phone, body: 'seriously, stop texting me' });
    assert.ok((await alex.request('consent.set', { contactId, channel: 'sms', status: 'dismissed', messageId: first.messageId! })).ok);
    const after = await reach(contactId);
    assert.deepEqual([after.ok, after.flagged?.text, after.consent], [true, 'seriously, stop texting me', null]);
    assert.ok((await alex.request('consent.set', { contactId, channel: 'sms', status: 'dismissed', messageId: after.flagged!.messageId! })).ok);
    assert.equal((await reach(contactId)).flagged, null);
  });

  it('after a STOP, neither a confirmation request nor an agent’s grant goes through; a Retry is refused too', async () => {
    const { conversationId, contactId, phone } = await contactWhoWrote();
    const sent = await send(conversationId, 'One thing before you go');
    assert.ok(sent.ok);
    await t.simulateSms({ from: phone, body: 'STOP' });
    for (const status of ['pending', 'granted'] as const) {
      const answer = await alex.request('consent.set', { contactId, channel: 'sms', status });
      assert.equal(!answer.ok && answer.error.code, 'conflict', status);
      assert.match(!answer.ok ? answer.error.message : '', /replied STOP: only they can opt back in, by texting START/);
    }
    assert.equal((await reach(contactId)).consent, 'revoked');
    // As if the provider had refused it: only a failed message can be retried.
    await t.server.dispatcher.idle();
    await sqlAll(em(), "update messages set status = 'failed' where id = ?", [sent.data.id]);
    const retried = await alex.request('messages.retry', { id: sent.data.id });
    assert.equal(!retried.ok && retried.error.details?.reason, 'opted_out');
  });

  it('double opt-in: pending sends the confirmation request, nothing else goes, and YES grants', async () => {
    const { conversationId, contactId, phone } = await contactWhoWrote();
    const heard = alex.events.length;
    const pending = await alex.request('consent.set', { contactId, channel: 'sms', status: 'pending' });
    assert.ok(pending.ok, JSON.stringify(pending));
    const request = await alex.waitForEvent((e) => alex.events.indexOf(e) >= heard && e.type === 'message.updated' && e.data.message.author.type === 'automation' && e.data.message.status === 'delivered', 5_000);
    assert.ok(request.type === 'message.updated');
    assert.match(request.data.message.body, /reply YES to receive messages/);
    assert.equal(request.data.message.author.name, 'Auto');
    const waiting = await reach(contactId);
    assert.deepEqual([waiting.ok, waiting.reason], [false, 'consent_pending']);
    assert.equal((await send(conversationId, 'Are you there?')).ok, false);
    await t.simulateSms({ from: phone, body: 'Yes' });
    assert.deepEqual([(await reach(contactId)).ok, (await reach(contactId)).consent], [true, 'granted']);
    // YES means nothing without a request: it is a message like any other.
    const other = await contactWhoWrote('YES');
    assert.equal((await reach(other.contactId)).consent, null);
  });

  it('consent does not follow the number: a new sending number needs new consent', async () => {
    const { contactId, phone } = await contactWhoWrote();
    await t.simulateSms({ from: phone, body: 'START' });
    assert.equal((await reach(contactId)).consent, 'granted');
    await sqlAll(em(), "update workspaces set sms_number = '+15550109999', consent_required = ? where slug = 'demo'", [isPostgres(em()) ? true : 1]);
    try {
      const moved = await reach(contactId);
      assert.deepEqual([moved.sender, moved.consent, moved.ok, moved.reason], ['+15550109999', null, false, 'no_consent']);
      assert.match(moved.message!, /has not agreed to receive messages from \+15550109999/);
    } finally {
      await sqlAll(em(), "update workspaces set sms_number = '+15550100000', consent_required = ? where slug = 'demo'", [isPostgres(em()) ? false : 0]);
    }
  });

  it('do-not-disturb and WhatsApp’s 24-hour window say why', async () => {
    const { conversationId, contactId, phone } = await contactWhoWrote();
    const dnd = await alex.request('contacts.update', { id: contactId, dnd: ['sms'] });
    assert.ok(dnd.ok, JSON.stringify(dnd));
    assert.deepEqual(dnd.data.dnd, ['sms']);
    assert.equal((await reach(contactId)).reason, 'dnd');
    assert.match((await reach(contactId)).message!, /set to Do Not Disturb for SMS/);
    assert.equal((await reach(contactId, 'mms')).reason, 'dnd', 'SMS do-not-disturb covers MMS');
    assert.equal((await reach(contactId, 'email')).reason, 'no_address', 'other channels keep their own answer');
    const whatsapp = await reach(contactId, 'whatsapp');
    assert.deepEqual([whatsapp.ok, whatsapp.reason], [false, 'whatsapp_window']);
    const refused = await send(conversationId, 'On WhatsApp?', 'whatsapp');
    assert.equal(!refused.ok && refused.error.details?.reason, 'whatsapp_window');
    await t.simulateSms({ from: `whatsapp:${phone}`, body: 'Hi on WhatsApp' });
    assert.equal((await reach(contactId, 'whatsapp')).ok, true);
    await sqlAll(em(), "update messages set created_at = created_at - ? where channel = 'whatsapp' and author_id = ?", [25 * 3600 * 1000, contactId]);
    assert.equal((await reach(contactId, 'whatsapp')).reason, 'whatsapp_window');
  });

  it('a STOP that arrives while a send waits in the outbox stops it there', async () => {
    const { conversationId, contactId, phone } = await contactWhoWrote();
    // The outbox paused, so the STOP lands between the send and its dispatch.
    await t.server.dispatcher.stop();
    let queued;
    try {
      queued = await send(conversationId, 'Going out soon');
      assert.ok(queued.ok);
      await t.simulateSms({ from: phone, body: 'STOP' });
    } finally {
      t.server.dispatcher.start();
    }
    const id = queued.data.id;
    const failed = await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === id && e.data.message.status === 'failed', 5_000);
    assert.ok(failed.type === 'message.updated');
    assert.equal(failed.data.message.error?.code, 'opted_out');
    assert.ok(!t.server.sandbox.sent.some((m) => m.id === id));
    assert.equal((await reach(contactId)).reason, 'opted_out');
  });

  it('HELP is answered with the workspace’s help text, which an admin sets', async () => {
    const { phone, contactId } = await contactWhoWrote();
    const first = await t.simulateSms({ from: phone, body: 'help' });
    assert.equal(first.status, 200);
    assert.match(first.body, /<Response><Message>Harbor Realty: reply STOP to stop messages, START to get them again\.<\/Message><\/Response>/);
    const boss = await connectSocket(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
    try {
      assert.ok((await boss.request('workspace.update', { helpText: 'Acme <Homes>: call 555-0100 for help. Reply STOP to opt out.' })).ok);
      const second = await t.simulateSms({ from: phone, body: 'HELP' });
      assert.match(second.body, /<Message>Acme &lt;Homes&gt;: call 555-0100 for help\. Reply STOP to opt out\.<\/Message>/);
      const after = await reach(contactId);
      assert.deepEqual([after.ok, after.consent, after.flagged], [true, null, null], 'HELP changes no consent');
    } finally {
      await boss.request('workspace.update', { helpText: null });
      boss.close();
    }
  });

  it('exports the ledger as CSV for admins, with the message that caused each entry', async () => {
    const agent = restClient(t.url, await t.token({ user: 'agent-1' }));
    assert.equal((await agent('GET', '/v1/consent/export.csv')).status, 403);
    const response = await fetch(`${t.url}/v1/consent/export.csv`, { headers: { authorization: `Bearer ${await t.token({ user: 'admin-1', role: 'admin' })}` } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/csv/);
    const lines = (await response.text()).trim().split('\r\n');
    assert.equal(lines[0], 'created_at,contact_id,contact_name,contact_phone,channel,sender,status,source,message_id,message_text,agent,note');
    assert.ok(lines.some((l) => /,sms,\+15550100000,revoked,keyword,[0-9a-f-]{36},  stop ,,stop$/.test(l)), 'the STOP, with its message');
    assert.ok(lines.some((l) => l.includes(',flagged,inbound_text,') && l.includes('please stop texting me')));
    assert.ok(lines.some((l) => l.endsWith(',Alex Rivera,') && l.includes(',revoked,agent,')));
    // A text a spreadsheet would run as a formula is not one in the export.
    const { contactId } = await contactWhoWrote('=HYPERLINK("http://evil.example","stop texting me")');
    const again = await (await fetch(`${t.url}/v1/consent/export.csv`, { headers: { authorization: `Bearer ${await t.token({ user: 'admin-1', role: 'admin' })}` } })).text();
    assert.ok(again.includes(`,"'=HYPERLINK(""http://evil.example"",""stop texting me"")",`), contactId);
  });
});
