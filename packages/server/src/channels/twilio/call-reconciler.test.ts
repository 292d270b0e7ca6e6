// Calls whose ending never arrived (no status callback set at Twilio, a caller who hung up during
// the greeting, a click to call Twilio took and never reported on) are looked up at Twilio a
// while after they began, and their entries end as the call did, instead of "Ringing…" forever.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Conversation, Message, ServerEvent } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';
import { findWorkspaceBySlug } from '../../modules/workspaces/workspaces.service.js';
import type { TwilioApi } from '../../test-support/twilio-api.js';
import { postTwilio, startLiveWorkspace, type LiveWorkspace } from '../../test-support/twilio-workspace.js';

const ACCOUNT = `AC${'d'.repeat(32)}`;
const TOKEN = 'd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4';
const NUMBER = '+15550004444';
/** How long after it began a call is looked up, in this test. */
const STALE_MS = 300;

type Created = Extract<ServerEvent, { type: 'message.created' }>;
type Updated = Extract<ServerEvent, { type: 'message.updated' }>;

describe('calls whose ending never arrived', () => {
  let live: LiveWorkspace;
  let t: TestServer;
  let api: TwilioApi;
  let alex: TestSocket;

  before(async () => {
    // Looked up by hand (lookUp below), never by the worker's own clock.
    live = await startLiveWorkspace(ACCOUNT, TOKEN, NUMBER, { callReconcile: { staleMs: STALE_MS, pollMs: 3_600_000 } });
    ({ t, api, alex } = live);
    const admin = restClient(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
    assert.equal((await admin('PUT', '/v1/workspace/twilio', { accountSid: ACCOUNT, messagingNumbers: [NUMBER], voiceNumber: NUMBER })).status, 200);
    assert.equal((await admin('PATCH', '/v1/workspace', { voice: { forwardTo: '+15550109998' } })).status, 200);
  });
  after(async () => live?.close());

  let sids = 0;
  const callSid = () => `CA${String(++sids).padStart(30, '0')}ff`;

  /** A contact's call reaches the voice number; nothing more is heard of it. */
  async function ring(from: string): Promise<{ entry: Message; sid: string }> {
    const sid = callSid();
    const created = alex.waitForEvent((e) => e.type === 'message.created' && e.data.message.kind === 'call' && e.data.conversation.contact.phone === from, 10_000);
    const answer = await postTwilio(`${t.url}/webhooks/twilio/demo/voice`, TOKEN, { AccountSid: ACCOUNT, CallSid: sid, From: from, To: NUMBER, CallStatus: 'ringing', Direction: 'inbound', ApiVersion: '2010-04-01' });
    assert.equal(answer.status, 200, answer.body);
    return { entry: ((await created) as Created).data.message, sid };
  }

  /** One round of the reconciler, once the calls are old enough to be looked up (and their next look is due). */
  async function lookUp(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, STALE_MS * 2.5));
    t.server.callReconciler.kick();
    await t.server.callReconciler.idle();
  }

  const ended = async (id: string) => ((await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === id && !['ringing', 'in-progress'].includes(String(e.data.message.meta.outcome)), 10_000)) as Updated).data;

  it('a caller who hung up while it rang: missed, in the thread and in the list', async () => {
    const { entry, sid } = await ring('+15550402001');
    api.setCall(sid, 'completed', 7);
    await lookUp();
    const { message, conversation } = await ended(entry.id);
    assert.equal(message.meta.outcome, 'missed');
    assert.equal((conversation as Conversation).lastMessage?.preview, 'Missed call');
    assert.ok(api.callReads.includes(sid));
  });

  it('a call still going on is left as it is, and looked at again until it ends: answered, for its length', async () => {
    const { entry, sid } = await ring('+15550402002');
    // The forwarding number answered; the call's own ending is never reported.
    assert.equal((await postTwilio(`${t.url}/webhooks/twilio/demo/voice/status?message=${entry.id}&leg=dialed`, TOKEN, { AccountSid: ACCOUNT, CallSid: `CA${'9'.repeat(32)}`, ParentCallSid: sid, CallStatus: 'in-progress' })).status, 200);
    await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === entry.id && e.data.message.meta.outcome === 'in-progress', 10_000);
    api.setCall(sid, 'in-progress');
    await lookUp();
    const reads = api.callReads.filter((read) => read === sid).length;
    assert.equal(reads, 1);
    const page = await alex.request('messages.list', { conversationId: entry.conversationId, limit: 10 });
    assert.ok(page.ok);
    assert.equal((page.data.items as Message[]).find((m) => m.id === entry.id)!.meta.outcome, 'in-progress');

    api.setCall(sid, 'completed', 95);
    await lookUp();
    await lookUp();
    const { message } = await ended(entry.id);
    assert.deepEqual([message.meta.outcome, message.meta.durationSeconds], ['answered', 95]);
  });

  it('a click to call Twilio took and never reported on ends as its first leg did', async () => {
    const list = await alex.request('conversations.list', { limit: 50 });
    assert.ok(list.ok);
    const conversation = (list.data.items as { conversation: Conversation }[]).find((i) => i.conversation.contact.phone)!.conversation;
    const started = await alex.request('calls.start', { conversationId: conversation.id, agentPhone: '+15550108888' });
    assert.ok(started.ok, JSON.stringify(started));
    const sid = api.calls.at(-1)!['Sid']!;
    api.setCall(sid, 'no-answer');
    await lookUp();
    const { message } = await ended(started.data.id);
    assert.equal(message.meta.outcome, 'failed');
    assert.match(message.error!.message, /agent's phone did not answer/);
  });

  it('a call Twilio has no record of is closed as missed rather than left ringing', async () => {
    const { entry, sid } = await ring('+15550402003');
    await lookUp();
    assert.ok(api.callReads.includes(sid));
    const { message } = await ended(entry.id);
    assert.equal(message.meta.outcome, 'missed');
  });
});

describe('a sandbox call whose simulation stopped', () => {
  it('is closed as missed: there is no Twilio to ask', async () => {
    const t = await startTestServer({ seed: 'demo', callReconcile: { staleMs: STALE_MS, pollMs: 3_600_000 } });
    const alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
    try {
      const ws = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
      const created = alex.waitForEvent((e) => e.type === 'message.created' && e.data.message.kind === 'call' && e.data.conversation.contact.phone === '+15550402009', 10_000);
      // A call posted as the CLI simulator posts it, which then stopped following it.
      const answer = await postTwilio(`${t.url}/webhooks/twilio/demo/voice`, ws.twilioAuthToken!, { AccountSid: ws.twilioAccountSid!, CallSid: `CA${'5'.repeat(32)}`, From: '+15550402009', To: ws.smsNumber!, CallStatus: 'ringing', Direction: 'inbound' });
      assert.equal(answer.status, 200, answer.body);
      const entry = ((await created) as Created).data.message;
      await new Promise((resolve) => setTimeout(resolve, STALE_MS * 2.5));
      t.server.callReconciler.kick();
      await t.server.callReconciler.idle();
      const closed = (await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === entry.id && e.data.message.meta.outcome === 'missed', 10_000)) as Updated;
      assert.equal(closed.data.message.meta.outcome, 'missed');
    } finally {
      alex.close();
      await t.close();
    }
  });
});
