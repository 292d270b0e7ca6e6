import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConvClient, ConvError, isConvError } from '@convkit/sdk';
import { startTestServer, type TestServer } from '@convkit/server/testing';
import { eventually, record, waitFor } from './support/wait.js';

describe('client lifecycle', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
  });
  after(async () => t.close());

  it('connects, reports connecting then connected, and learns who it is', async () => {
    const client = new ConvClient({ url: t.url, token: await t.token({ user: 'agent-1', name: 'Alex Rivera' }), autoConnect: false });
    const statuses = record(client.status);
    client.connect();
    await waitFor(client.status, (s) => s === 'connected');
    const session = await waitFor(client.session, (s) => s !== null);
    assert.deepEqual(statuses.states.slice(0, 3), ['disconnected', 'connecting', 'connected']);
    assert.equal(session?.user.name, 'Alex Rivera');
    assert.equal(session?.workspace.slug, 'demo');
    client.disconnect();
    assert.equal(client.status.get(), 'disconnected');
  });

  it('fails with unauthenticated when a fixed token is refused, and says why', async () => {
    const client = new ConvClient({ url: t.url, token: 'not-a-token' });
    const refusals: string[] = [];
    client.onTokenRefused((error) => refusals.push(error.code));
    await waitFor(client.status, (s) => s === 'failed', 5_000, 'the client to fail');
    assert.equal(client.fatalError?.code, 'unauthenticated');
    assert.equal(client.connectionError.get()?.code, 'unauthenticated');
    assert.deepEqual(refusals, ['unauthenticated']);
    await assert.rejects(client.conversations.fetch('x'), (error) => isConvError(error) && error.code === 'unauthenticated');
  });

  it('a request made while connecting fails with the refusal, not a timeout, when the token is refused', async () => {
    const client = new ConvClient({ url: t.url, token: 'not-a-token' });
    // A timeout would reject with `timeout`: the refusal itself is what ends the request.
    await assert.rejects(client.request('conversations.list', {}), (error) => isConvError(error) && error.code === 'unauthenticated');
  });

  it('asks the token provider again when the server refuses an expired token', async () => {
    let calls = 0;
    const client = new ConvClient({
      url: t.url,
      tokenProvider: async () => {
        calls++;
        return t.token({ ttlSeconds: calls === 1 ? -5 : 3600 });
      },
    });
    await waitFor(client.status, (s) => s === 'connected', 8_000);
    assert.ok(calls >= 2);
    client.disconnect();
  });

  it('asks a provider whose tokens are refused again and again, each time later: a handful of times in 30 s', async () => {
    const asked: number[] = [];
    const refusals: string[] = [];
    const started = Date.now();
    const client = new ConvClient({
      url: t.url,
      tokenProvider: async () => {
        asked.push(Date.now() - started);
        return 'refused-every-time';
      },
    });
    client.onTokenRefused((error) => refusals.push(error.code));
    try {
      await waitFor(client.connectionError, (error) => error?.code === 'unauthenticated', 5_000, 'the refusal to show');
      assert.equal(client.status.get(), 'connecting', 'still trying: a provider may mint a good token');
      await new Promise((resolve) => setTimeout(resolve, 30_000));
      // The first ask, then waits of at least 0.5, 1, 2, 4, 8 and 16 s: at most seven in 30 s.
      assert.ok(asked.length >= 3 && asked.length <= 7, `asked ${asked.length} times: ${asked.join(', ')} ms`);
      const gaps = asked.slice(1).map((at, i) => at - asked[i]!);
      assert.ok(gaps.every((gap, i) => i === 0 || gap >= gaps[i - 1]! * 0.5), `the waits grow: ${gaps.join(', ')} ms`);
      assert.equal(refusals.length, asked.length, 'the host hears of every refusal');
    } finally {
      client.disconnect();
    }
  });

  it('refreshes a short-lived token over the open socket and outlives the first token', async () => {
    let calls = 0;
    const client = new ConvClient({
      url: t.url,
      tokenProvider: async () => {
        calls++;
        return t.token({ ttlSeconds: 3 });
      },
    });
    await waitFor(client.status, (s) => s === 'connected');
    const statuses = record(client.status);
    // Each token lives 2 to 3 s (its expiry is in whole seconds) and is replaced at half-life,
    // so asks come at least 1 s apart: by the fifth, 4 s in, the first token has expired and
    // the socket has outlived it.
    await eventually(() => calls >= 5, 10_000, 'the provider to be asked for a fifth token');
    assert.deepEqual(statuses.states, ['connected'], 'never dropped: the server accepted each refreshed token');
    const page = await client.request('conversations.list', { limit: 1 });
    assert.equal(page.items.length, 1);
    client.disconnect();
  });

  it('a command sent while disconnected fails at once with a retryable disconnected error', async () => {
    const client = new ConvClient({ url: t.url, token: await t.token(), autoConnect: false });
    const error = await client.request('conversations.list', {}).catch((e: unknown) => e);
    assert.ok(error instanceof ConvError);
    assert.equal(error.code, 'disconnected');
    assert.equal(error.retryable, true);
  });

  it('refuses to start with neither token nor provider', () => {
    assert.throws(() => new ConvClient({ url: t.url }), (error) => isConvError(error) && error.code === 'invalid_params');
  });

  it('recognises its errors across copies of the SDK by brand', () => {
    const foreign = { [Symbol.for('convkit.error')]: true, code: 'timeout' };
    assert.equal(isConvError(foreign), true);
    assert.equal(isConvError(new Error('plain')), false);
  });
});
