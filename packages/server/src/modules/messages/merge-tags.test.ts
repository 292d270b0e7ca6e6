// Merge tags in what an agent sends: rendered from the contact (their custom fields too), the
// conversation's assignee and the workspace's custom values before anything is stored or sent;
// an unknown tag is refused with nothing written; a note keeps its text as typed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Message } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, type TestSocket } from '../../test-support/clients.js';
import { ok } from '../../test-support/list-all.js';

describe('merge tags in a send', () => {
  let t: TestServer;
  let admin: TestSocket;
  let conversationId: string;
  let contactId: string;

  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    admin = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera', role: 'admin' }));
    await t.simulateSms({ from: '+15557310001', body: 'Hello, about the listing' });
    const list = await ok<{ items: { conversation: { id: string; contact: { id: string; phone: string | null } } }[] }>(admin, 'conversations.list', { view: 'all', limit: 50 });
    const item = list.items.find((i) => i.conversation.contact.phone === '+15557310001')!;
    conversationId = item.conversation.id;
    contactId = item.conversation.contact.id;
    await ok(admin, 'contacts.update', { id: contactId, firstName: 'Dana', custom: { property: '14 Harbor Lane', stage: 'Offer' } });
    await ok(admin, 'workspace.update', { customValues: { office_phone: '(555) 010-2000' } });
    const me = (await ok<{ id: string; externalId: string }[]>(admin, 'users.list')).find((u) => u.externalId === 'agent-1')!;
    await ok(admin, 'conversations.update', { id: conversationId, assigneeId: me.id });
  });
  after(async () => {
    admin?.close();
    await t?.close();
  });

  const send = (body: string, extra: Record<string, unknown> = {}) => admin.request('messages.send', { conversationId, clientId: randomUUID(), body, channel: 'sms', ...extra });
  const count = async () => (await ok<{ items: unknown[] }>(admin, 'messages.list', { conversationId, limit: 100 })).items.length;

  it('stores and sends the rendered text, fallbacks included', async () => {
    const answer = await send('Hi {{contact.first_name | "there"}}, {{contact.owner.name}} here about {{contact.custom.property}} ({{contact.custom.stage}}). {{contact.email | "Reply with your email"}} or call {{custom_values.office_phone}}.');
    assert.ok(answer.ok, JSON.stringify(answer));
    const expected = 'Hi Dana, Alex Rivera here about 14 Harbor Lane (Offer). Reply with your email or call (555) 010-2000.';
    assert.equal((answer.data as Message).body, expected);
    await t.server.dispatcher.idle();
    assert.deepEqual(t.server.sandbox.sent.filter((m) => m.id === (answer.data as Message).id).map((m) => m.body), [expected]);
  });

  it('refuses an unknown or malformed tag with nothing written, and says which', async () => {
    const before = await count();
    for (const body of ['Hi {{contact.nickname}}', 'Call {{custom_values.fax}}', 'Hi {{contact.first_name', 'Hi {{contact.first_name | there}}']) {
      const answer = await send(body);
      assert.equal(!answer.ok && answer.error.code, 'invalid_params', body);
      assert.ok(!answer.ok && /^body: \{\{/.test(answer.error.message), !answer.ok ? answer.error.message : '');
    }
    assert.equal(await count(), before);
  });

  it('keeps a note as typed, renders a scheduled message and its edit, and a retry of the same send is the same message', async () => {
    const note = await ok<Message>(admin, 'messages.send', { conversationId, clientId: randomUUID(), body: 'Template: Hi {{contact.first_name}}', kind: 'note' });
    assert.equal(note.body, 'Template: Hi {{contact.first_name}}');
    const sendAt = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await ok<Message>(admin, 'messages.send', { conversationId, clientId: randomUUID(), body: 'See you, {{contact.first_name}}', channel: 'sms', sendAt });
    assert.equal(scheduled.body, 'See you, Dana');
    const edited = await ok<Message>(admin, 'messages.reschedule', { id: scheduled.id, body: 'See you at {{contact.custom.property}}' });
    assert.equal(edited.body, 'See you at 14 Harbor Lane');
    const clientId = randomUUID();
    const first = await ok<Message>(admin, 'messages.send', { conversationId, clientId, body: 'Thanks {{contact.first_name}}', channel: 'sms' });
    const again = await ok<Message>(admin, 'messages.send', { conversationId, clientId, body: 'Thanks {{contact.first_name}}', channel: 'sms' });
    assert.equal(again.id, first.id);
  });

  it('keeps custom fields and values by key: null removes one, and keys are letters, digits and _', async () => {
    const contact = await ok<{ custom: Record<string, string> }>(admin, 'contacts.update', { id: contactId, custom: { stage: null, budget: '  $650k\u0000 ' } });
    assert.deepEqual(contact.custom, { property: '14 Harbor Lane', budget: '$650k\ufffd' });
    const bad = await admin.request('contacts.update', { id: contactId, custom: { 'bad-key': 'x' } });
    assert.equal(!bad.ok && bad.error.code, 'invalid_params');
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    const tooMany = await admin.request('workspace.update', { customValues: many });
    assert.equal(!tooMany.ok && tooMany.error.code, 'too_long');
    const agent = await connectSocket(t.url, await t.token({ user: 'agent-2' }));
    const refused = await agent.request('workspace.update', { customValues: { office_phone: null } });
    assert.equal(!refused.ok && refused.error.code, 'forbidden');
    agent.close();
  });
});
