// Every command's answer is exactly what its result schema in @convkit/sdk/protocol says, and
// every event in the log matches its payload schema: a field the schema lacks, a missing field
// or a wrong type fails here. The cases are keyed by command name, so the compiler refuses a
// command left without one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import { COMMAND_NAMES, type CommandName, type ServerEvent } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../testing/index.js';
import { connectSocket, type TestSocket } from '../test-support/clients.js';
import { ok } from '../test-support/list-all.js';
import { resultSchemas } from './schemas.js';
import type { EntityManager } from '@mikro-orm/sql';
import { sqlAll } from '../db/sql.js';

const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new Map<CommandName, ValidateFunction>(COMMAND_NAMES.map((name) => [name, ajv.compile(resultSchemas[name])]));

/** Why `value` is not a result of `name`, or null when it is one. */
function mismatch(name: CommandName, value: unknown): string | null {
  const validate = validators.get(name)!;
  return validate(value) ? null : ajv.errorsText(validate.errors, { dataVar: name });
}

describe('command results and events, against the protocol schemas', () => {
  let t: TestServer;
  let admin: TestSocket;
  let conversationId: string;
  let contactId: string;
  let labelId: string;
  const answers = new Map<CommandName, unknown>();

  before(async () => {
    t = await startTestServer({ seed: 'demo', sandboxDeliveryMs: 10 });
    admin = await connectSocket(t.url, await t.token({ user: 'agent-1', role: 'admin' }));
    await t.simulateSms({ from: '+15557300001', body: 'Is the inspection still on for Friday?' });
    const item = (await ok(admin, 'conversations.list', { view: 'all', limit: 1 })).items[0];
    conversationId = item.conversation.id;
    contactId = item.conversation.contact.id;
    labelId = (await ok(admin, 'labels.list'))[0].id;
  });
  after(async () => {
    admin?.close();
    await t?.close();
  });

  const cases: Record<CommandName, () => Promise<unknown>> = {
    'conversations.list': () => ok(admin, 'conversations.list', { view: 'all', limit: 5 }),
    'conversations.counts': () => ok(admin, 'conversations.counts', {}),
    'conversations.get': () => ok(admin, 'conversations.get', { id: conversationId }),
    'conversations.markRead': () => ok(admin, 'conversations.markRead', { id: conversationId }),
    'conversations.mark': () => ok(admin, 'conversations.mark', { id: conversationId, starred: true }),
    'conversations.update': () => ok(admin, 'conversations.update', { id: conversationId, addLabelIds: [labelId] }),
    'conversations.bulk': () => ok(admin, 'conversations.bulk', { operationId: randomUUID(), target: { ids: [conversationId] }, action: { type: 'tagContacts', tag: 'schema' } }),
    'labels.list': () => ok(admin, 'labels.list'),
    'labels.create': () => ok(admin, 'labels.create', { name: `Schema ${randomUUID().slice(0, 8)}`, color: '#0f766e' }),
    'users.list': () => ok(admin, 'users.list'),
    'workspace.update': () => ok(admin, 'workspace.update', { recentDays: 14 }),
    'messages.list': () => ok(admin, 'messages.list', { conversationId }),
    'messages.send': () => ok(admin, 'messages.send', { conversationId, clientId: randomUUID(), body: 'See you Friday at 10.' }),
    'messages.retry': async () => {
      // The sandbox reports a text with "fail" in it undelivered: that one can be sent again.
      const sent = await ok(admin, 'messages.send', { conversationId, clientId: randomUUID(), body: 'This one will fail at first' });
      await t.server.dispatcher.idle();
      await t.server.sandbox.settled();
      return ok(admin, 'messages.retry', { id: sent.id });
    },
    'messages.reschedule': async () => {
      const scheduled = await ok(admin, 'messages.send', { conversationId, clientId: randomUUID(), body: 'Reminder: walkthrough', sendAt: new Date(Date.now() + 3_600_000).toISOString() });
      return ok(admin, 'messages.reschedule', { id: scheduled.id, body: 'Reminder: walkthrough at 10', sendAt: new Date(Date.now() + 7_200_000).toISOString() });
    },
    'messages.cancel': async () => {
      const scheduled = await ok(admin, 'messages.send', { conversationId, clientId: randomUUID(), body: 'Reminder: inspection tomorrow', sendAt: new Date(Date.now() + 3_600_000).toISOString() });
      return ok(admin, 'messages.cancel', { id: scheduled.id });
    },
    'contacts.get': () => ok(admin, 'contacts.get', { id: contactId }),
    'contacts.upsert': () => ok(admin, 'contacts.upsert', { externalId: 'crm-9001', phone: '+15557300002', firstName: 'Robin', tags: ['buyer'] }),
    'contacts.find': () => ok(admin, 'contacts.find', { phone: '+15557300001' }),
    'contactCards.save': () => ok(admin, 'contactCards.save', { contactId, key: 'deal-1', kind: 'opportunity', title: '12 Cedar Court', subtitle: 'Buyers · Offer', status: 'Open', amount: { value: 450000, currency: 'USD' }, link: '/deals/1', actions: [{ label: 'Open deal', link: '/deals/1' }] }),
    'contactCards.list': () => ok(admin, 'contactCards.list', { contactId }),
    'contactCards.delete': async () => {
      await ok(admin, 'contactCards.save', { contactId, key: 'appt-9', kind: 'appointment', title: 'Showing' });
      return ok(admin, 'contactCards.delete', { contactId, key: 'appt-9' });
    },
    'activities.post': () => ok(admin, 'activities.post', { conversationId, clientId: randomUUID(), title: 'Inspection booked', body: 'Friday 10:00, roof and attic', status: 'Booked', link: '/inspections/88', actor: 'Jordan (office)' }),
    'conversations.start': async () => {
      const { contact } = await ok(admin, 'contacts.upsert', { externalId: 'crm-9002', firstName: 'Kai' });
      return ok(admin, 'conversations.start', { contactId: contact.id });
    },
    'contacts.reachability': () => ok(admin, 'contacts.reachability', { id: contactId }),
    'contacts.update': () => ok(admin, 'contacts.update', { id: contactId, firstName: 'Dana', lastName: 'Whitfield', dnd: ['email'] }),
    'consent.set': () => ok(admin, 'consent.set', { contactId, channel: 'sms', status: 'granted' }),
    'consent.list': async () => {
      await ok(admin, 'consent.set', { contactId, channel: 'sms', status: 'revoked' });
      return ok(admin, 'consent.list', { contactId });
    },
    'calls.start': () => ok(admin, 'calls.start', { conversationId, agentPhone: '+15557300099' }),
    'snippets.list': () => ok(admin, 'snippets.list', {}),
    'templates.list': () => ok(admin, 'templates.list', {}),
    'snippets.save': () => ok(admin, 'snippets.save', { title: 'Schema check', shortcut: `schema-${randomUUID().slice(0, 8)}`, body: 'Hi {{contact.first_name}}' }),
    'snippets.delete': async () => {
      const saved = await ok(admin, 'snippets.save', { title: 'To remove', body: 'Bye' });
      return ok(admin, 'snippets.delete', { id: saved.id });
    },
    'messages.html': async () => {
      const [email] = await sqlAll<{ message_id: string }>(t.server.orm.em.fork() as unknown as EntityManager, 'select message_id from message_html');
      return ok(admin, 'messages.html', { id: email!.message_id });
    },
    'attachments.link': async () => {
      const upload = await fetch(`${t.url}/v1/attachments?name=note.txt`, { method: 'POST', headers: { authorization: `Bearer ${await t.token({ user: 'agent-1', role: 'admin' })}`, 'content-type': 'text/plain' }, body: 'a file' });
      return ok(admin, 'attachments.link', { id: ((await upload.json()) as { id: string }).id });
    },
    'attachments.uploadLink': () => ok(admin, 'attachments.uploadLink', {}),
    'presence.set': () => ok(admin, 'presence.set', { conversationId, typing: true }),
    'session.refresh': async () => ok(admin, 'session.refresh', { token: await t.token({ user: 'agent-1', role: 'admin' }) }),
    'conversations.delete': async () => {
      await t.simulateSms({ from: '+15557300002', body: 'Please remove my number' });
      const doomed = (await ok(admin, 'conversations.list', { view: 'all', limit: 1 })).items[0].conversation.id;
      return ok(admin, 'conversations.delete', { id: doomed });
    },
    // Run last (see below): the log then holds every kind of event the cases above caused.
    'events.since': () => ok(admin, 'events.since', { seq: 0, limit: 500 }),
  };

  it('answers every command with exactly its result schema', async () => {
    const order = [...COMMAND_NAMES.filter((name) => name !== 'events.since'), 'events.since' as const];
    for (const name of order) {
      const answer = await cases[name]();
      answers.set(name, answer);
      assert.equal(mismatch(name, answer), null);
    }
  });

  it('logs events that match their payload schemas, of every kind the commands caused', () => {
    const { events } = answers.get('events.since') as { events: ServerEvent[] };
    const kinds = new Set(events.map((event) => event.type));
    for (const kind of ['message.created', 'conversation.updated', 'conversation.deleted', 'label.created', 'workspace.updated', 'contact.updated', 'readstate.updated', 'consent.updated'] as const) {
      assert.ok(kinds.has(kind), `a ${kind} event among ${[...kinds].join(', ')}`);
    }
  });

  it('would fail on a field the schema lacks, a missing field or a wrong type', () => {
    const item = answers.get('conversations.get') as { conversation: Record<string, unknown> & { contact: Record<string, unknown> } };
    assert.match(mismatch('conversations.get', { ...item, internalNote: 'x' }) ?? '', /must NOT have additional properties/);
    assert.match(mismatch('conversations.get', { ...item, conversation: { ...item.conversation, contact: { ...item.conversation.contact, ssn: '000' } } }) ?? '', /additional properties/);
    const { version: _dropped, ...withoutVersion } = item.conversation;
    assert.match(mismatch('conversations.get', { ...item, conversation: withoutVersion }) ?? '', /must have required property 'version'/);
    assert.match(mismatch('conversations.get', { ...item, conversation: { ...item.conversation, lastSeq: '3' } }) ?? '', /must be integer/);
  });
});
