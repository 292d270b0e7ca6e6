// Rate limits as a client meets them: refused commands answer rate_limited with a retry-after
// at once, a client that waits it out is served again, and the limits hold per socket, per user
// (sockets and REST together), per address, for handshakes and for failing webhooks.
import { after, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer, coversStorageAgnosticTests } from '../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../test-support/clients.js';
import { buildSimulatedSms } from '../channels/twilio/simulator.js';
import { findWorkspaceBySlug } from '../modules/workspaces/workspaces.service.js';
import { DEFAULT_LIMITS, mergeLimits, type LimitsOverride } from './limits.js';
import { RateLimiter } from './rate-limiter.js';
import { SocketGate } from './socket-gate.js';
import { userLimitKey } from '../auth/authenticate.js';
import type { AppError } from '../errors.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Its subject is not storage: it runs in the SQLite suite alone (testing/databases.ts).
if (coversStorageAgnosticTests()) {
  describe('rate limits', () => {
    const servers: TestServer[] = [];
    const sockets: TestSocket[] = [];
    async function server(limits: LimitsOverride) {
      const t = await startTestServer({ seed: 'demo', limits });
      servers.push(t);
      return t;
    }
    async function socket(t: TestServer, user = 'agent-1') {
      const s = await connectSocket(t.url, await t.token({ user }));
      sockets.push(s);
      return s;
    }
    afterEach(() => {
      for (const s of sockets.splice(0)) s.close();
    });
    after(async () => {
      for (const t of servers) await t.close();
    });

    it('refuses commands past the socket burst with rate_limited and a retry-after, and serves again after it', async () => {
      const t = await server({ socketCommands: { burst: 5, perSecond: 2 } });
      const s = await socket(t);
      const results = await Promise.all(Array.from({ length: 8 }, () => s.request('labels.list', {})));
      const refused = results.filter((r) => !r.ok);
      assert.equal(results.filter((r) => r.ok).length, 5);
      assert.equal(refused.length, 3);
      for (const r of refused) {
        assert.equal(!r.ok && r.error.code, 'rate_limited');
        const wait = !r.ok ? (r.error.details?.retryAfterMs as number) : 0;
        assert.ok(wait > 0 && wait <= 500, `retryAfterMs ${wait}`);
      }
      await sleep((!refused[0]!.ok && (refused[0]!.error.details?.retryAfterMs as number)) || 0);
      assert.equal((await s.request('labels.list', {})).ok, true);
    });

    it('caps the commands of one socket in flight and refuses the rest at once', async () => {
      const t = await server({ inFlightPerSocket: 2 });
      const s = await socket(t);
      const results = await Promise.all(Array.from({ length: 20 }, () => s.request('conversations.list', { limit: 50 })));
      const atOnce = results.filter((r) => !r.ok && r.error.code === 'rate_limited' && /at once/.test(r.error.message));
      assert.ok(atOnce.length > 0, 'some were refused for being too many at once');
      assert.ok(results.some((r) => r.ok));
      assert.equal((await s.request('conversations.list', { limit: 1 })).ok, true, 'served again once answered');
    });

    it("shares one agent's budget between their sockets and REST", async () => {
      const t = await server({ userCommands: { burst: 10, perSecond: 0.1 } });
      const [a, b] = [await socket(t), await socket(t)];
      for (let i = 0; i < 6; i++) assert.equal((await a.request('labels.list', {})).ok, true);
      for (let i = 0; i < 4; i++) assert.equal((await b.request('labels.list', {})).ok, true);
      const response = await fetch(`${t.url}/v1/labels`, { headers: { authorization: `Bearer ${await t.token()}` } });
      assert.equal(response.status, 429);
      assert.ok(Number(response.headers.get('retry-after')) > 0, 'Retry-After set');
      const body = (await response.json()) as { error: { code: string; details: { retryAfterMs: number } } };
      assert.equal(body.error.code, 'rate_limited');
      assert.ok(body.error.details.retryAfterMs > 0);
      const other = await socket(t, 'agent-2');
      assert.equal((await other.request('labels.list', {})).ok, true, 'another agent is not affected');
    });

    it('caps an agent\'s commands at work over REST and all their sockets together', () => {
      // The budget itself, without a server: whether requests overlap is up to the scheduler.
      const limits = mergeLimits(DEFAULT_LIMITS, { inFlightPerUser: 2 });
      const limiter = new RateLimiter(limits);
      try {
        const key = userLimitKey('workspace-1', 'agent-1');
        const rest = limiter.admitUserCommand(key, limits);
        const gate = new SocketGate(limiter, '127.0.0.1', key, limits);
        const socketCommand = gate.admit(limits);
        assert.equal(socketCommand.ok, true);
        assert.throws(() => limiter.admitUserCommand(key, limits), (error: AppError) => error.code === 'rate_limited' && /of yours/.test(error.message));
        const refused = gate.admit(limits);
        assert.equal(!refused.ok && refused.error.code, 'rate_limited');
        assert.doesNotThrow(() => limiter.admitUserCommand(userLimitKey('workspace-1', 'agent-2'), limits), 'another agent has their own');
        rest();
        if (socketCommand.ok) socketCommand.release();
        assert.equal(gate.admit(limits).ok, true, 'served again once answered');
      } finally {
        limiter.close();
      }
    });

    it('limits REST requests per address per minute, with Retry-After, and never /health', async () => {
      const t = await server({ restPerIpPerMinute: 3 });
      const token = await t.token();
      for (let i = 0; i < 3; i++) assert.equal((await fetch(`${t.url}/v1/labels`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
      const refused = await fetch(`${t.url}/v1/labels`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      const body = (await refused.json()) as { error: { code: string; details: { retryAfterMs: number } } };
      assert.equal(body.error.code, 'rate_limited');
      assert.ok(body.error.details.retryAfterMs > 0);
      assert.equal((await fetch(`${t.url}/health`)).status, 200);
    });

    it('limits handshakes per address before verifying any token', async () => {
      const t = await server({ handshakes: { burst: 3, perSecond: 0.1 } });
      const token = await t.token();
      for (let i = 0; i < 3; i++) await socket(t);
      await assert.rejects(connectSocket(t.url, token), (error: Error & { data?: { code?: string; details?: { retryAfterMs?: number } } }) => {
        assert.equal(error.data?.code, 'rate_limited');
        assert.ok((error.data?.details?.retryAfterMs ?? 0) > 0);
        return true;
      });
      await assert.rejects(connectSocket(t.url, 'garbage'), (error: Error & { data?: { code?: string } }) => error.data?.code === 'rate_limited');
    });

    it('refuses an address whose webhooks keep failing before reading them, while Twilio\'s address is served', async () => {
      // Behind a proxy (TRUST_PROXY), each request carries its client's address.
      const t = await startTestServer({ seed: 'demo', limits: { webhookFailures: { burst: 3, perSecond: 0.1 } }, trustProxy: true });
      servers.push(t);
      const ws = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
      const post = (from: string, url: string, signature: string, params: Record<string, string>) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'x-forwarded-for': from }, body: new URLSearchParams(params).toString() });
      const FORGER = '203.0.113.5';
      const TWILIO = '198.51.100.7';
      const forged = buildSimulatedSms({ baseUrl: t.url, workspaceSlug: 'demo', accountSid: ws.twilioAccountSid!, authToken: 'not the token', from: '+15556660001', to: ws.smsNumber!, body: 'forged' });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await post(FORGER, forged.url, forged.signature, forged.params)).status);
      statuses.push((await post(FORGER, `${t.url}/webhooks/twilio/nope/sms`, forged.signature, forged.params)).status);
      assert.deepEqual(statuses, [403, 403, 403, 429]);
      const refused = await post(FORGER, forged.url, forged.signature, forged.params);
      assert.equal(refused.status, 429);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'rate_limited');
      const real = buildSimulatedSms({ baseUrl: t.url, workspaceSlug: 'demo', accountSid: ws.twilioAccountSid!, authToken: ws.twilioAuthToken!, from: '+15556660002', to: ws.smsNumber!, body: 'the real one' });
      assert.equal((await post(TWILIO, real.url, real.signature, real.params)).status, 200, 'a signed delivery from Twilio\'s address is stored');
    });

    it('applies a workspace\'s own limits at its next command', async () => {
      const t = await server({});
      const s = await socket(t);
      assert.equal((await s.request('labels.list', {})).ok, true);
      await t.server.orm.em.getConnection().execute(`update workspaces set rate_limits = '{"socketCommands":{"burst":2,"perSecond":0.1}}' where slug = 'demo'`);
      // The command that reads the new limits still runs under the old ones; the next ones do not.
      await s.request('labels.list', {});
      const results = await Promise.all(Array.from({ length: 4 }, () => s.request('labels.list', {})));
      assert.ok(results.some((r) => !r.ok && r.error.code === 'rate_limited'));
    });
  });
}
