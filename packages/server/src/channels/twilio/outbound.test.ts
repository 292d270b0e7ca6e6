// Sends through the real `twilio` SDK to a loopback server that speaks Twilio's REST API: what
// the dispatcher does with each kind of refusal.
import { redirectedHttpClient } from './client.js';
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityManager } from '@mikro-orm/sql';
import type { Message } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, type TestSocket } from '../../test-support/clients.js';
import { startTwilioApi, type TwilioApi } from '../../test-support/twilio-api.js';
import { sqlAll } from '../../db/sql.js';
import { MAX_SEND_ATTEMPTS, retryDelay } from '../../dispatch/dispatcher.js';
import { TwilioAdapter } from './adapter.js';

const ACCOUNT = `AC${'1'.repeat(32)}`;
const TOKEN = 'loopback-auth-token';
const FROM = '+15550001111';
const WHATSAPP_FROM = '+15550002222';
const MESSAGING_SERVICE = `MG${'2'.repeat(32)}`;
/** The first pause before a retry: long enough to tell a paused retry from an immediate one. */
const RETRY_MS = 200;

describe('sending through Twilio', () => {
  let t: TestServer;
  let api: TwilioApi;
  let alex: TestSocket;
  let conversationId: string;
  let phone: string;

  before(async () => {
    // A short lease, so a send whose outcome never came back is claimed again within seconds.
    t = await startTestServer({ seed: 'demo', outboxRetryMs: RETRY_MS, outboxLeaseMs: 1_000 });
    api = await startTwilioApi(ACCOUNT, TOKEN);
    const account = { accountSid: ACCOUNT, secret: TOKEN, httpClient: redirectedHttpClient(api.url) };
    t.server.channels.register('sms', new TwilioAdapter({ ...account, from: FROM }));
    t.server.channels.register('whatsapp', new TwilioAdapter({ ...account, whatsappFrom: WHATSAPP_FROM }));
    t.server.channels.register('mms', new TwilioAdapter({ ...account, messagingServiceSid: MESSAGING_SERVICE }));
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
    const list = await alex.request('conversations.list', { limit: 50 });
    assert.ok(list.ok);
    const item = (list.data.items as { conversation: { id: string; contact: { phone: string | null } } }[]).find((i) => i.conversation.contact.phone)!;
    conversationId = item.conversation.id;
    phone = item.conversation.contact.phone!;
  });
  after(async () => {
    alex?.close();
    await t?.close();
    await api?.close();
  });
  beforeEach(() => {
    api.requests.length = 0;
    api.times.length = 0;
    api.accepted.length = 0;
  });

  /** Sends by SMS and waits for the send's final state, as the agent's socket hears it. */
  async function send(clientId: string, body: string, channel: 'sms' | 'mms' | 'whatsapp' = 'sms'): Promise<Message> {
    const sent = await alex.request('messages.send', { conversationId, clientId, body, channel });
    assert.ok(sent.ok, JSON.stringify(sent));
    const id = sent.data.id;
    const event = await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === id && ['sent', 'failed'].includes(e.data.message.status), 10_000);
    assert.ok(event.type === 'message.updated');
    return event.data.message;
  }

  type Row = { send_attempts: number; provider_id: string | null; error_code: string | null; from: string };
  /** The message's row, and the number it went from (the workspace's). */
  async function row(id: string): Promise<Row> {
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    return (await sqlAll<Row>(em, 'select m.send_attempts, m.provider_id, m.error_code, w.sms_number as "from" from messages m join workspaces w on w.id = m.workspace_id where m.id = ?', [id]))[0]!;
  }

  it('goes out once with its number, text and a status callback naming the message', async () => {
    const message = await send('twilio-0001', 'Viewing confirmed for Saturday');
    assert.equal(message.status, 'sent');
    assert.equal(api.accepted.length, 1);
    const [accepted] = api.accepted;
    // From the workspace's own number, ahead of the adapter's default.
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    const [workspace] = await sqlAll<{ sms_number: string }>(em, "select sms_number from workspaces where slug = 'demo'");
    assert.notEqual(workspace!.sms_number, FROM);
    assert.deepEqual({ to: accepted!['To'], from: accepted!['From'], body: accepted!['Body'] }, { to: phone, from: workspace!.sms_number, body: 'Viewing confirmed for Saturday' });
    assert.equal(accepted!['StatusCallback'], `${t.url}/webhooks/twilio/demo/status?message=${message.id}`);
    assert.equal((await row(message.id)).provider_id, accepted!.sid);
  });

  it('429 twice, then success: one message at Twilio, sent on the third attempt', async () => {
    api.script({ status: 429, code: 20429, message: 'Too Many Requests' }, { status: 429, code: 20429, message: 'Too Many Requests' });
    const started = Date.now();
    const message = await send('twilio-0002', 'After a busy moment');
    assert.equal(message.status, 'sent');
    assert.equal(api.requests.length, 3);
    // Each retry waits its pause (at least half of the first one), and its own timer brings it,
    // well before the dispatcher's 2 s safety poll would.
    for (let i = 1; i < api.times.length; i++) assert.ok(api.times[i]! - api.times[i - 1]! >= RETRY_MS / 2, `pause ${i}: ${api.times[i]! - api.times[i - 1]!} ms`);
    assert.ok(Date.now() - started < 1_900, `sent after ${Date.now() - started} ms`);
    assert.equal(api.accepted.length, 1);
    const stored = await row(message.id);
    assert.equal(stored.send_attempts, 3);
    assert.equal(stored.provider_id, api.accepted[0]!.sid);
  });

  it('an invalid number fails at once, with a reason the agent can act on', async () => {
    api.script({ status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
    const message = await send('twilio-0003', 'Hello');
    assert.equal(message.status, 'failed');
    assert.deepEqual(message.error, { code: '21211', message: "This phone number is not valid. Check the contact's number and try again." });
    assert.equal(api.requests.length, 1, 'not tried again');
    assert.equal(api.accepted.length, 0);
  });

  it('an opted-out contact (21610) fails at once and says how they opt back in', async () => {
    api.script({ status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    const message = await send('twilio-0004', 'Any update?');
    assert.equal(message.status, 'failed');
    assert.match(message.error!.message, /replied STOP.*texting START/);
    assert.equal(api.requests.length, 1);
  });

  it(`5xx every time: failed after ${MAX_SEND_ATTEMPTS} attempts, saying so, and nothing at Twilio`, async () => {
    api.script(...Array.from({ length: MAX_SEND_ATTEMPTS }, () => ({ status: 503, code: 20503, message: 'Service Unavailable' })));
    const message = await send('twilio-0005', 'Are you there?');
    assert.equal(message.status, 'failed');
    assert.equal(message.error!.code, '20503');
    assert.equal(message.error!.message, `Twilio could not take the message (HTTP 503). Tried ${MAX_SEND_ATTEMPTS} times: send it again later.`);
    assert.equal(api.requests.length, MAX_SEND_ATTEMPTS);
    assert.equal(api.accepted.length, 0);
    assert.equal((await row(message.id)).send_attempts, MAX_SEND_ATTEMPTS);
  });

  it(`a send whose outcome never comes back is tried ${MAX_SEND_ATTEMPTS} times, then fails as unconfirmed`, { timeout: 40_000 }, async () => {
    api.script(...Array.from({ length: MAX_SEND_ATTEMPTS }, () => ({ status: 0 })));
    const sent = await alex.request('messages.send', { conversationId, clientId: 'twilio-0008', body: 'Lost on the way', channel: 'sms' });
    assert.ok(sent.ok);
    const event = await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === sent.data.id, 30_000);
    assert.ok(event.type === 'message.updated');
    assert.equal(event.data.message.status, 'failed');
    assert.equal(event.data.message.error!.code, 'unconfirmed');
    assert.match(event.data.message.error!.message, /provider may have received it: check with the contact/);
    assert.equal(api.requests.length, MAX_SEND_ATTEMPTS, 'never more than the attempts');
  });

  it('a send whose answer was lost after Twilio took it is found at Twilio, never sent twice', async () => {
    api.script({ status: 201, hangUp: true });
    api.lists.length = 0;
    const message = await send('twilio-0009', 'Taken, answer lost');
    assert.equal(message.status, 'sent');
    assert.equal(api.requests.length, 1, 'one request to create it');
    assert.equal(api.accepted.length, 1, 'one message at Twilio');
    assert.deepEqual(api.lists.map((q) => ({ to: q.To, from: q.From })), [{ to: phone, from: (await row(message.id)).from }]);
    const stored = await row(message.id);
    assert.equal(stored.provider_id, api.accepted[0]!.sid);
    assert.equal(stored.send_attempts, 2);
  });

  it('reconciliation does not take a message another send holds', async () => {
    const first = await send('twilio-0010', 'Same words');
    assert.equal(first.status, 'sent');
    // The second send with the same words is lost before Twilio takes it. Twilio's list then holds
    // the first send's message, which is not this one: it is sent again.
    api.script({ status: 0 });
    const second = await send('twilio-0011', 'Same words');
    assert.equal(api.requests.length, 3);
    assert.equal(api.accepted.length, 2);
    assert.equal((await row(second.id)).provider_id, api.accepted[1]!.sid);
    assert.equal((await row(first.id)).provider_id, api.accepted[0]!.sid);
  });

  it('WhatsApp goes between whatsapp: addresses, from the WhatsApp sender', async () => {
    // The contact wrote on WhatsApp just now: its 24-hour window is open.
    assert.equal((await t.simulateSms({ from: `whatsapp:${phone}`, body: 'Can you send photos?' })).status, 200);
    const message = await send('twilio-0006', 'Photos attached on WhatsApp', 'whatsapp');
    assert.equal(message.status, 'sent');
    assert.deepEqual({ to: api.accepted[0]!['To'], from: api.accepted[0]!['From'] }, { to: `whatsapp:${phone}`, from: `whatsapp:${WHATSAPP_FROM}` });
  });

  it('through a Messaging Service, which picks the sender', async () => {
    const message = await send('twilio-0007', 'Sent through the service', 'mms');
    assert.equal(message.status, 'sent');
    assert.equal(api.accepted[0]!['MessagingServiceSid'], MESSAGING_SERVICE);
    assert.equal(api.accepted[0]!['From'], undefined);
  });
});

describe('the Twilio adapter on its own', () => {
  const outbound = { id: 'm1', workspaceId: 'w1', channel: 'sms' as const, body: 'Hi', subject: null, to: { phone: '+15550200000', email: null }, from: null, statusCallback: null, mediaUrls: [] };

  it('refuses before calling Twilio when no sender is set, saying what an admin must set', async () => {
    const api = await startTwilioApi(ACCOUNT, TOKEN);
    try {
      const adapter = new TwilioAdapter({ accountSid: ACCOUNT, secret: TOKEN, httpClient: redirectedHttpClient(api.url) });
      assert.deepEqual(await adapter.send(outbound), { ok: false, code: 'no_sender', message: 'No sending number or Messaging Service is set for this workspace: an admin must set one in its Twilio settings.', retryable: false });
      assert.equal((await adapter.send({ ...outbound, channel: 'whatsapp' })).ok, false);
      assert.equal(api.requests.length, 0);
    } finally {
      await api.close();
    }
  });

  it('an unreachable Twilio is retryable: nothing left this machine', async () => {
    const api = await startTwilioApi(ACCOUNT, TOKEN);
    const httpClient = redirectedHttpClient(api.url);
    await api.close();
    const adapter = new TwilioAdapter({ accountSid: ACCOUNT, secret: TOKEN, from: FROM, httpClient });
    assert.deepEqual(await adapter.send(outbound), { ok: false, code: 'twilio_unreachable', message: 'Twilio could not be reached.', retryable: true });
  });

  it('an error it has no words for keeps Twilio’s own, with the page that explains it', async () => {
    const api = await startTwilioApi(ACCOUNT, TOKEN);
    try {
      api.script({ status: 400, code: 21999, message: 'Something unusual' });
      const adapter = new TwilioAdapter({ accountSid: ACCOUNT, secret: TOKEN, from: FROM, httpClient: redirectedHttpClient(api.url) });
      assert.deepEqual(await adapter.send(outbound), {
        ok: false,
        code: '21999',
        message: 'Twilio refused this message (error 21999): Something unusual See https://www.twilio.com/docs/errors/21999',
        retryable: false,
      });
    } finally {
      await api.close();
    }
  });
});

describe('the pause before a retry', () => {
  it('doubles from the base, spread over its upper half, and stops growing at five minutes', () => {
    assert.equal(retryDelay(1, 2_000, () => 0), 1_000);
    assert.equal(retryDelay(1, 2_000, () => 1), 2_000);
    assert.equal(retryDelay(3, 2_000, () => 1), 8_000);
    assert.equal(retryDelay(3, 2_000, () => 0), 4_000);
    assert.equal(retryDelay(20, 2_000, () => 1), 300_000);
  });
});

describe('what a log keeps of an error', () => {
  it('never the request an HTTP error carries, with its Authorization header', async () => {
    const { loggableError } = await import('../../server.js');
    const error = Object.assign(new Error('timeout of 15000ms exceeded'), { code: 'ECONNABORTED', config: { headers: { Authorization: `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}` } }, request: { _header: `Authorization: Basic secret` } });
    const logged = JSON.stringify(loggableError(error));
    assert.ok(!logged.includes('Basic'), logged);
    assert.match(logged, /"code":"ECONNABORTED"/);
  });

  it('the adapter throws nothing that holds the credentials when Twilio’s answer is lost', async () => {
    const api = await startTwilioApi(ACCOUNT, TOKEN);
    try {
      api.script({ status: 201, hangUp: true });
      const adapter = new TwilioAdapter({ accountSid: ACCOUNT, secret: TOKEN, from: FROM, httpClient: redirectedHttpClient(api.url) });
      const thrown = await adapter.send({ id: 'm1', workspaceId: 'w1', channel: 'sms', body: 'Hi', subject: null, to: { phone: '+15550200000', email: null }, from: null, statusCallback: null, mediaUrls: [] }).then(() => null, (error: unknown) => error);
      assert.ok(thrown instanceof Error);
      const everything = JSON.stringify(thrown, Object.getOwnPropertyNames(thrown)) + JSON.stringify({ ...(thrown as object) });
      assert.ok(!everything.includes(TOKEN) && !everything.includes(Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')), everything);
    } finally {
      await api.close();
    }
  });
});
