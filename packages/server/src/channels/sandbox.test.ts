// Sandbox mode, as a demo shows it: a send is taken, then reported delivered through the status
// callbacks' own path; a text containing "fail" ends as a real undelivered message does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../testing/index.js';
import { connectSocket, type TestSocket } from '../test-support/clients.js';
import { phoneConversation } from '../test-support/twilio-workspace.js';

describe('sandbox sends', () => {
  let t: TestServer;
  let alex: TestSocket;
  let conversationId: string;

  before(async () => {
    t = await startTestServer({ seed: 'demo', sandboxDeliveryMs: 50 });
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1' }));
    conversationId = await phoneConversation(alex);
  });
  after(async () => {
    alex?.close();
    await t?.close();
  });

  /** The statuses the agent's socket hears for one send, until it ends in `last`. */
  async function statusesOf(body: string, last: string): Promise<Message[]> {
    const sent = await alex.request('messages.send', { conversationId, clientId: `sandbox-${body.length}-${Date.now()}`, body, channel: 'sms' });
    assert.ok(sent.ok, JSON.stringify(sent));
    await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === sent.data.id && e.data.message.status === last, 5_000);
    return alex.events.flatMap((e) => (e.type === 'message.updated' && e.data.message.id === sent.data.id ? [e.data.message] : []));
  }

  it('are sent, then delivered', async () => {
    const updates = await statusesOf('Open house on Sunday', 'delivered');
    assert.deepEqual(updates.map((m) => m.status), ['sent', 'delivered']);
    assert.equal(updates[1]!.error, null);
  });

  it('fail as a real message fails when the text says "fail", with Twilio’s code and the reason', async () => {
    const updates = await statusesOf('This one should FAIL', 'undelivered');
    assert.deepEqual(updates.map((m) => m.status), ['sent', 'undelivered']);
    assert.equal(updates[1]!.error?.code, '30003');
    assert.match(updates[1]!.error!.message, /phone is off or out of coverage/);
  });
});
