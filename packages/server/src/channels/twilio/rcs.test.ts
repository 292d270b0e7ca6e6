// RCS through Twilio: a workspace sending through a Messaging Service with an RCS sender has
// Twilio try RCS first and fall back to SMS or MMS by itself. The status callbacks' sender says
// which carried each message, and the thread keeps it (`meta.via`), a stale report never
// undoing a later one. A contact writing over RCS is the same contact, on the SMS channel, and
// their STOP counts as on SMS.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Message, ServerEvent } from '@convkit/sdk/protocol';
import type { TestServer } from '../../testing/index.js';
import { restClient, type TestSocket } from '../../test-support/clients.js';
import type { TwilioApi } from '../../test-support/twilio-api.js';
import { postSignedForm, startLiveWorkspace, type LiveWorkspace } from '../../test-support/twilio-workspace.js';
import { twilioDeliveryReport } from './status.js';
import { startTestServer } from '../../testing/index.js';
import { connectSocket } from '../../test-support/clients.js';
import { postSimulatedSms } from './simulator.js';
import { sqlAll } from '../../db/sql.js';
import type { EntityManager } from '@mikro-orm/sql';

const ACCOUNT = `AC${'a'.repeat(32)}`;
const TOKEN = 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1';
const NUMBER = '+15550005555';
const SERVICE = `MG${'5'.repeat(32)}`;
const RCS_SENDER = 'rcs:harbor_realty_agent';

type Updated = Extract<ServerEvent, { type: 'message.updated' }>;

describe('RCS through a Messaging Service', () => {
  let live: LiveWorkspace;
  let t: TestServer;
  let api: TwilioApi;
  let alex: TestSocket;

  before(async () => {
    live = await startLiveWorkspace(ACCOUNT, TOKEN, NUMBER);
    ({ t, api, alex } = live);
    const admin = restClient(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
    const saved = await admin('PUT', '/v1/workspace/twilio', { accountSid: ACCOUNT, messagingNumbers: [NUMBER], messagingServiceSid: SERVICE });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
  });
  after(async () => live?.close());

  const report = (message: Message, sid: string, status: string, from: string) =>
    postSignedForm(`${t.url}/webhooks/twilio/demo/status?message=${message.id}`, TOKEN, { AccountSid: ACCOUNT, MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status, From: from, To: '+15550200000', MessagingServiceSid: SERVICE });

  const updated = async (id: string, done: (m: Message) => boolean) => ((await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === id && done(e.data.message), 10_000)) as Updated).data.message;

  async function send(body: string): Promise<{ message: Message; sid: string }> {
    const sent = await alex.request('messages.send', { conversationId: live.conversationId, clientId: `rcs-${body.length}-${Date.now()}`, body, channel: 'sms' });
    assert.ok(sent.ok, JSON.stringify(sent));
    const message = await updated(sent.data.id, (m) => m.status === 'sent');
    return { message, sid: api.accepted.find((m) => m['Body'] === body)!.sid };
  }

  it('goes through the Messaging Service, and the thread keeps that RCS carried it', async () => {
    const { message, sid } = await send('Your inspection report is ready');
    assert.equal(api.accepted.find((m) => m.sid === sid)!['MessagingServiceSid'], SERVICE);
    assert.equal(await report(message, sid, 'delivered', RCS_SENDER), 200);
    const delivered = await updated(message.id, (m) => m.status === 'delivered');
    assert.equal(delivered.meta.via, 'rcs');
    assert.equal(await report(message, sid, 'read', RCS_SENDER), 200);
    assert.equal((await updated(message.id, (m) => m.status === 'read')).meta.via, 'rcs');
  });

  it('says SMS when Twilio fell back, and a late RCS report does not undo it', async () => {
    const { message, sid } = await send('Reminder: inspection tomorrow at 9');
    await report(message, sid, 'sent', RCS_SENDER);
    await updated(message.id, (m) => m.meta.via === 'rcs');
    // The fallback at the same stage: sent again, from the number.
    await report(message, sid, 'sent', NUMBER);
    await updated(message.id, (m) => m.meta.via === 'sms');
    await report(message, sid, 'sent', RCS_SENDER);
    await report(message, sid, 'delivered', NUMBER);
    const fellBack = await updated(message.id, (m) => m.status === 'delivered');
    assert.equal(fellBack.meta.via, 'sms');
    const before = alex.events.length;
    await report(message, sid, 'sent', RCS_SENDER);
    const page = await alex.request('messages.list', { conversationId: live.conversationId, limit: 100 });
    assert.ok(page.ok);
    assert.equal((page.data.items as Message[]).find((m) => m.id === message.id)!.meta.via, 'sms');
    assert.equal(alex.events.length, before, 'nothing changed, so nothing was announced');
  });

  it('reads the carrier from the sender only for texts: none for WhatsApp or a report without a sender', () => {
    const carrier = (from?: string) => twilioDeliveryReport('ws', null, { MessageSid: 'SM1', MessageStatus: 'sent', ...(from ? { From: from } : {}) })!.via;
    assert.deepEqual([carrier(RCS_SENDER), carrier(NUMBER), carrier('whatsapp:+15550005555'), carrier()], ['rcs', 'sms', null, null]);
  });

  it('takes a message over RCS as one from the same contact, on SMS, STOP included', async () => {
    const phone = '+15550301200';
    const inbound = (body: string, sid: string, from: string, to: string) =>
      postSignedForm(`${t.url}/webhooks/twilio/demo/sms`, TOKEN, { AccountSid: ACCOUNT, MessageSid: sid, SmsMessageSid: sid, From: from, To: to, Body: body, NumMedia: '0', MessagingServiceSid: SERVICE });
    const created = (body: string) => alex.waitForEvent((e) => e.type === 'message.created' && e.data.message.body === body, 10_000) as Promise<Extract<ServerEvent, { type: 'message.created' }>>;

    const overRcs = created('Hi, is Saturday still on?');
    assert.equal(await inbound('Hi, is Saturday still on?', `SM${'1'.repeat(32)}`, `rcs:${phone}`, RCS_SENDER), 200);
    const first = (await overRcs).data;
    assert.equal(first.message.channel, 'sms');
    assert.equal(first.message.meta.via, 'rcs');
    assert.equal(first.conversation.contact.phone, phone);

    const bySms = created('Also, can I bring my contractor?');
    await inbound('Also, can I bring my contractor?', `SM${'2'.repeat(32)}`, phone, NUMBER);
    assert.equal((await bySms).data.message.conversationId, first.message.conversationId);

    await inbound('STOP', `SM${'3'.repeat(32)}`, `rcs:${phone}`, RCS_SENDER);
    const reach = await alex.request('contacts.reachability', { id: first.conversation.contact.id });
    assert.ok(reach.ok);
    const sms = reach.data.channels.find((c: { channel: string }) => c.channel === 'sms');
    assert.equal(sms.reason, 'opted_out');
  });
});

describe('RCS without a Messaging Service (sandbox)', () => {
  it("files a STOP over RCS under the workspace's SMS sender, so texts are refused after it", async () => {
    const t = await startTestServer({ seed: 'demo' });
    const alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
    try {
      const em = t.server.orm.em.fork() as unknown as EntityManager;
      const [ws] = await sqlAll<{ twilio_account_sid: string; twilio_auth_token: string; sms_number: string }>(em, "select twilio_account_sid, twilio_auth_token, sms_number from workspaces where slug = 'demo'");
      const signing = { baseUrl: t.url, workspaceSlug: 'demo', accountSid: ws!.twilio_account_sid, authToken: ws!.twilio_auth_token, to: ws!.sms_number, rcs: { senderId: 'demo_agent' } };
      const phone = '+15550301300';
      const first = alex.waitForEvent((e) => e.type === 'message.created' && e.data.conversation.contact.phone === phone, 10_000) as Promise<Extract<ServerEvent, { type: 'message.created' }>>;
      assert.equal((await postSimulatedSms({ ...signing, from: phone, body: 'Hi there' })).status, 200);
      const contactId = (await first).data.conversation.contact.id;
      assert.equal((await postSimulatedSms({ ...signing, from: phone, body: 'STOP' })).status, 200);
      const reach = await alex.request('contacts.reachability', { id: contactId });
      assert.ok(reach.ok);
      assert.equal(reach.data.channels.find((c: { channel: string }) => c.channel === 'sms').reason, 'opted_out');
    } finally {
      alex.close();
      await t.close();
    }
  });
});
