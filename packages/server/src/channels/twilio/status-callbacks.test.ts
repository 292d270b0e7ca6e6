// A workspace with its own Twilio account sends through it, and Twilio's status callbacks move
// each message forward only: signed, in any order, early, twice, or aimed at another workspace.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@convkit/sdk/protocol';
import type { EntityManager } from '@mikro-orm/sql';
import type { TestServer } from '../../testing/index.js';
import { restClient, type TestSocket } from '../../test-support/clients.js';
import type { TwilioApi } from '../../test-support/twilio-api.js';
import { postSignedForm, startLiveWorkspace, type LiveWorkspace } from '../../test-support/twilio-workspace.js';
import { sqlAll } from '../../db/sql.js';

const ACCOUNT = `AC${'e'.repeat(32)}`;
const TOKEN = '0123456789abcdef0123456789abcdef';
const NUMBER = '+15550004444';

describe('status callbacks from Twilio', () => {
  let live: LiveWorkspace;
  let t: TestServer;
  let api: TwilioApi;
  let alex: TestSocket;
  let conversationId: string;
  let acmeToken: string;

  before(async () => {
    live = await startLiveWorkspace(ACCOUNT, TOKEN, NUMBER);
    ({ t, api, alex, conversationId } = live);
    // Another workspace in sandbox mode, with its own (simulator) token.
    await t.createWorkspace('acme');
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    acmeToken = (await sqlAll<{ twilio_auth_token: string }>(em, "select twilio_auth_token from workspaces where slug = 'acme'"))[0]!.twilio_auth_token;
  });
  after(async () => live?.close());

  /** Sends by SMS and waits until Twilio has it and the dispatcher has recorded the answer. */
  async function send(clientId: string, body: string): Promise<{ message: Message; sid: string }> {
    const sent = await alex.request('messages.send', { conversationId, clientId, body, channel: 'sms' });
    assert.ok(sent.ok, JSON.stringify(sent));
    const event = await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === sent.data.id && e.data.message.status !== 'queued', 10_000);
    assert.ok(event.type === 'message.updated');
    const accepted = api.accepted.find((m) => m['Body'] === body)!;
    return { message: event.data.message, sid: accepted.sid };
  }

  /** Posts a status callback as Twilio would, signed with `token` over `signedUrl` (by default the URL posted to). */
  const callback = (path: string, params: Record<string, string>, token = TOKEN, signedUrl?: string) => postSignedForm(t.url + path, token, params, signedUrl);

  const report = (sid: string, status: string, extra: Record<string, string> = {}) => ({ AccountSid: ACCOUNT, MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status, To: '+15550200000', From: NUMBER, ApiVersion: '2010-04-01', ...extra });

  async function statusOf(id: string): Promise<Message> {
    const page = await alex.request('messages.list', { conversationId, limit: 100 });
    assert.ok(page.ok);
    return (page.data.items as Message[]).find((m) => m.id === id)!;
  }

  it('goes out from the workspace’s own number, with a callback URL naming the message', async () => {
    const { message, sid } = await send('status-0001', 'Keys are under the mat');
    assert.equal(message.status, 'sent');
    const accepted = api.accepted.find((m) => m.sid === sid)!;
    assert.equal(accepted['From'], NUMBER);
    assert.equal(accepted['StatusCallback'], `${t.url}/webhooks/twilio/demo/status?message=${message.id}`);
  });

  it('moves forward only: a late "sent" never undoes "delivered"', async () => {
    const { message, sid } = await send('status-0002', 'See you at 10');
    const path = `/webhooks/twilio/demo/status?message=${message.id}`;
    assert.equal(await callback(path, report(sid, 'delivered')), 200);
    const delivered = await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === message.id && e.data.message.status === 'delivered');
    assert.ok(delivered);
    const eventsBefore = alex.events.length;
    assert.equal(await callback(path, report(sid, 'sent')), 200);
    assert.equal(await callback(path, report(sid, 'queued')), 200);
    // Five copies of the same report at once change nothing more.
    const copies = await Promise.all(Array.from({ length: 5 }, () => callback(path, report(sid, 'delivered'))));
    assert.deepEqual(copies, [200, 200, 200, 200, 200]);
    assert.equal((await statusOf(message.id)).status, 'delivered');
    assert.equal(alex.events.length, eventsBefore, 'no event for a report that changed nothing');
    assert.equal(await callback(path, report(sid, 'read')), 200);
    assert.equal((await statusOf(message.id)).status, 'read');
  });

  it('a failure carries Twilio’s code and a reason an agent can act on', async () => {
    const { message, sid } = await send('status-0003', 'Final offer attached');
    assert.equal(await callback(`/webhooks/twilio/demo/status?message=${message.id}`, report(sid, 'undelivered', { ErrorCode: '30007' })), 200);
    const failed = await statusOf(message.id);
    assert.equal(failed.status, 'undelivered');
    assert.equal(failed.error?.code, '30007');
    assert.match(failed.error!.message, /filtered this message as spam/);
    // An ending is final: a delivery report after it changes nothing.
    await callback(`/webhooks/twilio/demo/status?message=${message.id}`, report(sid, 'delivered'));
    assert.equal((await statusOf(message.id)).status, 'undelivered');
  });

  it('a report that names no message is matched by its MessageSid', async () => {
    const { message, sid } = await send('status-0004', 'Matched by sid');
    assert.equal(await callback('/webhooks/twilio/demo/status', report(sid, 'delivered')), 200);
    assert.equal((await statusOf(message.id)).status, 'delivered');
  });

  it('refuses unsigned, tampered and wrongly signed reports, and changes nothing', async () => {
    const { message, sid } = await send('status-0005', 'Not yet delivered');
    const path = `/webhooks/twilio/demo/status?message=${message.id}`;
    const unsigned = await fetch(t.url + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(report(sid, 'delivered')).toString() });
    assert.equal(unsigned.status, 403);
    assert.equal(await callback(path, report(sid, 'delivered'), TOKEN, `${t.url}/webhooks/twilio/demo/status?message=other`), 403);
    assert.equal(await callback(path, report(sid, 'delivered'), acmeToken), 403, "another workspace's token");
    assert.equal((await statusOf(message.id)).status, 'sent');
  });

  it("a report sent to another workspace's URL, naming this one's message, changes nothing", async () => {
    const { message, sid } = await send('status-0006', 'Cross-workspace');
    assert.equal(await callback(`/webhooks/twilio/acme/status?message=${message.id}`, report(sid, 'failed', { ErrorCode: '30003' }), acmeToken), 200);
    assert.equal(await callback('/webhooks/twilio/acme/status', report(sid, 'failed'), acmeToken), 200);
    assert.equal((await statusOf(message.id)).status, 'sent');
  });

  it('a report that arrives before Twilio’s answer to the send is kept, and the answer does not undo it', async () => {
    // Twilio takes the message, reports it delivered, and only then answers the send.
    api.script({ status: 201, delayMs: 600 });
    let reported: Promise<number> | undefined;
    api.onAccepted((accepted) => {
      const id = new URL(accepted['StatusCallback']!).searchParams.get('message')!;
      reported = callback(`/webhooks/twilio/demo/status?message=${id}`, report(accepted.sid, 'delivered'));
    });
    try {
      const sent = await alex.request('messages.send', { conversationId, clientId: 'status-0007', body: 'Early report', channel: 'sms' });
      assert.ok(sent.ok);
      await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === sent.data.id && e.data.message.status === 'delivered', 10_000);
      assert.equal(await reported, 200);
      await t.server.dispatcher.idle();
      const final = await statusOf(sent.data.id);
      assert.equal(final.status, 'delivered');
      assert.equal(api.accepted.filter((m) => m['Body'] === 'Early report').length, 1);
    } finally {
      api.onAccepted(() => {});
    }
  });

  it("checks signatures over the workspace's public URL, with or without the default port", async () => {
    const admin = restClient(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
    const saved = await admin('PUT', '/v1/workspace/twilio', { accountSid: ACCOUNT, messagingNumbers: [NUMBER], publicUrl: 'https://inbox.example.com/' });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.webhooks.status, 'https://inbox.example.com/webhooks/twilio/demo/status');
    const { message, sid } = await send('status-0008', 'Behind a proxy');
    const path = `/webhooks/twilio/demo/status?message=${message.id}`;
    assert.equal(api.accepted.find((m) => m.sid === sid)!['StatusCallback'], `https://inbox.example.com${path}`);
    assert.equal(await callback(path, report(sid, 'sent')), 403, 'signed over the address it reached, not the one Twilio was given');
    assert.equal(await callback(path, report(sid, 'delivered'), TOKEN, `https://inbox.example.com:443${path}`), 200);
    assert.equal(await callback(path, report(sid, 'read'), TOKEN, `https://inbox.example.com${path}`), 200);
    assert.equal((await statusOf(message.id)).status, 'read');
  });
});
