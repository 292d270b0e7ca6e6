// Retry on a message the provider refused or did not deliver sends the same message again,
// through Twilio (a loopback server that speaks its API, driven by the real SDK).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@convkit/sdk/protocol';
import type { TestServer } from '../../testing/index.js';
import { restClient, type TestSocket } from '../../test-support/clients.js';
import type { TwilioApi } from '../../test-support/twilio-api.js';
import { postSignedForm, startLiveWorkspace, type LiveWorkspace } from '../../test-support/twilio-workspace.js';

const ACCOUNT = `AC${'7'.repeat(32)}`;
const TOKEN = '77777777777777777777777777777777';

describe('Retry on a message that did not go out', () => {
  let live: LiveWorkspace;
  let t: TestServer;
  let api: TwilioApi;
  let alex: TestSocket;
  let conversationId: string;

  before(async () => {
    live = await startLiveWorkspace(ACCOUNT, TOKEN, '+15550007777');
    ({ t, api, alex, conversationId } = live);
  });
  after(async () => live?.close());

  /** The next update of message `id` to one of `statuses`, heard after the `from`th event. */
  const settled = (id: string, statuses: string[], from = 0) =>
    alex
      .waitForEvent((e) => alex.events.indexOf(e) >= from && e.type === 'message.updated' && e.data.message.id === id && statuses.includes(e.data.message.status), 10_000)
      .then((e) => (e as { data: { message: Message } }).data.message);

  const postStatus = (id: string, sid: string, status: string, errorCode?: string) =>
    postSignedForm(`${t.url}/webhooks/twilio/demo/status?message=${id}`, TOKEN, { MessageSid: sid, MessageStatus: status, AccountSid: ACCOUNT, ...(errorCode ? { ErrorCode: errorCode } : {}) });

  it('a refusal shows with its reason, and Retry sends it to Twilio again', async () => {
    api.script({ status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    const sent = await alex.request('messages.send', { conversationId, clientId: 'retry-0001', body: 'Inspection report is ready', channel: 'sms' });
    assert.ok(sent.ok);
    const failed = await settled(sent.data.id, ['failed']);
    assert.equal(failed.error?.code, '21610');
    assert.match(failed.error!.message, /opted out/);
    const requestsBefore = api.requests.length;
    const heard = alex.events.length;

    const retried = await alex.request('messages.retry', { id: sent.data.id });
    assert.ok(retried.ok, JSON.stringify(retried));
    assert.equal(retried.data.status, 'queued');
    assert.equal(retried.data.error, null);
    assert.equal(retried.data.id, sent.data.id, 'the same message, not a copy');
    const resent = await settled(sent.data.id, ['sent'], heard);
    assert.equal(resent.seq, sent.data.seq);
    assert.equal(api.requests.length, requestsBefore + 1);
    assert.equal(api.accepted.filter((m) => m['Body'] === 'Inspection report is ready').length, 1);
  });

  it('an undelivered message goes again, and a late report on the first attempt leaves the new one alone', async () => {
    const sent = await alex.request('messages.send', { conversationId, clientId: 'retry-0002', body: 'Call me back?', channel: 'sms' });
    assert.ok(sent.ok);
    await settled(sent.data.id, ['sent']);
    const firstSid = api.accepted.find((m) => m['Body'] === 'Call me back?')!.sid;
    assert.equal(await postStatus(sent.data.id, firstSid, 'undelivered', '30003'), 200);
    await settled(sent.data.id, ['undelivered']);

    const heard = alex.events.length;
    assert.ok((await alex.request('messages.retry', { id: sent.data.id })).ok);
    const again = await settled(sent.data.id, ['sent'], heard);
    const secondSid = api.accepted.filter((m) => m['Body'] === 'Call me back?')[1]!.sid;
    assert.notEqual(secondSid, firstSid);
    assert.deepEqual(again.meta.retiredProviderIds, [firstSid]);
    assert.equal(again.meta.retries, 1);
    // Twilio repeats its report on the first attempt: it is not about the message as it is now.
    const late = alex.events.length;
    assert.equal(await postStatus(sent.data.id, firstSid, 'undelivered', '30003'), 200);
    assert.equal(await postStatus(sent.data.id, secondSid, 'delivered'), 200);
    assert.equal((await settled(sent.data.id, ['delivered', 'undelivered'], late)).status, 'delivered');
  });

  it('refuses a message that did not fail, and one of another workspace', async () => {
    const sent = await alex.request('messages.send', { conversationId, clientId: 'retry-0003', body: 'All good', channel: 'sms' });
    assert.ok(sent.ok);
    await settled(sent.data.id, ['sent']);
    const answer = await alex.request('messages.retry', { id: sent.data.id });
    assert.ok(!answer.ok);
    assert.equal(answer.error.code, 'conflict');
    assert.match(answer.error.message, /this one is sent/);

    await t.createWorkspace('acme');
    const other = restClient(t.url, await t.token({ workspace: 'acme', user: 'agent-9' }));
    const foreign = await other('POST', `/v1/messages/${sent.data.id}/retry`);
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.error.code, 'not_found');
  });
});
