// Through a Messaging Service, any number of its pool may carry a text, and Twilio keeps opt-outs
// per service: a STOP to any of its numbers stops what the workspace sends through it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChannelReach } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';
import { startTwilioApi, type TwilioApi } from '../../test-support/twilio-api.js';
import { postSimulatedSms } from '../../channels/twilio/simulator.js';

const ACCOUNT = `AC${'5'.repeat(32)}`;
const TOKEN = '55555555555555555555555555555555';
const SERVICE = `MG${'6'.repeat(32)}`;

describe('consent through a Messaging Service', () => {
  let t: TestServer;
  let api: TwilioApi;
  let alex: TestSocket;
  before(async () => {
    api = await startTwilioApi(ACCOUNT, TOKEN);
    t = await startTestServer({ seed: 'demo', twilioApiUrl: api.url });
    const admin = restClient(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
    assert.equal((await admin('PUT', '/v1/workspace/twilio', { accountSid: ACCOUNT, authToken: TOKEN, messagingServiceSid: SERVICE })).status, 200);
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1' }));
  });
  after(async () => {
    alex?.close();
    await t?.close();
    await api?.close();
  });

  it('a STOP to one of the pool’s numbers refuses what goes through the service', async () => {
    const text = (body: string, to: string) => postSimulatedSms({ baseUrl: t.url, workspaceSlug: 'demo', accountSid: ACCOUNT, authToken: TOKEN, from: '+15558600001', to, body });
    assert.equal((await text('Hi', '+15550006661')).status, 200);
    const list = await alex.request('conversations.list', { search: '+15558600001', limit: 5 });
    assert.ok(list.ok);
    const contactId = list.data.items[0].conversation.contact.id;
    const sms = async () => ((await alex.request('contacts.reachability', { id: contactId })) as { ok: true; data: { channels: ChannelReach[] } }).data.channels.find((c) => c.channel === 'sms')!;
    assert.deepEqual([(await sms()).ok, (await sms()).sender], [true, SERVICE]);
    assert.equal((await text('STOP', '+15550006662')).status, 200);
    assert.deepEqual([(await sms()).ok, (await sms()).reason], [false, 'opted_out']);
    assert.equal((await text('START', '+15550006661')).status, 200);
    assert.equal((await sms()).ok, true);
  });
});
