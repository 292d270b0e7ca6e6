// Outgoing webhooks, received by a host receiver written from the docs alone: every delivery is
// signed and verifies, carries the event's stable id, is retried after the host's errors (the same
// id each time), and disables its endpoint after failing for as long as it may, which the event
// log says; enabling it again sends what it missed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { restClient } from '../../test-support/clients.js';
import { startWebhookReceiver, verifySignature, type WebhookReceiver } from '../../test-support/webhook-receiver.js';
import { checkedUrl } from './endpoints.js';
import { signatureHeader } from './signature.js';

const ADMIN_KEY = 'webhooks-test-admin-key-0123456789abcdef';

describe('webhooks to the host', () => {
  let t: TestServer;
  let receiver: WebhookReceiver;
  let admin: ReturnType<typeof restClient>;
  let agent: ReturnType<typeof restClient>;
  before(async () => {
    t = await startTestServer({ seed: 'demo', adminKey: ADMIN_KEY, webhooks: { retryMs: 40, retryForMs: 60_000 } });
    receiver = await startWebhookReceiver();
    admin = restClient(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
    agent = restClient(t.url, await t.token({ user: 'agent-1' }));
  });
  after(async () => {
    await t?.close();
    await receiver?.close();
  });

  const firstConversation = async () => (await agent('GET', '/v1/conversations?limit=1')).body.items[0].conversation.id as string;
  const reply = (conversationId: string, body: string) => agent('POST', `/v1/conversations/${conversationId}/messages`, { clientId: `reply-${Math.random().toString(36).slice(2, 12)}`, body });

  it('posts each event signed, with its stable id, to an endpoint an API key added', async () => {
    const key = await restClient(t.url, ADMIN_KEY)('POST', '/v1/admin/workspaces/demo/api-keys', { name: 'Webhook setup', scopes: ['settings:write'] });
    const host = restClient(t.url, key.body.key);
    const created = await host('POST', '/v1/webhooks', { url: receiver.url, events: ['message.created', 'conversation.updated'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.body.secret, /^whsec_/);
    assert.deepEqual([created.body.enabled, created.body.events], [true, ['message.created', 'conversation.updated']]);
    receiver.setSecret(created.body.secret);
    assert.ok(!JSON.stringify((await host('GET', '/v1/webhooks')).body).includes(created.body.secret), 'the secret is shown once');

    const conversationId = await firstConversation();
    const sent = await reply(conversationId, 'The report is ready \u{1F3E0}');
    const delivery = await receiver.waitFor((d) => d.type === 'message.created' && d.body.data.message.id === sent.body.id);
    assert.equal(delivery.verified, true, 'the signature verifies as the docs say');
    assert.equal(delivery.eventId, delivery.body.id);
    assert.deepEqual([delivery.body.workspace, delivery.body.data.message.body, delivery.body.data.conversation.id], ['demo', 'The report is ready \u{1F3E0}', conversationId]);
    const [logged] = await t.server.orm.em.fork().getConnection().execute<{ id: string; seq: number }[]>('select id, seq from events where id = ?', [delivery.eventId]);
    assert.equal(Number(logged!.seq), delivery.body.seq, 'the id and seq are the event log\'s');
    // Only the types it asked for: marking read is not posted.
    await agent('POST', `/v1/conversations/${conversationId}/read`, {});
    await reply(conversationId, 'One more thing');
    await receiver.waitFor((d) => d.body.data?.message?.body === 'One more thing');
    assert.ok(receiver.requests.every((d) => d.type === 'message.created' || d.type === 'conversation.updated'), receiver.requests.map((d) => d.type).join());

    const log = await host('GET', `/v1/webhooks/${created.body.id}/deliveries?limit=5`);
    assert.equal(log.status, 200);
    assert.ok(log.body.items.some((d: { eventId: string; status: string; lastStatus: number }) => d.eventId === delivery.eventId && d.status === 'delivered' && d.lastStatus === 200));
    await host('DELETE', `/v1/webhooks/${created.body.id}`);
  });

  it('retries after the host fails, with the same event id, until it answers 2xx', async () => {
    // One type, so that the two failures fall on this event's first two attempts.
    const created = await admin('POST', '/v1/webhooks', { url: receiver.url, events: ['message.created'] });
    receiver.setSecret(created.body.secret);
    receiver.failNext(2, 503);
    const sent = await reply(await firstConversation(), 'Retried until it lands');
    const matches = (d: { type: string; body: { data: any } }) => d.type === 'message.created' && d.body.data.message.id === sent.body.id;
    await receiver.waitFor((d) => matches(d) && receiver.requests.filter(matches).length === 3);
    const attempts = receiver.requests.filter(matches);
    assert.equal(new Set(attempts.map((d) => d.eventId)).size, 1, 'one event id across attempts');
    assert.equal(new Set(attempts.map((d) => d.deliveryId)).size, 1);
    const log = (await admin('GET', `/v1/webhooks/${created.body.id}/deliveries?limit=50`)).body.items;
    const entry = log.find((d: { eventId: string }) => d.eventId === attempts[0]!.eventId);
    assert.deepEqual([entry.status, entry.attempts, entry.lastStatus], ['delivered', 3, 200]);
    await admin('DELETE', `/v1/webhooks/${created.body.id}`);
  });

  it('disables an endpoint that fails for as long as it may, says so in the event log, and sends what it missed once enabled', async () => {
    const short = await startTestServer({ seed: 'demo', webhooks: { retryMs: 40, retryForMs: 600 } });
    const down = await startWebhookReceiver();
    try {
      const shortAdmin = restClient(short.url, await short.token({ user: 'admin-1', role: 'admin' }));
      const created = await shortAdmin('POST', '/v1/webhooks', { url: down.url, events: ['message.created'] });
      down.setSecret(created.body.secret);
      down.failAlways(500);
      const [conversation] = (await shortAdmin('GET', '/v1/conversations?limit=1')).body.items;
      const send = (body: string) => shortAdmin('POST', `/v1/conversations/${conversation.conversation.id}/messages`, { clientId: `c-${Math.random().toString(36).slice(2, 12)}`, body });
      await send('Nobody is listening');
      const disabled = await waitUntil(async () => {
        const [endpoint] = (await shortAdmin('GET', '/v1/webhooks')).body.items;
        return endpoint.enabled ? null : endpoint;
      });
      assert.match(disabled.disabledReason, /Deliveries failed .* the last attempt: The endpoint answered 500/);
      const events = (await shortAdmin('GET', '/v1/events?seq=0&limit=500')).body.events as { type: string; data: { endpointId: string; reason: string } }[];
      const notice = events.find((e) => e.type === 'webhook.disabled');
      // It names the endpoint only: the URL and the host's answer are for admins.
      assert.deepEqual(notice?.data, { endpointId: created.body.id });
      const failed = (await shortAdmin('GET', `/v1/webhooks/${created.body.id}/deliveries?status=failed`)).body.items;
      assert.equal(failed.length, 1);
      assert.ok(failed[0].attempts >= 2);

      // While it is off, nothing is posted; its events wait.
      const before = down.requests.length;
      await send('Sent while the endpoint was off');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(down.requests.length, before);
      down.failNext(0);
      const enabled = await shortAdmin('PATCH', `/v1/webhooks/${created.body.id}`, { enabled: true });
      assert.equal(enabled.body.enabled, true);
      await down.waitFor((d) => d.verified && d.body.data.message.body === 'Sent while the endpoint was off');
      // The failed one goes again too, with its retries anew, and lands.
      await waitUntil(async () => down.requests.slice(before).find((d) => d.verified && d.body.data.message.body === 'Nobody is listening') ?? null);
      const log = (await shortAdmin('GET', `/v1/webhooks/${created.body.id}/deliveries`)).body.items;
      assert.deepEqual(log.map((d: { status: string }) => d.status), ['delivered', 'delivered']);
    } finally {
      await short.close();
      await down.close();
    }
  });

  it('refuses what is not an endpoint, and keeps each workspace to its own', async () => {
    for (const url of ['javascript:alert(1)', 'ftp://files.example.com/x', 'https://user:pass@crm.example.com/hook', 'not a url', `https://crm.example.com/${'a'.repeat(2100)}`]) {
      const answer = await admin('POST', '/v1/webhooks', { url });
      assert.equal(answer.status, 400, url.slice(0, 40));
      assert.equal(answer.body.error.code, url.length > 2000 ? 'too_long' : 'invalid_params');
    }
    assert.equal((await admin('POST', '/v1/webhooks', { url: receiver.url, events: ['no.such.event'] })).status, 400);
    // Hostile characters in a path are kept percent-encoded, as the URL standard writes them, never raw.
    const hostile = await admin('POST', '/v1/webhooks', { url: `${receiver.url}/\u0000\ud800` });
    assert.equal(hostile.status, 201);
    assert.equal(hostile.body.url, `${receiver.url}/%00%EF%BF%BD`);
    await admin('DELETE', `/v1/webhooks/${hostile.body.id}`);
    // Without CONVKIT_WEBHOOKS_ALLOW_PRIVATE: loopback, private and cloud-metadata addresses are refused.
    for (const url of ['http://127.0.0.1:9/x', 'http://localhost/x', 'http://169.254.169.254/latest', 'http://[::1]/x', 'http://10.0.0.8/x']) {
      assert.throws(() => checkedUrl(url, false), /private or loopback/, url);
    }
    assert.equal(checkedUrl('https://crm.example.com/hooks', false), 'https://crm.example.com/hooks');
    assert.equal((await agent('GET', '/v1/webhooks')).status, 403, 'agents do not manage webhooks');
    const mine = await admin('POST', '/v1/webhooks', { url: receiver.url });
    await t.createWorkspace('other-host');
    const stranger = restClient(t.url, await t.token({ workspace: 'other-host', user: 'boss', role: 'admin' }));
    for (const [method, path] of [['PATCH', `/v1/webhooks/${mine.body.id}`], ['DELETE', `/v1/webhooks/${mine.body.id}`], ['GET', `/v1/webhooks/${mine.body.id}/deliveries`]] as const) {
      assert.equal((await stranger(method, path, method === 'PATCH' ? { enabled: false } : undefined)).status, 404, `${method} ${path}`);
    }
    assert.deepEqual((await stranger('GET', '/v1/webhooks')).body.items, []);
    // At most 10 endpoints per workspace: the eleventh is refused, saying so.
    for (let i = 0; i < 10; i++) assert.equal((await stranger('POST', '/v1/webhooks', { url: `${receiver.url}/${i}` })).status, 201);
    const eleventh = await stranger('POST', '/v1/webhooks', { url: `${receiver.url}/10` });
    assert.equal(eleventh.status, 400);
    assert.match(eleventh.body.error.message, /at most 10 webhook endpoints/);
    await admin('DELETE', `/v1/webhooks/${mine.body.id}`);
  });

  it('signs as the docs say: a changed body, another secret or an old timestamp does not verify', () => {
    const body = '{"id":"x"}';
    const header = signatureHeader('whsec_a', body);
    assert.equal(verifySignature('whsec_a', header, body), true);
    assert.equal(verifySignature('whsec_a', header, '{"id":"y"}'), false);
    assert.equal(verifySignature('whsec_b', header, body), false);
    assert.equal(verifySignature('whsec_a', signatureHeader('whsec_a', body, Date.now() - 10 * 60_000), body), false);
  });
});

async function waitUntil<T>(probe: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
