// A delivery the server could not post before it was killed (SIGKILL, as a crash) is posted by
// the server started again on the same database: the outbox lives in the database, not in memory.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServerProcess } from '../../testing/index.js';
import { restClient } from '../../test-support/clients.js';
import { startWebhookReceiver } from '../../test-support/webhook-receiver.js';

// A short lease: a delivery claimed when the kill came is free for the next server a second later.
const ENV = { CONVKIT_WEBHOOKS_ALLOW_PRIVATE: '1', CONVKIT_WEBHOOK_RETRY_MS: '100', CONVKIT_OUTBOX_LEASE_MS: '1000', LOG_LEVEL: 'silent' };

describe('webhooks across a crash', () => {
  it('posts, after a restart, what was queued when the server was killed', async () => {
    // The host is down: its port is known but nothing listens there yet.
    const probe = await startWebhookReceiver();
    const { port, url } = probe;
    await probe.close();
    const first = await startServerProcess({ env: ENV });
    let second: Awaited<ReturnType<typeof startServerProcess>> | null = null;
    const receiver = { current: null as Awaited<ReturnType<typeof startWebhookReceiver>> | null };
    try {
      const admin = restClient(first.url, await first.token('admin-1', 'admin'));
      const endpoint = await admin('POST', '/v1/webhooks', { url, events: ['message.created'] });
      assert.equal(endpoint.status, 201, JSON.stringify(endpoint.body));
      const conversationId = (await admin('GET', '/v1/conversations?limit=1')).body.items[0].conversation.id;
      const sent = await admin('POST', `/v1/conversations/${conversationId}/messages`, { clientId: 'crash-00001', body: 'Posted after the crash' });
      assert.equal(sent.status, 201);
      // At least one attempt has failed (nothing listens), so it waits in the outbox.
      const deadline = Date.now() + 10_000;
      for (;;) {
        const [delivery] = (await admin('GET', `/v1/webhooks/${endpoint.body.id}/deliveries`)).body.items;
        if (delivery?.attempts >= 1) {
          assert.equal(delivery.status, 'pending');
          assert.match(delivery.lastError, /Could not deliver/);
          break;
        }
        assert.ok(Date.now() < deadline, 'an attempt was made');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await first.kill();

      receiver.current = await startWebhookReceiver(port);
      receiver.current.setSecret(endpoint.body.secret);
      second = await startServerProcess({ joining: first, env: ENV });
      const delivered = await receiver.current.waitFor((d) => d.body.data.message.id === sent.body.id, 15_000);
      assert.equal(delivered.verified, true);
      assert.equal(delivered.eventId, delivered.body.id);
      const after = restClient(second.url, await second.token('admin-1', 'admin'));
      const [logged] = (await after('GET', `/v1/webhooks/${endpoint.body.id}/deliveries`)).body.items;
      assert.deepEqual([logged.status, logged.eventId], ['delivered', delivered.eventId]);
    } finally {
      await second?.close();
      await first.close();
      await receiver.current?.close();
    }
  });
});
