// Scheduled messages: sent once, at their time; cancelled until they go (a cancel racing the send
// ends in exactly one of the two); held through quiet hours, while an agent's own send is not.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import type { Message } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, type TestSocket } from '../../test-support/clients.js';
import { phoneConversation } from '../../test-support/twilio-workspace.js';
import { sqlAll } from '../../db/sql.js';
import { quietHoursEnd } from './quiet-hours.js';

describe('scheduled messages', () => {
  let t: TestServer;
  let alex: TestSocket;
  let admin: TestSocket;
  let conversationId: string;

  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
    admin = await connectSocket(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
    conversationId = await phoneConversation(alex);
  });
  after(async () => {
    alex?.close();
    admin?.close();
    await t?.close();
  });

  const schedule = (body: string, inMs: number) => alex.request('messages.send', { conversationId, clientId: randomUUID(), body, channel: 'sms', sendAt: new Date(Date.now() + inMs).toISOString() });
  const copiesSent = (id: string) => t.server.sandbox.sent.filter((m) => m.id === id).length;
  const settledTo = (id: string, statuses: string[]) =>
    alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === id && statuses.includes(e.data.message.status), 10_000).then((e) => (e as { data: { message: Message } }).data.message);

  it('waits as scheduled, then goes once at its time', async () => {
    const scheduled = await schedule('See you at the closing', 1_500);
    assert.ok(scheduled.ok, JSON.stringify(scheduled));
    assert.equal(scheduled.data.status, 'scheduled');
    const due = Date.parse(scheduled.data.meta.scheduledFor as string);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(copiesSent(scheduled.data.id), 0, 'not before its time');
    const sent = await settledTo(scheduled.data.id, ['sent']);
    assert.ok(Date.now() >= due);
    assert.equal(sent.status, 'sent');
    await t.server.dispatcher.idle();
    assert.equal(copiesSent(scheduled.data.id), 1);
  });

  it('is cancelled until it goes, and then never goes', async () => {
    const scheduled = await schedule('Cancel me', 60_000);
    assert.ok(scheduled.ok);
    const cancelled = await alex.request('messages.cancel', { id: scheduled.data.id });
    assert.ok(cancelled.ok, JSON.stringify(cancelled));
    assert.equal(cancelled.data.status, 'canceled');
    const again = await alex.request('messages.cancel', { id: scheduled.data.id });
    assert.equal(!again.ok && again.error.code, 'conflict');
    const sent = await alex.request('messages.send', { conversationId, clientId: randomUUID(), body: 'Sent now', channel: 'sms' });
    assert.ok(sent.ok);
    const late = await alex.request('messages.cancel', { id: sent.data.id });
    assert.equal(!late.ok && late.error.code, 'conflict');
  });

  it('a cancel racing the send ends in exactly one of sent or cancelled', async () => {
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    const scheduled: Awaited<ReturnType<typeof schedule>>[] = [];
    for (let i = 0; i < 12; i++) scheduled.push(await schedule(`Race ${i}`, 60_000));
    const ids = scheduled.map((s) => (s.ok ? s.data.id : assert.fail(JSON.stringify(s))));
    // All due now: the outbox is woken and the cancels go out at the same moment (a socket
    // takes eight commands at once, so they go in two waves).
    await sqlAll(em, `update messages set lease_until = ? where id in (${ids.map(() => '?').join(', ')})`, [Date.now(), ...ids]);
    t.server.dispatcher.kick();
    const cancel = (id: string) => alex.request('messages.cancel', { id });
    const cancels = [...(await Promise.all(ids.slice(0, 6).map(cancel))), ...(await Promise.all(ids.slice(6).map(cancel)))];
    await t.server.dispatcher.idle();
    let sent = 0;
    let cancelled = 0;
    for (const [i, id] of ids.entries()) {
      const [row] = await sqlAll<{ status: string }>(em, 'select status from messages where id = ?', [id]);
      if (cancels[i]!.ok) {
        cancelled++;
        assert.equal(row!.status, 'canceled');
        assert.equal(copiesSent(id), 0, 'cancelled: never sent');
      } else {
        sent++;
        assert.equal(!cancels[i]!.ok && cancels[i]!.error.code, 'conflict');
        assert.notEqual(row!.status, 'canceled');
        assert.equal(copiesSent(id), 1, 'not cancelled: sent once');
      }
    }
    assert.equal(sent + cancelled, 12);
  });

  it('is held through quiet hours and goes once when they end; an agent’s own send is not held', async () => {
    // Quiet hours around now, in the workspace's zone (UTC).
    const minute = new Date().getUTCHours() * 60 + new Date().getUTCMinutes();
    const clock = (m: number) => `${String(Math.floor(((m + 1440) % 1440) / 60)).padStart(2, '0')}:${String((m + 1440) % 60).padStart(2, '0')}`;
    const quietHours = { start: clock(minute - 60), end: clock(minute + 30) };
    assert.ok((await admin.request('workspace.update', { timezone: 'UTC', quietHours })).ok);
    try {
      const now = await alex.request('messages.send', { conversationId, clientId: randomUUID(), body: 'Agent reply at night', channel: 'sms' });
      assert.ok(now.ok);
      assert.equal((await settledTo(now.data.id, ['sent'])).status, 'sent');

      const scheduled = await schedule('Scheduled at night', 0);
      assert.ok(scheduled.ok);
      const held = await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === scheduled.data.id && Boolean(e.data.message.meta.heldForQuietHoursUntil), 10_000);
      assert.ok(held.type === 'message.updated');
      assert.equal(held.data.message.status, 'scheduled');
      const heldUntil = held.data.message.meta.heldForQuietHoursUntil as string;
      assert.equal(Date.parse(heldUntil), quietHoursEnd(quietHours, 'UTC', Date.parse(heldUntil) - 1000), 'held until the end of quiet hours');
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      assert.equal(copiesSent(scheduled.data.id), 0, 'still held');

      // Quiet hours end: the time comes (made to come now), and it goes, once.
      assert.ok((await admin.request('workspace.update', { quietHours: null })).ok);
      const em = t.server.orm.em.fork() as unknown as EntityManager;
      await sqlAll(em, 'update messages set lease_until = ? where id = ?', [Date.now(), scheduled.data.id]);
      assert.equal((await settledTo(scheduled.data.id, ['sent'])).status, 'sent');
      await t.server.dispatcher.idle();
      assert.equal(copiesSent(scheduled.data.id), 1);
    } finally {
      await admin.request('workspace.update', { quietHours: null });
    }
  });

  it('keeps quiet hours in the contact’s time zone when it is known, else in the workspace’s', async () => {
    // Quiet hours around now in Tokyo (UTC+9 all year): nowhere near now in UTC.
    const tokyo = new Date(Date.now() + 9 * 3_600_000);
    const minute = tokyo.getUTCHours() * 60 + tokyo.getUTCMinutes();
    const clock = (m: number) => `${String(Math.floor(((m + 1440) % 1440) / 60)).padStart(2, '0')}:${String((m + 1440) % 60).padStart(2, '0')}`;
    const quietHours = { start: clock(minute - 60), end: clock(minute + 30) };
    const got = await alex.request('conversations.get', { id: conversationId });
    assert.ok(got.ok);
    const contactId = (got.data as { conversation: { contact: { id: string } } }).conversation.contact.id;
    assert.ok((await admin.request('workspace.update', { timezone: 'UTC', quietHours })).ok);
    try {
      const set = await alex.request('contacts.update', { id: contactId, timezone: 'Asia/Tokyo' });
      assert.ok(set.ok, JSON.stringify(set));
      assert.equal(set.data.timezone, 'Asia/Tokyo');
      const held = await schedule('Night in Tokyo', 0);
      assert.ok(held.ok);
      const event = await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === held.data.id && Boolean(e.data.message.meta.heldForQuietHoursUntil), 10_000);
      const until = Date.parse((event.type === 'message.updated' && event.data.message.meta.heldForQuietHoursUntil) as string);
      assert.equal(until, quietHoursEnd(quietHours, 'Asia/Tokyo', until - 1000), 'held until the end of quiet hours in Tokyo');
      assert.ok((await alex.request('messages.cancel', { id: held.data.id })).ok);

      // Unknown again: the workspace's zone (UTC), where it is not quiet now.
      assert.ok((await alex.request('contacts.update', { id: contactId, timezone: null })).ok);
      const goes = await schedule('Daytime in UTC', 0);
      assert.ok(goes.ok);
      assert.equal((await settledTo(goes.data.id, ['sent'])).status, 'sent');
      const refused = await alex.request('contacts.update', { id: contactId, timezone: 'Mars/Olympus_Mons' });
      assert.equal(refused.ok === false && refused.error.code, 'invalid_params');
    } finally {
      await admin.request('workspace.update', { quietHours: null });
    }
  });

  it('refuses a time without its offset, one that has passed or is more than a year ahead, and a note', async () => {
    for (const [sendAt, kind] of [['2099-12-24T09:00:00', 'message'], [new Date(Date.now() - 3_600_000).toISOString(), 'message'], [new Date(Date.now() + 400 * 86_400_000).toISOString(), 'message'], ['tomorrow', 'message'], [new Date(Date.now() + 60_000).toISOString(), 'note']] as const) {
      const answer = await alex.request('messages.send', { conversationId, clientId: randomUUID(), body: 'x', sendAt, kind });
      assert.equal(!answer.ok && answer.error.code, 'invalid_params', sendAt);
      assert.equal(!answer.ok && answer.error.details?.path, 'sendAt');
    }
  });
});
