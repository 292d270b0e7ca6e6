// Editing a scheduled message before it goes (messages.reschedule), and a scheduled message
// across a restart of the server: it goes once, at its time, with the text it had when it went.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import type { Message } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, type TestSocket } from '../../test-support/clients.js';
import { phoneConversation } from '../../test-support/twilio-workspace.js';
import { ok } from '../../test-support/list-all.js';
import { sqlAll } from '../../db/sql.js';

describe('editing a scheduled message', () => {
  let t: TestServer;
  let alex: TestSocket;
  let conversationId: string;

  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
    conversationId = await phoneConversation(alex);
  });
  after(async () => {
    alex?.close();
    await t?.close();
  });

  const at = (inMs: number) => new Date(Date.now() + inMs).toISOString();
  const schedule = (body: string, inMs: number) => ok<Message>(alex, 'messages.send', { conversationId, clientId: randomUUID(), body, channel: 'sms', sendAt: at(inMs) });
  const sentBodies = (id: string) => t.server.sandbox.sent.filter((m) => m.id === id).map((m) => m.body);
  const code = async (name: string, params: unknown) => {
    const answer = await alex.request(name, params);
    return answer.ok ? 'ok' : answer.error.code;
  };

  it('changes its text and time; it goes once, at the new time, with the new text, and the list row reads it', async () => {
    const scheduled = await schedule('Inspection at 9', 60_000);
    const edited = await ok<Message>(alex, 'messages.reschedule', { id: scheduled.id, body: '  Inspection moved to 10  ', sendAt: at(1_200) });
    assert.equal(edited.status, 'scheduled');
    assert.equal(edited.body, 'Inspection moved to 10');
    const due = Date.parse(edited.meta['scheduledFor'] as string);
    assert.ok(due < Date.parse(scheduled.meta['scheduledFor'] as string));
    const event = await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === scheduled.id && e.data.message.body === 'Inspection moved to 10');
    assert.equal((event.data as { conversation: { lastMessage: { preview: string } } }).conversation.lastMessage.preview, 'Inspection moved to 10');
    await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === scheduled.id && e.data.message.status === 'sent', 10_000);
    assert.ok(Date.now() >= due);
    await t.server.dispatcher.idle();
    assert.deepEqual(sentBodies(scheduled.id), ['Inspection moved to 10']);
  });

  it('refuses what cannot be edited, each with its code', async () => {
    const scheduled = await schedule('Keep me', 60_000);
    assert.equal(await code('messages.reschedule', { id: scheduled.id }), 'invalid_params');
    assert.equal(await code('messages.reschedule', { id: scheduled.id, body: '   ' }), 'invalid_params');
    assert.equal(await code('messages.reschedule', { id: scheduled.id, sendAt: at(-3_600_000) }), 'invalid_params');
    assert.equal(await code('messages.reschedule', { id: scheduled.id, sendAt: '2027-01-01T09:00:00' }), 'invalid_params');
    assert.equal(await code('messages.reschedule', { id: scheduled.id, body: 'x'.repeat(2_000_000) }), 'too_long');
    assert.equal(await code('messages.reschedule', { id: randomUUID(), body: 'Nobody' }), 'not_found');
    await ok(alex, 'messages.cancel', { id: scheduled.id });
    assert.equal(await code('messages.reschedule', { id: scheduled.id, body: 'Too late' }), 'conflict');
    const now = await ok<Message>(alex, 'messages.send', { conversationId, clientId: randomUUID(), body: 'Sent at once', channel: 'sms' });
    assert.equal(await code('messages.reschedule', { id: now.id, body: 'Changed' }), 'conflict');
    const [row] = await sqlAll<{ body: string }>(t.server.orm.em.fork() as unknown as EntityManager, 'select body from messages where id = ?', [scheduled.id]);
    assert.equal(row!.body, 'Keep me');
  });

  it('an edit racing the send either lands and goes, or is refused and the old text goes: never half', async () => {
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await schedule(`Race ${i}`, 60_000)).id);
    await sqlAll(em, `update messages set lease_until = ? where id in (${ids.map(() => '?').join(', ')})`, [Date.now(), ...ids]);
    t.server.dispatcher.kick();
    const edit = (id: string, i: number) => alex.request('messages.reschedule', { id, body: `Race ${i} edited` });
    const answers = [...(await Promise.all(ids.slice(0, 6).map(edit))), ...(await Promise.all(ids.slice(6).map((id, i) => edit(id, i + 6))))];
    await t.server.dispatcher.idle();
    for (const [i, id] of ids.entries()) {
      const answer = answers[i]!;
      if (!answer.ok) assert.equal(answer.error.code, 'conflict');
      assert.deepEqual(sentBodies(id), [answer.ok ? `Race ${i} edited` : `Race ${i}`], `message ${i}`);
    }
  });
});

describe('a scheduled message across a restart', () => {
  it('goes once, at its time, from the server that runs then', async () => {
    const t = await startTestServer({ seed: 'demo' });
    try {
      const alex = await connectSocket(t.url, await t.token({ user: 'agent-1' }));
      const conversationId = await phoneConversation(alex);
      const scheduled = await ok<Message>(alex, 'messages.send', { conversationId, clientId: randomUUID(), body: 'Across the restart', channel: 'sms', sendAt: new Date(Date.now() + 1_500).toISOString() });
      alex.close();
      const before = t.server;
      await t.restart();
      assert.equal(before.sandbox.sent.filter((m) => m.id === scheduled.id).length, 0, 'not sent before the restart');
      const em = t.server.orm.em.fork() as unknown as EntityManager;
      const status = async () => (await sqlAll<{ status: string }>(em, 'select status from messages where id = ?', [scheduled.id]))[0]!.status;
      const deadline = Date.now() + 10_000;
      while (!['sent', 'delivered'].includes(await status()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(Date.now() >= Date.parse(scheduled.meta['scheduledFor'] as string), 'not before its time');
      await t.server.dispatcher.idle();
      assert.equal(t.server.sandbox.sent.filter((m) => m.id === scheduled.id).length, 1, 'sent once, after the restart');
      assert.ok(['sent', 'delivered'].includes(await status()));
    } finally {
      await t.close();
    }
  });
});
