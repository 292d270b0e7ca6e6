// Sends through the real `twilio` SDK to a loopback server that speaks Twilio's REST API: what
// the dispatcher does with each kind of refusal.
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

describe('sending through Twilio', () => {
  let t: TestServer;
  let api: TwilioApi;
  let alex: TestSocket;
  let conversationId: string;
  let phone: string;

  before(async () => {
    // Pauses of a few milliseconds, so five attempts take a moment.
    t = await startTestServer({ seed: 'demo', outboxRetryMs: 5 });
    api = await startTwilioApi(ACCOUNT, TOKEN);
    t.server.channels.register('sms', new TwilioAdapter({ accountSid: ACCOUNT, secret: TOKEN, from: FROM, httpClient: api.httpClient(), statusCallback: (id) => `${t.url}/webhooks/twilio/status?message=${id}` }));
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
    api.accepted.length = 0;
  });

  /** Sends by SMS and waits for the send's final state, as the agent's socket hears it. */
  async function send(clientId: string, body: string): Promise<Message> {
    const sent = await alex.request('messages.send', { conversationId, clientId, body, channel: 'sms' });
    assert.ok(sent.ok, JSON.stringify(sent));
    const id = sent.data.id;
    const event = await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === id && ['sent', 'failed'].includes(e.data.message.status), 10_000);
    assert.ok(event.type === 'message.updated');
    return event.data.message;
  }

  async function row(id: string): Promise<{ send_attempts: number; provider_id: string | null; error_code: string | null }> {
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    return (await sqlAll<{ send_attempts: number; provider_id: string | null; error_code: string | null }>(em, 'select send_attempts, provider_id, error_code from messages where id = ?', [id]))[0]!;
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
    assert.equal(accepted!['StatusCallback'], `${t.url}/webhooks/twilio/status?message=${message.id}`);
    assert.equal((await row(message.id)).provider_id, accepted!.sid);
  });

  it('429 twice, then success: one message at Twilio, sent on the third attempt', async () => {
    api.script({ status: 429, code: 20429, message: 'Too Many Requests' }, { status: 429, code: 20429, message: 'Too Many Requests' });
    const message = await send('twilio-0002', 'After a busy moment');
    assert.equal(message.status, 'sent');
    assert.equal(api.requests.length, 3);
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
    assert.match(message.error!.message, new RegExp(`HTTP 503.*Gave up after ${MAX_SEND_ATTEMPTS} attempts`));
    assert.equal(api.requests.length, MAX_SEND_ATTEMPTS);
    assert.equal(api.accepted.length, 0);
    assert.equal((await row(message.id)).send_attempts, MAX_SEND_ATTEMPTS);
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
