// Click to call, with the real `twilio` SDK against the loopback standing in for Twilio's API:
// Twilio is asked to ring the agent's phone from the voice number, and to come back to the
// bridge step, which calls the contact (with the disclosure on answering when outbound calls are
// recorded); the entry is in the thread from the start and follows the call. Refusals say why,
// in the thread or before anything is written. In sandbox mode the call is made up, recording
// and all.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Message, ServerEvent } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';
import { startTwilioApi, type TwilioApi } from '../../test-support/twilio-api.js';
import { phoneConversation, postTwilio, startLiveWorkspace, twimlUrls, type LiveWorkspace } from '../../test-support/twilio-workspace.js';

const ACCOUNT = `AC${'f'.repeat(32)}`;
const TOKEN = 'abcdef0123456789abcdef0123456789';
const NUMBER = '+15550008888';

/** The command's result; fails the test when it was refused. */
async function ok<T>(answer: Promise<{ ok: true; data: T } | { ok: false; error: unknown }>): Promise<T> {
  const result = await answer;
  if (!result.ok) assert.fail(JSON.stringify(result.error));
  return result.data;
}

type Updated = Extract<ServerEvent, { type: 'message.updated' }>;

const updated = async (socket: TestSocket, id: string, done: (m: Message) => boolean) =>
  ((await socket.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === id && done(e.data.message), 20_000)) as Updated).data.message;

describe('click to call through Twilio', () => {
  let live: LiveWorkspace;
  let t: TestServer;
  let api: TwilioApi;
  let alex: TestSocket;
  let admin: ReturnType<typeof restClient>;
  let contactPhone: string;

  before(async () => {
    live = await startLiveWorkspace(ACCOUNT, TOKEN, NUMBER);
    ({ t, api, alex } = live);
    admin = restClient(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
    const got = await alex.request('conversations.get', { id: live.conversationId });
    assert.ok(got.ok);
    contactPhone = got.data.conversation.contact.phone;
  });
  after(async () => {
    await live?.close();
  });

  it('says the workspace needs a voice number before anything is written', async () => {
    const answer = await alex.request('calls.start', { conversationId: live.conversationId, agentPhone: '+15550102030' });
    assert.ok(!answer.ok);
    assert.equal(answer.error.code, 'channel_unavailable');
    assert.equal(answer.error.details?.reason, 'no_voice_number');
    assert.equal(api.calls.length, 0);
    const saved = await admin('PUT', '/v1/workspace/twilio', { accountSid: ACCOUNT, messagingNumbers: [NUMBER], voiceNumber: NUMBER });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
  });

  it("rings the agent's phone, then calls the contact from the voice number with the disclosure; the entry ends answered with its talk time", async () => {
    assert.equal((await admin('PATCH', '/v1/workspace', { voice: { recordOutbound: true, disclosure: 'This call is recorded for quality.' } })).status, 200);
    const started = await alex.request('calls.start', { conversationId: live.conversationId, agentPhone: '(555) 010-2030' });
    assert.ok(started.ok, JSON.stringify(started));
    const entry = started.data as Message;
    assert.deepEqual([entry.kind, entry.channel, entry.direction, entry.status, entry.body, entry.author.name], ['call', 'call', 'outbound', 'sent', 'Outgoing call', 'Alex Rivera']);
    assert.equal(entry.meta.outcome, 'ringing');
    assert.ok(!JSON.stringify(entry).includes('5550102030'), "the agent's own phone is not in the thread");

    const asked = api.calls.at(-1)!;
    assert.equal(asked['To'], '+15550102030');
    assert.equal(asked['From'], NUMBER);
    assert.equal(asked['Url'], `${t.url}/webhooks/twilio/demo/voice/bridge?message=${entry.id}`);
    assert.equal(asked['StatusCallback'], `${t.url}/webhooks/twilio/demo/voice/status?message=${entry.id}`);
    // Shorter than a mobile's own voicemail takes to answer.
    assert.equal(asked['Timeout'], '20');

    // The agent answers: Twilio asks the bridge what to do.
    const callSid = asked['Sid']!;
    const bridge = await postTwilio(asked['Url']!, TOKEN, { AccountSid: ACCOUNT, CallSid: callSid, CallStatus: 'in-progress', Direction: 'outbound-api', To: '+15550102030', From: NUMBER });
    assert.equal(bridge.status, 200);
    assert.match(bridge.body, new RegExp(`<Dial [^>]*callerId="\\${NUMBER}"[^>]*record="record-from-answer-dual"[^>]*><Number [^>]*url="[^"]*"[^>]*>\\${contactPhone}</Number></Dial>`));
    const urls = twimlUrls(bridge.body);
    const whisper = await postTwilio(urls.url!, TOKEN, { AccountSid: ACCOUNT, CallSid: `CA${'8'.repeat(32)}` });
    assert.match(whisper.body, /<Say>This call is recorded for quality\.<\/Say>/);

    await postTwilio(urls.action!, TOKEN, { AccountSid: ACCOUNT, CallSid: callSid, DialCallStatus: 'completed', DialCallDuration: '64' });
    const answered = await updated(alex, entry.id, (m) => m.meta.outcome === 'answered');
    assert.equal(answered.meta.durationSeconds, 64);
    // The agent's leg ends after: the call stays answered.
    await postTwilio(asked['StatusCallback']!, TOKEN, { AccountSid: ACCOUNT, CallSid: callSid, CallStatus: 'completed', CallDuration: '80', To: '+15550102030' });
    const list = await ok(alex.request('messages.list', { conversationId: live.conversationId }));
    assert.equal((list.items as Message[]).find((m) => m.id === entry.id)!.meta.outcome, 'answered');
  });

  it('is never taken by the outbox for a text, however long Twilio takes to answer', async () => {
    api.scriptCalls({ status: 201, delayMs: 1500 });
    const placing = alex.request('calls.start', { conversationId: live.conversationId, agentPhone: '+15550102030' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    t.server.dispatcher.kick();
    await t.server.dispatcher.idle();
    const placed = await ok(placing);
    assert.deepEqual([placed.status, placed.meta.outcome, placed.error], ['sent', 'ringing', null]);
  });

  it("refuses to ring one of the workspace's own numbers as the agent's phone", async () => {
    const own = await alex.request('calls.start', { conversationId: live.conversationId, agentPhone: NUMBER });
    assert.ok(!own.ok);
    assert.equal(own.error.details?.path, 'agentPhone');
  });

  it('rings the phone saved by the last call; an agent with none is asked for one', async () => {
    const again = await alex.request('calls.start', { conversationId: live.conversationId });
    assert.ok(again.ok);
    assert.equal(api.calls.at(-1)!['To'], '+15550102030');

    const sam = await connectSocket(t.url, await t.token({ user: 'agent-2', name: 'Sam Okafor' }));
    try {
      const asked = await sam.request('calls.start', { conversationId: live.conversationId });
      assert.ok(!asked.ok);
      assert.equal(asked.error.code, 'invalid_params');
      assert.equal(asked.error.details?.path, 'agentPhone');
      const wrong = await sam.request('calls.start', { conversationId: live.conversationId, agentPhone: 'call me maybe' });
      assert.equal(!wrong.ok && wrong.error.details?.path, 'agentPhone');
    } finally {
      sam.close();
    }
  });

  it("shows why a call did not happen: Twilio's refusal, the agent's phone not answering, the contact not answering", async () => {
    api.scriptCalls({ status: 400, code: 21215, message: 'Account not authorized to call +44…' });
    const refused = await alex.request('calls.start', { conversationId: live.conversationId });
    assert.ok(refused.ok);
    assert.equal(refused.data.status, 'failed');
    assert.equal(refused.data.meta.outcome, 'failed');
    assert.equal(refused.data.error?.code, '21215');
    assert.match(refused.data.error!.message, /geographic permissions/);
    const row = await ok(alex.request('conversations.get', { id: live.conversationId }));
    assert.equal(row.conversation.lastMessage?.preview, 'Call not connected', 'the list row says so');

    const unanswered = (await ok(alex.request('calls.start', { conversationId: live.conversationId }))) as Message;
    await postTwilio(`${t.url}/webhooks/twilio/demo/voice/status?message=${unanswered.id}`, TOKEN, { AccountSid: ACCOUNT, CallSid: api.calls.at(-1)!['Sid']!, CallStatus: 'no-answer', To: '+15550102030' });
    const failed = await updated(alex, unanswered.id, (m) => m.meta.outcome === 'failed');
    assert.equal(failed.error!.message, "The agent's phone did not answer, so the contact was not called.");
    assert.ok(!JSON.stringify(failed).includes('5550102030'), "the agent's phone is not in the thread");

    const busy = (await ok(alex.request('calls.start', { conversationId: live.conversationId }))) as Message;
    const sid = api.calls.at(-1)!['Sid']!;
    // A report on another call, naming this entry, changes nothing.
    await postTwilio(`${t.url}/webhooks/twilio/demo/voice/dialed?message=${busy.id}`, TOKEN, { AccountSid: ACCOUNT, CallSid: `CA${'a'.repeat(32)}`, DialCallStatus: 'completed', DialCallDuration: '30' });
    const bridge = await postTwilio(`${t.url}/webhooks/twilio/demo/voice/bridge?message=${busy.id}`, TOKEN, { AccountSid: ACCOUNT, CallSid: sid });
    const said = await postTwilio(twimlUrls(bridge.body).action!, TOKEN, { AccountSid: ACCOUNT, CallSid: sid, DialCallStatus: 'busy' });
    assert.match(said.body, /<Say>The contact's line was busy\.<\/Say><Hangup\/>/);
    assert.deepEqual((await updated(alex, busy.id, (m) => m.meta.outcome === 'missed')).error, { code: 'busy', message: "The contact's line was busy." });
  });

  it('does not call a contact set to Do Not Disturb for calls', async () => {
    const got = await ok(alex.request('conversations.get', { id: live.conversationId }));
    assert.ok((await alex.request('contacts.update', { id: got.conversation.contact.id, dnd: ['call'] })).ok);
    const before = api.calls.length;
    const refused = await alex.request('calls.start', { conversationId: live.conversationId });
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'channel_unavailable');
    assert.equal(refused.error.details?.reason, 'dnd');
    assert.equal(api.calls.length, before);
    assert.ok((await alex.request('contacts.update', { id: got.conversation.contact.id, dnd: [] })).ok);
  });
});

describe('click to call in sandbox mode', () => {
  let t: TestServer;
  let alex: TestSocket;

  before(async () => {
    t = await startTestServer({ seed: 'demo', sandboxDeliveryMs: 20 });
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
  });
  after(async () => {
    alex?.close();
    await t?.close();
  });

  it('makes the call up: in progress, then answered, with a recording that plays when outbound calls are recorded', async () => {
    const admin = restClient(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
    assert.equal((await admin('PATCH', '/v1/workspace', { voice: { recordOutbound: true } })).status, 200);
    const conversationId = await phoneConversation(alex);
    // Over REST as docs/protocol.md writes it: POST /v1/conversations/{id}/calls.
    const rest = restClient(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
    const placed = await rest('POST', `/v1/conversations/${conversationId}/calls`, { agentPhone: '+15550102040' });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const started = { data: placed.body as Message };
    assert.equal(started.data.meta.outcome, 'ringing');
    await updated(alex, started.data.id, (m) => m.meta.outcome === 'in-progress');
    const answered = await updated(alex, started.data.id, (m) => m.meta.outcome === 'answered');
    assert.equal(answered.meta.durationSeconds, 42);
    assert.deepEqual(answered.attachments.map((a) => [a.name, a.contentType, a.state]), [['call-recording.wav', 'audio/wav', 'ready']]);
    const link = (await rest('POST', `/v1/attachments/${answered.attachments[0]!.id}/link`)).body as { url: string; expiresAt: string };
    assert.ok(Date.parse(link.expiresAt) - Date.now() <= 10 * 60_000);
    const played = await fetch(link.url);
    // Kept by the browser no longer than the link opens it, never by a shared cache.
    assert.match(played.headers.get('cache-control') ?? '', /^private, max-age=(\d{1,3})$/);
    assert.ok(Number(/max-age=(\d+)/.exec(played.headers.get('cache-control')!)![1]) <= 600);
    assert.equal(played.headers.get('content-type'), 'audio/wav');
    assert.equal(Buffer.from(await played.arrayBuffer()).subarray(8, 12).toString('latin1'), 'WAVE');
  });
});

describe('click to call with an API key and no auth token', () => {
  it("refuses before anything is written: the call's webhooks could not be verified", async () => {
    const account = `AC${'7'.repeat(32)}`;
    const keySid = `SK${'7'.repeat(32)}`;
    const api = await startTwilioApi(account, 'the-auth-token-is-never-given-here');
    api.addApiKey(keySid, 'api-key-secret-77777777777777777');
    const t = await startTestServer({ seed: 'demo', twilioApiUrl: api.url });
    const alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
    try {
      const admin = restClient(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
      const saved = await admin('PUT', '/v1/workspace/twilio', { accountSid: account, apiKeySid: keySid, apiKeySecret: 'api-key-secret-77777777777777777', messagingNumbers: [NUMBER], voiceNumber: NUMBER });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      const conversationId = await phoneConversation(alex);
      const before = await alex.request('messages.list', { conversationId, limit: 100 });
      assert.ok(before.ok);
      const answer = await alex.request('calls.start', { conversationId, agentPhone: '+15550102050' });
      assert.ok(!answer.ok);
      assert.equal(answer.error.code, 'channel_unavailable');
      assert.equal(answer.error.details?.reason, 'no_auth_token');
      assert.match(answer.error.message, /auth token/);
      assert.equal(api.calls.length, 0);
      const after = await alex.request('messages.list', { conversationId, limit: 100 });
      assert.ok(after.ok);
      assert.equal(after.data.items.length, before.data.items.length, 'nothing written to the thread');
    } finally {
      alex.close();
      await t.close();
      await api.close();
    }
  });
});
