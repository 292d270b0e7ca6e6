// What an operator watches: /health (database and Redis) and /metrics (Prometheus text).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createTcpServer, connect, type Server, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../testing/index.js';
import { connectSocket, restClient } from '../test-support/clients.js';

const REDIS = { host: '127.0.0.1', port: 6379 };

/** A TCP relay to Redis that the test can cut, as a network partition would. */
async function redisRelay(): Promise<{ url: string; cut(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const relay: Server = createTcpServer((client) => {
    const upstream = connect(REDIS);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port } = relay.address() as { port: number };
  return {
    url: `redis://127.0.0.1:${port}`,
    async cut() {
      const closed = new Promise((resolve) => relay.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** One sample's value from Prometheus text, e.g. value(text, 'convkit_webhooks_total{provider="twilio",outcome="stored"}'). */
function value(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('operations', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
  });
  after(async () => t.close());

  it('health says the database is up and that no Redis is configured', async () => {
    const health = await fetch(`${t.url}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { ok: true, database: 'up', redis: 'not configured' });
  });

  it('metrics count webhooks, commands, requests, sockets and the outbox', async () => {
    const socket = await connectSocket(t.url, await t.token());
    try {
      const sms = await t.simulateSms({ from: '+15559100001', body: 'metrics' });
      assert.equal(sms.status, 200);
      assert.equal((await t.simulateSms({ from: '+15559100001', body: 'metrics', messageSid: sms.messageSid })).status, 200);
      const forged = await fetch(`${t.url}/webhooks/twilio/demo/sms`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'A'.repeat(27) + '=' }, body: 'Body=x' });
      assert.equal(forged.status, 403);
      const rest = restClient(t.url, await t.token());
      const list = await rest('GET', '/v1/conversations?limit=1');
      const id = list.body.items[0].conversation.id;
      assert.equal((await rest('POST', `/v1/conversations/${id}/messages`, { clientId: randomUUID(), body: 'counted' })).status, 201);
      assert.equal((await socket.request('conversations.get', { id: '01890000-0000-7000-8000-000000000000' })).ok, false);

      // The send's delivery is done: nothing is being written or waiting in the outbox.
      await t.server.dispatcher.idle();
      const response = await fetch(`${t.url}/metrics`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      assert.equal(value(text, 'convkit_webhooks_total{provider="twilio",outcome="stored"}'), 1);
      assert.equal(value(text, 'convkit_webhooks_total{provider="twilio",outcome="duplicate"}'), 1);
      assert.equal(value(text, 'convkit_webhooks_total{provider="twilio",outcome="refused_403"}'), 1);
      assert.equal(value(text, 'convkit_command_duration_seconds_count{command="messages.send",outcome="ok"}'), 1);
      assert.equal(value(text, 'convkit_command_duration_seconds_count{command="conversations.get",outcome="not_found"}'), 1);
      assert.equal(value(text, 'convkit_http_request_duration_seconds_count{method="GET",route="/v1/conversations",status="200"}'), 1);
      assert.equal(value(text, 'convkit_sockets_connected'), 1);
      // The process's start time: its CPU counters count from the first scrape, and may still be 0.
      assert.ok((value(text, 'convkit_process_start_time_seconds') ?? 0) > 1_700_000_000, "the process's own metrics are served too");
      assert.equal(value(text, 'convkit_write_queue_depth'), 0);
      for (const status of ['queued', 'sending']) assert.equal(value(text, `convkit_outbox_backlog{status="${status}"}`), 0, `outbox backlog ${status}`);
      for (const reason of ['deadlock', 'serialization', 'unique', 'busy', 'stale_statement', 'gone']) assert.equal(typeof value(text, `convkit_transaction_retries_total{reason="${reason}"}`), 'number', `retries by ${reason} are a series`);
    } finally {
      socket.close();
    }
  });

  it('metrics want the bearer token when CONVKIT_METRICS_TOKEN is set', async () => {
    const guarded = await startTestServer({ seed: 'empty', metricsToken: 'scrape-secret' });
    try {
      const anonymous = await fetch(`${guarded.url}/metrics`);
      assert.equal(anonymous.status, 401);
      const refusal = (await anonymous.json()) as { error: { code: string; message: string } };
      assert.equal(refusal.error.code, 'unauthenticated');
      assert.match(refusal.error.message, /CONVKIT_METRICS_TOKEN/);
      assert.equal((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status, 401);
      const scraped = await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer scrape-secret' } });
      assert.equal(scraped.status, 200);
      assert.match(await scraped.text(), /^convkit_sockets_connected 0$/m);
    } finally {
      await guarded.close();
    }
  });

  it('health answers 503 when Redis cannot be reached', async () => {
    const relay = await redisRelay();
    const clustered = await startTestServer({ seed: 'demo', redisUrl: relay.url });
    try {
      const up = await fetch(`${clustered.url}/health`);
      assert.deepEqual([up.status, await up.json()], [200, { ok: true, database: 'up', redis: 'up' }]);
      await relay.cut();
      const down = await fetch(`${clustered.url}/health`);
      assert.deepEqual([down.status, await down.json()], [503, { ok: false, database: 'up', redis: 'down' }]);
      // Writes go on without Redis: their broadcasts fail (logged), the commit stands, the node lives.
      assert.equal((await clustered.simulateSms({ from: '+15559100002', body: 'while Redis is away' })).status, 200);
      // The broadcast fails once ioredis gives up: counted, and the node carries on.
      const failures = async () => value(await (await fetch(`${clustered.url}/metrics`)).text(), 'convkit_background_errors_total') ?? 0;
      for (const deadline = Date.now() + 10_000; (await failures()) < 1; ) {
        assert.ok(Date.now() < deadline, 'the failed broadcast is counted');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal((await clustered.simulateSms({ from: '+15559100003', body: 'and another' })).status, 200);
      assert.equal((await fetch(`${clustered.url}/health`)).status, 503, 'still serving');
    } finally {
      await clustered.close();
    }
  });

  it('a server whose REDIS_URL cannot be reached refuses to start and says why', async () => {
    const relay = await redisRelay();
    await relay.cut();
    await assert.rejects(startTestServer({ seed: 'empty', redisUrl: relay.url }), /REDIS_URL: cannot connect to Redis/);
  });
});
