// WhatsApp templates: what the composer lists (the sandbox's, or the workspace's Twilio account's
// through the real `twilio` SDK against the loopback's Content API) and sending one to a contact
// whose 24-hour window has closed, variables filled in for them; every way a template send can
// be wrong is refused before anything is written.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Message, MessageTemplate } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';
import { startLiveWorkspace, type LiveWorkspace } from '../../test-support/twilio-workspace.js';
import { textContent } from '../../test-support/twilio-content.js';
import { SANDBOX_TEMPLATES } from '../../channels/sandbox-templates.js';

const REMINDER = SANDBOX_TEMPLATES.find((t) => t.name === 'appointment_reminder')!;
const PENDING = SANDBOX_TEMPLATES.find((t) => t.status === 'pending')!;

/** A conversation of the demo whose contact has a phone and has never written on WhatsApp: its window is closed. */
async function closedWindow(socket: TestSocket): Promise<{ conversationId: string; firstName: string }> {
  const list = await socket.request('conversations.list', { limit: 50 });
  assert.ok(list.ok);
  for (const { conversation } of list.data.items) {
    if (!conversation.contact.phone || conversation.channels.includes('whatsapp')) continue;
    const reach = await socket.request('contacts.reachability', { id: conversation.contact.id });
    assert.ok(reach.ok);
    if (reach.data.channels.find((c: { channel: string }) => c.channel === 'whatsapp')?.reason === 'whatsapp_window') {
      const contact = await socket.request('contacts.get', { id: conversation.contact.id });
      assert.ok(contact.ok);
      return { conversationId: conversation.id, firstName: contact.data.firstName };
    }
  }
  throw new Error('the demo has no contact whose WhatsApp window is closed');
}

describe('WhatsApp templates in sandbox mode', () => {
  let t: TestServer;
  let alex: TestSocket;
  let conversationId: string;
  let firstName: string;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
    ({ conversationId, firstName } = await closedWindow(alex));
  });
  after(async () => {
    alex?.close();
    await t?.close();
  });

  it('lists the sandbox templates, approved ones first, over the socket and REST alike', async () => {
    const listed = await alex.request('templates.list', {});
    assert.ok(listed.ok);
    const items = listed.data.items as MessageTemplate[];
    assert.deepEqual(items.map((i) => i.status), ['approved', 'approved', 'approved', 'pending']);
    const reminder = items.find((i) => i.id === REMINDER.id)!;
    assert.deepEqual(reminder.variables.map((v) => v.key), ['1', '2']);
    const rest = await restClient(t.url, await t.token({ user: 'agent-1' }))('GET', '/v1/templates');
    assert.equal(rest.status, 200);
    assert.deepEqual(rest.body, listed.data);
  });

  it('free text is refused outside the window; a template goes, its variables filled in for the contact', async () => {
    const text = await alex.request('messages.send', { conversationId, clientId: 'tpl-free-0001', body: 'Are you free Friday?', channel: 'whatsapp' });
    assert.ok(!text.ok);
    assert.equal(text.error.code, 'channel_unavailable');
    assert.equal(text.error.details?.reason, 'whatsapp_window');

    const sent = await alex.request('messages.send', {
      conversationId,
      clientId: 'tpl-send-0001',
      body: '',
      template: { id: REMINDER.id, variables: { '1': '{{contact.first_name | "there"}}', '2': ' Friday at 10am ' } },
    });
    assert.ok(sent.ok, JSON.stringify(sent));
    const message = sent.data as Message;
    const expected = `Hi ${firstName || 'there'}, a reminder of your appointment on Friday at 10am. Reply here to confirm or to pick another time.`;
    assert.equal(message.channel, 'whatsapp', 'a template goes on WhatsApp without naming it');
    assert.equal(message.body, expected);
    assert.deepEqual(message.meta.template, { id: REMINDER.id, name: 'appointment_reminder', language: 'en', variables: { '1': firstName || 'there', '2': 'Friday at 10am' } });
    const done = await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === message.id && e.data.message.status !== 'queued');
    assert.equal(done.type === 'message.updated' && done.data.message.status, 'sent');
    const out = t.server.sandbox.sent.find((m) => m.id === message.id)!;
    assert.deepEqual(out.template, { id: REMINDER.id, variables: { '1': firstName || 'there', '2': 'Friday at 10am' } });

    // A retry of the same send answers the same message.
    const again = await alex.request('messages.send', { conversationId, clientId: 'tpl-send-0001', body: '', template: { id: REMINDER.id, variables: { '1': '{{contact.first_name | "there"}}', '2': 'Friday at 10am' } } });
    assert.ok(again.ok);
    assert.equal(again.data.id, message.id);
  });

  it('is scheduled like any message, and its text cannot be edited before it goes', async () => {
    const sendAt = new Date(Date.now() + 3_600_000).toISOString();
    const sent = await alex.request('messages.send', { conversationId, clientId: 'tpl-later-0001', body: '', sendAt, template: { id: REMINDER.id, variables: { '1': 'Jo', '2': 'Monday' } } });
    assert.ok(sent.ok, JSON.stringify(sent));
    assert.equal(sent.data.status, 'scheduled');
    const edit = await alex.request('messages.reschedule', { id: sent.data.id, body: 'Something else' });
    assert.ok(!edit.ok);
    assert.equal(edit.error.details?.path, 'body');
    const moved = await alex.request('messages.reschedule', { id: sent.data.id, sendAt: new Date(Date.now() + 7_200_000).toISOString() });
    assert.ok(moved.ok, 'its time can still be changed');
    assert.ok((await alex.request('messages.cancel', { id: sent.data.id })).ok);
  });

  it('goes through REST too', async () => {
    const rest = restClient(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
    const sent = await rest('POST', `/v1/conversations/${conversationId}/messages`, { clientId: 'tpl-rest-0001', body: '', template: { id: SANDBOX_TEMPLATES[2]!.id, variables: { '1': 'Jo' } } });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    assert.equal(sent.body.body, 'Hi Jo, we tried to reach you. Reply to this message to carry on the conversation.');
  });

  it('refuses, before anything is written, every template send that cannot go', async () => {
    const before = await alex.request('messages.list', { conversationId, limit: 100 });
    assert.ok(before.ok);
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['an unknown template', { template: { id: 'HX00000000000000000000000000000000' } }, 'not_found', 'template.id'],
      ['one WhatsApp has not approved', { template: { id: PENDING.id, variables: { '1': 'Jo', '2': 'Saturday' } } }, 'invalid_params', 'template.id'],
      ['a variable left out', { template: { id: REMINDER.id, variables: { '1': 'Jo' } } }, 'invalid_params', 'template.variables.2'],
      ['a variable the template has not', { template: { id: REMINDER.id, variables: { '1': 'Jo', '2': 'Friday', '3': 'extra' } } }, 'invalid_params', 'template.variables.3'],
      ['a line break in a variable', { template: { id: REMINDER.id, variables: { '1': 'Jo', '2': 'Friday\nat 10' } } }, 'invalid_params', 'template.variables.2'],
      ['a merge tag that renders to nothing', { template: { id: REMINDER.id, variables: { '1': '{{contact.custom.nickname}}', '2': 'Friday' } } }, 'invalid_params', 'template.variables.1'],
      ['an unknown merge tag', { template: { id: REMINDER.id, variables: { '1': '{{contact.shoe_size}}', '2': 'Friday' } } }, 'invalid_params', 'template.variables.1'],
      ['text beside it', { body: 'Hello', template: { id: REMINDER.id, variables: { '1': 'Jo', '2': 'Friday' } } }, 'invalid_params', 'body'],
      ['another channel', { channel: 'sms', template: { id: REMINDER.id, variables: { '1': 'Jo', '2': 'Friday' } } }, 'invalid_params', 'channel'],
      ['a note', { kind: 'note', template: { id: REMINDER.id, variables: { '1': 'Jo', '2': 'Friday' } } }, 'invalid_params', 'template'],
    ];
    let n = 0;
    for (const [what, params, code, path] of cases) {
      const answer = await alex.request('messages.send', { conversationId, clientId: `tpl-bad-${String(++n).padStart(4, '0')}`, body: '', ...params });
      assert.ok(!answer.ok, what);
      assert.equal(answer.error.code, code, `${what}: ${answer.error.message}`);
      assert.equal(answer.error.details?.path, path, what);
      assert.ok(answer.error.message.length > 20, what);
    }
    const after = await alex.request('messages.list', { conversationId, limit: 100 });
    assert.ok(after.ok);
    assert.equal(after.data.items.length, before.data.items.length, 'nothing was written');
  });
});

describe('WhatsApp templates of a Twilio account', () => {
  const ACCOUNT = `AC${'7'.repeat(32)}`;
  const TOKEN = 'templates-auth-token-0123456789ab';
  const NUMBER = '+15550007777';
  const WHATSAPP = '+15550006666';
  let live: LiveWorkspace;
  let welcome: ReturnType<typeof textContent>;

  before(async () => {
    live = await startLiveWorkspace(ACCOUNT, TOKEN, NUMBER);
    const admin = restClient(live.t.url, await live.t.token({ user: 'admin-1', role: 'admin' }));
    const saved = await admin('PUT', '/v1/workspace/twilio', { accountSid: ACCOUNT, messagingNumbers: [NUMBER], whatsappNumber: WHATSAPP });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    welcome = textContent('welcome_back', 'Welcome back {{1}}! Your agent {{2}} will be in touch.', { '1': 'Customer_Name', '2': 'Agent_Name' });
    live.api.contents.push(
      textContent('promo_spring', 'Spring deals for {{1}}', { '1': 'Name' }, { status: 'rejected', category: 'marketing', rejectionReason: 'Promotional content in a utility template' }),
      welcome,
      textContent('survey', 'How did we do, {{1}}?', { '1': 'Name' }, { status: 'received' }),
      { ...textContent('brochure', '', {}), types: { 'twilio/media': { media: ['https://example.com/a.pdf'] } } },
    );
  });
  after(async () => {
    await live?.close();
  });

  it("lists the account's templates with WhatsApp's verdicts, approved first, reading Twilio once a minute at most", async () => {
    const listed = await live.alex.request('templates.list', {});
    assert.ok(listed.ok, JSON.stringify(listed));
    const items = listed.data.items as MessageTemplate[];
    assert.deepEqual(items.map((i) => [i.name, i.status]), [['welcome_back', 'approved'], ['survey', 'pending'], ['promo_spring', 'rejected']], 'a template without text is left out');
    assert.deepEqual(items[0]!.variables, [{ key: '1', example: 'Customer_Name' }, { key: '2', example: 'Agent_Name' }]);
    assert.equal(items[2]!.category, 'MARKETING');
    assert.equal(items[2]!.rejectionReason, 'Promotional content in a utility template');
    const reads = live.api.contentReads;
    assert.ok((await live.alex.request('templates.list', {})).ok);
    assert.equal(live.api.contentReads, reads, 'the second listing within a minute is not read from Twilio again');
  });

  it('sends a template by its Content SID and variables, with no free text', async () => {
    const sent = await live.alex.request('messages.send', { conversationId: live.conversationId, clientId: 'tpl-live-0001', body: '', template: { id: welcome.sid, variables: { '1': 'Dana', '2': '{{contact.owner.name | "our team"}}' } } });
    assert.ok(sent.ok, JSON.stringify(sent));
    const id = sent.data.id;
    const done = await live.alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === id && e.data.message.status !== 'queued', 10_000);
    assert.equal(done.type === 'message.updated' && done.data.message.status, 'sent', JSON.stringify(done));
    const request = live.api.accepted.at(-1)!;
    assert.equal(request['ContentSid'], welcome.sid);
    assert.equal(request['From'], `whatsapp:${WHATSAPP}`);
    assert.ok(request['To']?.startsWith('whatsapp:+'));
    assert.equal(request['Body'], undefined, 'no free text goes with a template');
    const variables = JSON.parse(request['ContentVariables']!);
    assert.equal(variables['1'], 'Dana');
    assert.ok(variables['2'] && !variables['2'].includes('{{'), 'merge tags are filled in before Twilio gets them');
    assert.equal(sent.data.body, `Welcome back Dana! Your agent ${variables['2']} will be in touch.`);
  });

  it('says Twilio refused to list the templates, with its code, and lists them again once it does', async () => {
    const admin = restClient(live.t.url, await live.t.token({ user: 'admin-1', role: 'admin' }));
    live.api.contentRefusal = { status: 403, code: 20403, message: 'Forbidden' };
    // Settings saved again: the minute's listing was for the settings before, so Twilio is asked again.
    const saved = await admin('PUT', '/v1/workspace/twilio', { accountSid: ACCOUNT, messagingNumbers: [NUMBER], whatsappNumber: WHATSAPP });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const listed = await live.alex.request('templates.list', {});
    assert.ok(!listed.ok);
    assert.equal(listed.error.code, 'provider_rejected');
    assert.equal(listed.error.details?.providerCode, 20403);
    assert.match(listed.error.message, /Twilio refused to list the WhatsApp templates/);
    live.api.contentRefusal = null;
    const again = await live.alex.request('templates.list', {});
    assert.ok(again.ok, 'a refusal is not kept: the next listing asks Twilio');
  });
});
