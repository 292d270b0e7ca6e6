// A request to Twilio gives up within half of the outbox lease, so a send's outcome is recorded
// while the send is still its node's: another node, finding the lease run out, never sends it a
// second time while the first is still waiting for Twilio's answer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityManager } from '@mikro-orm/sql';
import { sqlAll } from '../db/sql.js';
import { startLiveWorkspace, type LiveWorkspace } from '../test-support/twilio-workspace.js';

const ACCOUNT = `AC${'c'.repeat(32)}`;
const TOKEN = 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3';
const LEASE_MS = 1_000;

describe('a send slower than its lease', () => {
  let live: LiveWorkspace;
  before(async () => {
    live = await startLiveWorkspace(ACCOUNT, TOKEN, '+15550007777', { outboxLeaseMs: LEASE_MS, outboxRetryMs: 200 });
  });
  after(async () => live?.close());

  it('gives up on the answer within the lease, and finds the message Twilio took: sent once', async () => {
    // Twilio takes the message, then answers only long after the lease would have run out.
    live.api.script({ status: 201, delayMs: LEASE_MS * 6 });
    live.api.lists.length = 0;
    const sent = await live.alex.request('messages.send', { conversationId: live.conversationId, clientId: 'lease-0001', body: 'Slow answer', channel: 'sms' });
    assert.ok(sent.ok, JSON.stringify(sent));
    const done = await live.alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === sent.data.id && e.data.message.status === 'sent', 10_000);
    assert.ok(done.type === 'message.updated');
    // Reconciled (Twilio's list was read) rather than waited out.
    assert.equal(live.api.lists.length, 1);
    const atTwilio = live.api.accepted.filter((m) => m['Body'] === 'Slow answer');
    assert.equal(atTwilio.length, 1);
    const em = live.t.server.orm.em.fork() as unknown as EntityManager;
    const [row] = await sqlAll<{ provider_id: string }>(em, 'select provider_id from messages where id = ?', [sent.data.id]);
    assert.equal(row!.provider_id, atTwilio[0]!.sid);
    assert.equal(live.api.requests.filter((r) => r['Body'] === 'Slow answer').length, 1, 'asked Twilio once');
  });
});
