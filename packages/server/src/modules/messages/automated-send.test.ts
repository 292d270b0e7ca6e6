// Messages the host's automation sends (seed 004): shown as sent by "Auto" with a link to their
// record, refused without the contact's consent, held through quiet hours while an agent's reply
// goes at once, and reading nothing for the backend that sent them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';

/** "HH:MM" in `zone`, `offsetMinutes` from now. */
function clock(zone: string, offsetMinutes: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.now() + offsetMinutes * 60_000));
}

describe('automated messages from the host', () => {
  let t: TestServer;
  let host: ReturnType<typeof restClient>;
  let alex: TestSocket;
  let conversationId: string;
  let contactId: string;
  before(async () => {
    t = await startTestServer({ seed: 'demo', sandboxDeliveryMs: 10 });
    host = restClient(t.url, await t.token({ user: 'host-automation', name: 'Inspections app', role: 'admin' }));
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
    const { body } = await host('POST', '/v1/contacts', { externalId: 'auto-1', phone: '+15553008000', firstName: 'Quinn' });
    contactId = body.contact.id;
    conversationId = (await host('POST', `/v1/contacts/${contactId}/conversation`)).body.item.conversation.id;
  });
  after(async () => {
    alex?.close();
    await t?.close();
  });

  const send = (clientId: string, extra: Record<string, unknown> = {}) =>
    host('POST', `/v1/conversations/${conversationId}/messages`, { clientId, body: 'Your inspection report is ready.', channel: 'sms', automated: { link: '/inspections/88', linkLabel: 'Inspection #88' }, ...extra });

  it("is refused until the contact's consent is recorded, then goes as sent by Auto with its record's link", async () => {
    const refused = await send('auto-send-0001');
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.deepEqual([refused.body.error.code, refused.body.error.details.reason], ['channel_unavailable', 'no_consent']);
    assert.equal((await host('POST', `/v1/contacts/${contactId}/consent`, { channel: 'sms', status: 'granted' })).status, 201);
    const sent = await send('auto-send-0002');
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    const message = sent.body as Message;
    assert.deepEqual([message.author.type, message.author.name, message.meta.link, message.meta.linkLabel], ['automation', 'Auto', '/inspections/88', 'Inspection #88']);
    const done = await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === message.id && e.data.message.status !== 'queued', 10_000);
    assert.ok(done.type === 'message.updated' && ['sent', 'delivered'].includes(done.data.message.status));
    // The backend that sent it reads nothing: its read state is where it was.
    const item = await host('GET', `/v1/conversations/${conversationId}`);
    assert.equal(item.body.readState.lastReadSeq, 0);
    // A retry with the same clientId answers the same message.
    assert.equal((await send('auto-send-0002')).body.id, message.id);
  });

  it("waits out the workspace's quiet hours, while an agent's reply goes at once", async () => {
    const workspace = await host('GET', '/v1/workspace');
    const zone = workspace.body.timezone as string;
    assert.equal((await host('PATCH', '/v1/workspace', { quietHours: { start: clock(zone, -60), end: clock(zone, 60) } })).status, 200);
    try {
      const automated = await send('auto-quiet-0001', { body: 'Reminder: inspection tomorrow at 9.' });
      assert.equal(automated.status, 201);
      const held = await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === automated.body.id && e.data.message.status === 'scheduled', 10_000);
      assert.ok(held.type === 'message.updated');
      const until = Date.parse(held.data.message.meta.heldForQuietHoursUntil as string);
      assert.ok(until > Date.now() + 30 * 60_000 && until <= Date.now() + 61 * 60_000, `held until the window ends (${held.data.message.meta.heldForQuietHoursUntil})`);
      const reply = await alex.request('messages.send', { conversationId, clientId: 'agent-quiet-0001', body: 'Call me when you can.', channel: 'sms' });
      assert.ok(reply.ok);
      const gone = await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === reply.data.id && e.data.message.status !== 'queued', 10_000);
      assert.ok(gone.type === 'message.updated' && ['sent', 'delivered'].includes(gone.data.message.status), "an agent's reply keeps no quiet hours");
    } finally {
      await host('PATCH', '/v1/workspace', { quietHours: null });
    }
  });

  it('refuses an automated note and a script link', async () => {
    const note = await host('POST', `/v1/conversations/${conversationId}/messages`, { clientId: 'auto-bad-0001', body: 'x', kind: 'note', automated: {} });
    assert.deepEqual([note.status, note.body.error.details.path], [400, 'automated']);
    const script = await send('auto-bad-0002', { automated: { link: 'javascript:alert(1)' } });
    assert.deepEqual([script.status, script.body.error.details.path], [400, 'automated.link']);
  });
});
