import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConvClient, ConvError, isConvError } from '@convkit/sdk';
import { startTestServer, type TestServer } from '@convkit/server/testing';
import { dropConnection } from '@convkit/sdk/testing';
import { record, waitFor } from './support/wait.js';

// Tight limits so a test reaches them with a handful of commands: 5 at once then 2 a second per
// socket; the 11th refusal in a burst closes the socket, and its user waits 1.5 s to come back.
// No cap on commands in flight worth the name: within one, the SDK would never send a flood.
const FLOOD_PENALTY_MS = 1_500;
const LIMITS = {
  inFlightPerSocket: 100,
  inFlightPerUser: 100,
  socketCommands: { burst: 5, perSecond: 2 },
  floodStrikes: { burst: 10, perSecond: 1 },
  floodPenaltyMs: FLOOD_PENALTY_MS,
};

describe('the SDK honours the server rate limits', () => {
  let t: TestServer;
  /** Conversation ids, listed by another agent so the clients under test start with full buckets. */
  let ids: string[];
  before(async () => {
    t = await startTestServer({ seed: 'demo', limits: LIMITS });
    const lister = new ConvClient({ url: t.url, token: await t.token({ user: 'lister' }) });
    ids = (await lister.request('conversations.list', { limit: 10 })).items.map((item) => item.conversation.id);
    lister.disconnect();
    assert.equal(ids.length, 10);
  });
  after(async () => t.close());

  // Disconnected even when a test fails, so no reconnect timer keeps the run alive.
  const clients: ConvClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });
  function newClient(options: ConstructorParameters<typeof ConvClient>[0]): ConvClient {
    const client = new ConvClient(options);
    clients.push(client);
    return client;
  }

  /** A connected client of its own agent, so buckets, strikes and penalties are its alone. */
  async function connectedClient(user: string): Promise<ConvClient> {
    const client = newClient({ url: t.url, token: await t.token({ user }) });
    await waitFor(client.session, Boolean, 5_000, `${user} to connect`);
    return client;
  }

  it('keeps within the server\'s cap on commands in flight: a burst within the bucket is never refused', async () => {
    const server = await startTestServer({ seed: 'demo', limits: { inFlightPerSocket: 2 } });
    const client = new ConvClient({ url: server.url, token: await server.token({ user: 'batcher' }) });
    try {
      const session = await waitFor(client.session, Boolean, 5_000, 'batcher to connect');
      assert.equal(session!.limits.inFlight, 2, 'the session says how many may be in flight');
      const throttled = record(client.rateLimit);
      const results = await Promise.all(Array.from({ length: 30 }, () => client.request('conversations.list', { limit: 20 })));
      assert.equal(results.length, 30);
      assert.ok(throttled.states.every((state) => state === null), 'no command was refused, so nothing was held back');
    } finally {
      client.disconnect();
      await server.close();
    }
  });

  it('paces a burst of reads beyond the bucket: every one resolves, and rateLimit says so meanwhile', async () => {
    const client = await connectedClient('reader');
    const throttled = record(client.rateLimit);
    assert.equal(client.rateLimit.get(), null, 'not throttled before the burst');

    const conversations = await Promise.all(ids.map((id) => client.conversations.fetch(id)));

    assert.deepEqual(conversations.map((c) => c.id), ids, 'every read answered, none refused');
    assert.ok(throttled.states.some((s) => s !== null), 'rateLimit was set while the reads were paced');
    await waitFor(client.rateLimit, (s) => s === null, 5_000, 'rateLimit to clear');
    assert.equal(client.status.get(), 'connected', 'paced, not closed as a flood');
  });

  it('rejects the writes beyond the bucket with a retryable rate_limited and its wait, then holds the next ones back', async () => {
    const client = await connectedClient('writer');
    const results = await Promise.allSettled(ids.map((id) => client.request('conversations.mark', { id, starred: true })));

    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as unknown);
    assert.ok(results.some((r) => r.status === 'fulfilled'), 'the bucket let some through');
    assert.ok(refused.length > 0, 'the writes beyond the bucket were refused, not retried behind the caller');
    for (const error of refused) {
      assert.ok(error instanceof ConvError, String(error));
      assert.equal(error.code, 'rate_limited');
      assert.equal(error.retryable, true);
      assert.ok(error.retryAfterMs !== null && error.retryAfterMs > 0, `retryAfterMs ${error.retryAfterMs}`);
    }
    const throttle = client.rateLimit.get();
    assert.ok(throttle !== null && throttle.until > Date.now(), 'rateLimit set after the refusal');

    // A command whose timeout ends before its turn fails at once with rate_limited, not a timeout.
    const tooShort = await client.request('conversations.mark', { id: ids[0]!, starred: false }, 100).catch((e: unknown) => e);
    assert.ok(isConvError(tooShort) && tooShort.code === 'rate_limited' && (tooShort.retryAfterMs ?? 0) > 0, String(tooShort));

    // One made during the pause waits for its turn and is not refused.
    assert.notEqual(client.rateLimit.get(), null);
    await client.request('conversations.mark', { id: ids[0]!, starred: false });
    await waitFor(client.rateLimit, (s) => s === null, 5_000, 'rateLimit to clear');
  });

  it('a client closed for flooding waits out the penalty, reconnects by itself and works again', async () => {
    // A token this short-lived is never fresh enough to reuse (the client renews within a minute
    // of expiry), so the provider is asked once per handshake: each call is one connect attempt.
    const handshakes: number[] = [];
    const client = newClient({
      url: t.url,
      tokenProvider: async () => {
        handshakes.push(Date.now());
        return t.token({ user: 'flooder', ttlSeconds: 30 });
      },
    });
    await waitFor(client.status, (s) => s === 'connected');
    const statuses = record(client.status);
    let closedAt = 0;
    client.closedReason.subscribe((reason) => {
      if (reason && !closedAt) closedAt = Date.now();
    });
    const before = handshakes.length;

    const flood = await Promise.allSettled(Array.from({ length: 30 }, () => client.request('conversations.list', { limit: 1 })));
    assert.ok(flood.some((r) => r.status === 'rejected'));

    const closed = await waitFor(client.closedReason, (r) => r !== null, 5_000, 'session.closed');
    assert.ok(closed, 'the client learned why it was closed');
    assert.equal(closed.code, 'rate_limited');
    assert.equal(closed.retryAfterMs, FLOOD_PENALTY_MS);

    await waitFor(client.status, (s) => s === 'connected', 10_000, 'the client to reconnect by itself');
    assert.ok(statuses.states.includes('reconnecting'));
    const after = handshakes.slice(before);
    assert.equal(after.length, 1, 'one handshake after the close: none refused for coming back too early');
    assert.ok(after[0]! - closedAt >= FLOOD_PENALTY_MS, `reconnected ${after[0]! - closedAt} ms after the close`);
    assert.equal(client.closedReason.get(), null, 'the reason clears once connected again');

    const page = await client.request('conversations.list', { limit: 1 });
    assert.equal(page.items.length, 1);
  });

  it('a handshake refused during its user\'s penalty is retried once the penalty is over', async () => {
    // Two tabs of one agent: the second floods and is closed, which bars the agent for a while.
    const tab = await connectedClient('twin');
    const flooder = await connectedClient('twin');
    await Promise.allSettled(Array.from({ length: 30 }, () => flooder.request('conversations.list', { limit: 1 })));
    await waitFor(flooder.closedReason, Boolean, 5_000, 'the flooding tab to be closed');

    // The first tab loses its network now: its reconnect falls inside the penalty and is refused.
    dropConnection(tab);
    await waitFor(tab.status, (s) => s === 'reconnecting', 5_000);
    await waitFor(tab.rateLimit, Boolean, 5_000, 'the refused handshake to hold the tab back');
    await waitFor(tab.status, (s) => s === 'connected', 10_000, 'the tab to reconnect after the penalty');
    const page = await tab.request('conversations.list', { limit: 1 });
    assert.equal(page.items.length, 1);

    await waitFor(flooder.status, (s) => s === 'connected', 10_000, 'the flooding tab to come back too');
  });

  it('session.refresh with a token of another role updates the session user at once', async () => {
    let calls = 0;
    const client = newClient({
      url: t.url,
      tokenProvider: async () => {
        calls++;
        // A 3 s token is refreshed over the socket at half-life; the next one makes them admin.
        return calls === 1 ? t.token({ user: 'promoted', name: 'Pat', role: 'agent', ttlSeconds: 3 }) : t.token({ user: 'promoted', name: 'Pat Admin', role: 'admin' });
      },
    });
    const session = await waitFor(client.session, Boolean);
    assert.equal(session?.user.role, 'agent');
    const statuses = record(client.status);

    const promoted = await waitFor(client.session, (s) => s?.user.role === 'admin', 6_000, 'the refreshed role');
    assert.equal(promoted?.user.name, 'Pat Admin');
    assert.equal(promoted?.user.id, session?.user.id, 'the same user');
    assert.deepEqual(statuses.states, ['connected'], 'refreshed over the open socket, no reconnect');
  });
});

describe('counts refused by a rate limit', () => {
  // One command, then one every 11 s: the connect's counts (the unread badge's) take the one,
  // and the counts of the list's filter would wait longer than a request's 10 s timeout, so
  // they are refused at once.
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ seed: 'demo', limits: { socketCommands: { burst: 1, perSecond: 1 / 11 } } });
  });
  after(async () => t.close());

  it('are asked for again once the wait is over, not left empty until the filter changes', async () => {
    const client = new ConvClient({ url: t.url, token: await t.token({ user: 'counted-late' }) });
    try {
      await waitFor(client.unread, (unread) => unread !== null, 5_000, "the connect's counts");
      void client.conversations.setQuery({ view: 'all', filter: { channel: 'sms' } }).catch(() => {});
      await waitFor(client.rateLimit, (limit) => limit !== null, 5_000, 'the counts to be refused');
      assert.equal(client.conversations.store.get().counts, null);
      const state = await waitFor(client.conversations.store, (s) => s.counts !== null, 20_000, 'the counts, asked for again');
      assert.ok(state.counts!.all > 0);
      assert.deepEqual(state.query.filter, { channel: 'sms' });
    } finally {
      client.disconnect();
    }
  });
});
