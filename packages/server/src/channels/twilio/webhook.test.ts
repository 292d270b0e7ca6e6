import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { buildSimulatedSms } from './simulator.js';
import { twilioSignature } from './signature.js';
import { findWorkspaceBySlug } from '../../modules/workspaces/workspaces.service.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';

describe('inbound SMS through the signed Twilio webhook', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
  });
  after(async () => t.close());

  async function signedRequest(from: string, body: string, messageSid?: string) {
    const ws = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
    return buildSimulatedSms({ baseUrl: t.url, workspaceSlug: 'demo', accountSid: ws.twilioAccountSid!, authToken: ws.twilioAuthToken!, from, to: ws.smsNumber!, body, ...(messageSid ? { messageSid } : {}) });
  }

  function post(request: { url: string; params: Record<string, string>; signature: string }) {
    return fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': request.signature },
      body: new URLSearchParams(request.params).toString(),
    });
  }

  /** A later inbound message, waited for on the socket: any duplicate event came before it. */
  async function sentinel(socket: TestSocket, from: string) {
    await t.simulateSms({ from, body: 'sentinel' });
    await socket.waitForEvent((event) => event.type === 'message.created' && event.data.message.body === 'sentinel' && event.data.conversation.contact.phone === from);
  }

  async function threadFor(phone: string, token: string) {
    const rest = restClient(t.url, token);
    const list = await rest('GET', '/v1/conversations?limit=100');
    const item = list.body.items.find((i: any) => i.conversation.contact.phone === phone);
    if (!item) return { item: undefined, messages: [] };
    const messages = await rest('GET', `/v1/conversations/${item.conversation.id}/messages?limit=100`);
    return { item, messages: messages.body.items as any[] };
  }

  it('a message from an unknown number creates the contact and a conversation at the top, unread', async () => {
    const token = await t.token();
    const result = await t.simulateSms({ from: '+15551230000', body: 'Is the open house still on?' });
    assert.equal(result.status, 200);
    assert.match(result.body, /<Response>/);
    const rest = restClient(t.url, token);
    const list = await rest('GET', '/v1/conversations?limit=5');
    const top = list.body.items[0];
    assert.equal(top.conversation.contact.phone, '+15551230000');
    assert.equal(top.conversation.lastMessage.preview, 'Is the open house still on?');
    assert.equal(top.conversation.lastInboundChannel, 'sms');
    assert.ok(top.conversation.lastInboundSeq > top.readState.lastReadSeq, 'unread for the agent');
  });

  it('the same signed webhook posted 5 times in a row stores one message and one event', async () => {
    const token = await t.token();
    const socket = await connectSocket(t.url, token);
    const request = await signedRequest('+15557770001', 'Redelivered five times');
    for (let i = 0; i < 5; i++) assert.equal((await post(request)).status, 200);
    const { messages } = await threadFor('+15557770001', token);
    assert.equal(messages.filter((m) => m.body === 'Redelivered five times').length, 1);
    await sentinel(socket, '+15557770101');
    assert.equal(socket.events.filter((e) => e.type === 'message.created' && (e.data as any).message.body === 'Redelivered five times').length, 1);
    const since = await socket.request('events.since', { seq: socket.session.latestEventSeq });
    assert.equal(since.ok && since.data.events.filter((e: any) => e.type === 'message.created' && e.data.message.body === 'Redelivered five times').length, 1);
    socket.close();
  });

  it('the same signed webhook posted 5 times concurrently stores one message and one event', async () => {
    const token = await t.token();
    const socket = await connectSocket(t.url, token);
    const request = await signedRequest('+15557770002', 'Five at once');
    const statuses = await Promise.all(Array.from({ length: 5 }, () => post(request).then((r) => r.status)));
    assert.deepEqual(statuses, [200, 200, 200, 200, 200]);
    const { messages } = await threadFor('+15557770002', token);
    assert.equal(messages.filter((m) => m.body === 'Five at once').length, 1);
    await sentinel(socket, '+15557770102');
    assert.equal(socket.events.filter((e) => e.type === 'message.created' && (e.data as any).message.body === 'Five at once').length, 1);
    socket.close();
  });

  it('concurrent first messages from one new number land in one conversation with dense seqs', async () => {
    const token = await t.token();
    await Promise.all(['one', 'two', 'three', 'four'].map((body) => t.simulateSms({ from: '+15557770003', body })));
    const { messages } = await threadFor('+15557770003', token);
    assert.deepEqual(messages.map((m) => m.seq), [1, 2, 3, 4]);
    assert.deepEqual(new Set(messages.map((m) => m.body)), new Set(['one', 'two', 'three', 'four']));
  });

  it('refuses a request whose signature does not match, storing nothing', async () => {
    const token = await t.token();
    const request = await signedRequest('+15557770004', 'forged');
    const response = await post({ ...request, params: { ...request.params, Body: 'tampered' } });
    assert.equal(response.status, 403);
    assert.equal((await response.json()).error.code, 'invalid_signature');
    const missing = await post({ ...request, signature: '' });
    assert.equal(missing.status, 403);
    assert.equal((await threadFor('+15557770004', token)).item, undefined);
  });

  it('answers not_found for an unknown workspace, and stores a message from a sender that is no phone number', async () => {
    const request = await signedRequest('+15557770005', 'hi');
    const unknown = await post({ ...request, url: request.url.replace('/demo/', '/nope/') });
    assert.equal(unknown.status, 404);
    const token = await t.token();
    for (const from of ['ACMEBANK', '22395']) {
      const ws = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
      const named = buildSimulatedSms({ baseUrl: t.url, workspaceSlug: 'demo', accountSid: ws.twilioAccountSid!, authToken: ws.twilioAuthToken!, from, to: ws.smsNumber!, body: `from ${from}` });
      assert.equal((await post(named)).status, 200, from);
      const { messages } = await threadFor(from, token);
      assert.equal(messages[0]?.body, `from ${from}`);
    }
  });

  it('stores a signed delivery whose MessageSid is missing or malformed under an id made from its fields, once', async () => {
    const request = await signedRequest('+15557770007', 'no sid');
    const params = { ...request.params, MessageSid: 'not a sid!', SmsMessageSid: 'not a sid!', SmsSid: 'x' };
    const ws = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
    const signed = { url: request.url, params, signature: twilioSignature(ws.twilioAuthToken!, request.url, params) };
    assert.equal((await post(signed)).status, 200);
    assert.equal((await post(signed)).status, 200, 'a redelivery answers 200 too');
    const { messages } = await threadFor('+15557770007', await t.token());
    assert.deepEqual(messages.map((m) => m.body), ['no sid'], 'stored once');
  });

  it('refuses a request without a well-formed signature before reading its body', async () => {
    const request = await signedRequest('+15557770008', 'unsigned');
    for (const signature of ['', 'short', 'x'.repeat(28)]) {
      const response = await post({ ...request, signature });
      assert.equal(response.status, 403, JSON.stringify(signature));
      assert.equal((await response.json()).error.code, 'invalid_signature');
    }
  });

  it('a WhatsApp sender lands on the whatsapp channel', async () => {
    const token = await t.token();
    const result = await t.simulateSms({ from: 'whatsapp:+15557770006', body: 'via WhatsApp' });
    assert.equal(result.status, 200);
    const { messages } = await threadFor('+15557770006', token);
    assert.equal(messages[0].channel, 'whatsapp');
  });
});
