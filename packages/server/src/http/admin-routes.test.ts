// The operator's API (/v1/admin) with the server's admin key: provisioning a workspace from
// nothing, its signing secret's rotation with a grace period, channel credentials checked with
// Twilio before they are saved, and agents deactivated (their tokens refused, their sockets closed).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, startTwilioApi, type TestServer, type TwilioApi } from '../testing/index.js';
import { restClient, connectSocket } from '../test-support/clients.js';
import { mintToken } from '../auth/tokens.js';
import { configFromEnv } from '../config.js';

const ADMIN_KEY = 'operator-key-0123456789abcdef0123456789';
const ACCOUNT = `AC${'d'.repeat(32)}`;
const AUTH_TOKEN = 'e3b1c0ffee0123456789abcdef012345';

describe('the admin API', () => {
  let t: TestServer;
  let api: TwilioApi;
  let admin: ReturnType<typeof restClient>;
  before(async () => {
    api = await startTwilioApi(ACCOUNT, AUTH_TOKEN);
    t = await startTestServer({ seed: 'empty', adminKey: ADMIN_KEY, twilioApiUrl: api.url });
    admin = restClient(t.url, ADMIN_KEY);
  });
  after(async () => {
    await t?.close();
    await api?.close();
  });

  it('refuses a request without the admin key, however its path is written', async () => {
    const stranger = restClient(t.url);
    for (const path of ['/v1/admin/workspaces', '/v1/%61dmin/workspaces', '/%761/admin/workspaces', '/v1/admin/workspaces/demo/signing-secret', '/v1/%61dmin/workspaces/demo/signing-secret']) {
      const answer = await stranger('GET', path);
      assert.equal(answer.status, 401, path);
    }
    const hostile = await admin('PATCH', '/v1/admin/workspaces/%00', { name: 'x' });
    assert.equal(hostile.status, 404, 'a slug no workspace can have is not found, never a 500');
    assert.equal((await admin('POST', '/v1/admin/workspaces/%00/signing-secret/rotate', {})).status, 404);
  });

  it('refuses a request without the admin key, or with an agent token', async () => {
    assert.equal((await restClient(t.url)('GET', '/v1/admin/workspaces')).status, 401);
    const wrong = await restClient(t.url, `${ADMIN_KEY}x`)('GET', '/v1/admin/workspaces');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'unauthenticated');
    assert.match(wrong.body.error.message, /CONVKIT_ADMIN_KEY/);
    await admin('POST', '/v1/admin/workspaces', { slug: 'gate', name: 'Gate' });
    const { body } = await admin('GET', '/v1/admin/workspaces/gate/signing-secret');
    const agentToken = await mintToken(body.signingSecret, { wsp: 'gate', sub: 'a-1', role: 'admin' });
    assert.equal((await restClient(t.url, agentToken)('GET', '/v1/admin/workspaces')).status, 401, "a workspace admin is not the server's operator");
  });

  it('creates a workspace whose secret mints working tokens, lists and renames it', async () => {
    const created = await admin('POST', '/v1/admin/workspaces', { slug: 'acme-inspections', name: 'Acme Inspections', timezone: 'America/Chicago' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.workspace.slug, 'acme-inspections');
    assert.equal(created.body.workspace.timezone, 'America/Chicago');
    assert.equal(created.body.previousValidUntil, null);
    const token = await mintToken(created.body.signingSecret, { wsp: 'acme-inspections', sub: 'inspector-1', name: 'Ivy' });
    const session = await restClient(t.url, token)('GET', '/v1/conversations');
    assert.equal(session.status, 200);

    const again = await admin('POST', '/v1/admin/workspaces', { slug: 'acme-inspections', name: 'Other' });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.details.path, 'slug');
    for (const [body, path] of [[{ slug: 'Bad Slug', name: 'x' }, 'slug'], [{ slug: 'ok', name: 'x', timezone: 'Mars/Base' }, 'timezone'], [{ slug: 'ok2', name: '   ' }, 'name']] as const) {
      const refused = await admin('POST', '/v1/admin/workspaces', body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal(refused.body.error.code, 'invalid_params');
      assert.match(JSON.stringify(refused.body.error), new RegExp(path));
    }

    // Hostile text is made storable, as everywhere: U+0000 and a lone surrogate become U+FFFD.
    const hostile = await admin('POST', '/v1/admin/workspaces', { slug: 'hostile', name: 'A\u0000B\ud800' });
    assert.equal(hostile.status, 201);
    assert.equal(hostile.body.workspace.name, 'A\ufffdB\ufffd');
    const renamed = await admin('PATCH', '/v1/admin/workspaces/acme-inspections', { name: 'Acme Home Inspections' });
    assert.equal(renamed.body.name, 'Acme Home Inspections');
    const listed = await admin('GET', '/v1/admin/workspaces');
    assert.ok(listed.body.items.some((w: { slug: string; name: string }) => w.slug === 'acme-inspections' && w.name === 'Acme Home Inspections'));
    assert.equal((await admin('PATCH', '/v1/admin/workspaces/nope', { name: 'x' })).status, 404);
  });

  it('rotates the signing secret: the old one works through the grace period, and not after one of 0', async () => {
    await admin('POST', '/v1/admin/workspaces', { slug: 'rotating', name: 'Rotating' });
    const first = (await admin('GET', '/v1/admin/workspaces/rotating/signing-secret')).body.signingSecret;
    const oldToken = await mintToken(first, { wsp: 'rotating', sub: 'agent-1' });

    const rotated = await admin('POST', '/v1/admin/workspaces/rotating/signing-secret/rotate', { graceSeconds: 600 });
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.signingSecret, first);
    const until = Date.parse(rotated.body.previousValidUntil);
    assert.ok(until > Date.now() + 590_000 && until <= Date.now() + 600_000, rotated.body.previousValidUntil);
    assert.equal((await restClient(t.url, oldToken)('GET', '/v1/users')).status, 200, 'the old secret is honoured in its grace');
    const newToken = await mintToken(rotated.body.signingSecret, { wsp: 'rotating', sub: 'agent-1' });
    assert.equal((await restClient(t.url, newToken)('GET', '/v1/users')).status, 200);
    (await connectSocket(t.url, oldToken)).close();

    // A leaked secret: rotated with no grace, tokens it signed are refused at once, and what they opened is closed.
    const open = await connectSocket(t.url, newToken);
    const closed = new Promise<{ code: string }>((resolve) => open.socket.once('session.closed', resolve));
    const now = await admin('POST', '/v1/admin/workspaces/rotating/signing-secret/rotate', { graceSeconds: 0 });
    assert.equal((await closed).code, 'unauthenticated');
    assert.equal(now.body.previousValidUntil, null);
    for (const token of [oldToken, newToken]) {
      const refused = await restClient(t.url, token)('GET', '/v1/users');
      assert.equal(refused.status, 401);
      assert.equal(refused.body.error.code, 'unauthenticated');
    }
    await assert.rejects(connectSocket(t.url, oldToken));
    assert.equal((await admin('POST', '/v1/admin/workspaces/rotating/signing-secret/rotate', { graceSeconds: 31 * 86400 })).status, 400);

    // A connection that signed in with the old secret in its grace stops with the grace.
    const current = (await admin('GET', '/v1/admin/workspaces/rotating/signing-secret')).body.signingSecret;
    const graced = await connectSocket(t.url, await mintToken(current, { wsp: 'rotating', sub: 'agent-1' }));
    await admin('POST', '/v1/admin/workspaces/rotating/signing-secret/rotate', { graceSeconds: 1 });
    assert.equal(((await graced.request('users.list')) as { ok: boolean }).ok, true, 'within the grace');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = (await graced.request('users.list')) as { ok: boolean; error?: { code: string; message: string } };
    assert.equal(after.ok, false);
    assert.match(after.error!.message, /signing secret was replaced/);
    graced.close();
    assert.equal((await admin('POST', '/v1/admin/workspaces/rotating/signing-secret/rotate')).body.previousValidUntil !== null, true, 'a day by default');
  });

  it('sets channel credentials only once Twilio accepts them', async () => {
    await admin('POST', '/v1/admin/workspaces', { slug: 'wired', name: 'Wired' });
    const input = { accountSid: ACCOUNT, authToken: AUTH_TOKEN, messagingNumbers: ['+15551110000'] };
    const refused = await admin('PUT', '/v1/admin/workspaces/wired/twilio', { ...input, authToken: 'not-the-token' });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.code, 'provider_rejected');
    assert.equal((await admin('GET', '/v1/admin/workspaces/wired/twilio')).body.mode, 'sandbox');
    const saved = await admin('PUT', '/v1/admin/workspaces/wired/twilio', input);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.mode, 'live');
    assert.equal(saved.body.authToken, 'set');
    assert.ok(!JSON.stringify(saved.body).includes(AUTH_TOKEN), 'the secret never comes back');
    assert.equal((await admin('DELETE', '/v1/admin/workspaces/wired/twilio')).body.mode, 'sandbox');
  });

  it("lists agents and deactivates one: their tokens are refused, their sockets closed, their name kept", async () => {
    await admin('POST', '/v1/admin/workspaces', { slug: 'team', name: 'Team' });
    const secret = (await admin('GET', '/v1/admin/workspaces/team/signing-secret')).body.signingSecret;
    const ivy = await mintToken(secret, { wsp: 'team', sub: 'ivy', name: 'Ivy' });
    const sam = await mintToken(secret, { wsp: 'team', sub: 'sam', name: 'Sam', role: 'admin' });
    const socket = await connectSocket(t.url, ivy);
    const samSocket = await connectSocket(t.url, sam);
    const agents = (await admin('GET', '/v1/admin/workspaces/team/agents')).body.items as { id: string; name: string; active: boolean }[];
    assert.deepEqual(agents.map((a) => [a.name, a.active]), [['Ivy', true], ['Sam', true]]);
    const ivyId = agents[0]!.id;

    const closed = new Promise<{ code: string }>((resolve) => socket.socket.once('session.closed', resolve));
    const gone = new Promise<void>((resolve) => socket.socket.once('disconnect', () => resolve()));
    const off = await admin('POST', `/v1/admin/workspaces/team/agents/${ivyId}/deactivate`);
    assert.equal(off.status, 200);
    assert.equal(off.body.active, false);
    assert.equal((await closed).code, 'unauthenticated');
    await gone;
    const refused = await restClient(t.url, ivy)('GET', '/v1/conversations');
    assert.equal(refused.status, 401);
    assert.match(refused.body.error.message, /deactivated/);
    await assert.rejects(connectSocket(t.url, await mintToken(secret, { wsp: 'team', sub: 'ivy' })), /deactivated/);
    // Other agents see Ivy as inactive, and cannot assign her.
    const listed = (await samSocket.request('users.list')) as { ok: true; data: { name: string; active: boolean }[] };
    assert.deepEqual(listed.data.map((u) => [u.name, u.active]), [['Ivy', false], ['Sam', true]]);
    assert.equal(samSocket.socket.connected, true, "only Ivy's sockets close");
    samSocket.close();

    const on = await admin('POST', `/v1/admin/workspaces/team/agents/${ivyId}/activate`);
    assert.equal(on.body.active, true);
    assert.equal((await restClient(t.url, ivy)('GET', '/v1/conversations')).status, 200);
    assert.equal((await admin('POST', '/v1/admin/workspaces/other/agents/00000000-0000-7000-8000-000000000000/deactivate')).status, 404);
    assert.equal((await admin('POST', `/v1/admin/workspaces/team/agents/00000000-0000-7000-8000-000000000000/deactivate`)).status, 404);
  });

  it('is closed without CONVKIT_ADMIN_KEY, and refuses a short one', async () => {
    const closedServer = await startTestServer({ seed: 'empty' });
    try {
      const answer = await restClient(closedServer.url, 'anything-at-all-anything-at-all-anything')('GET', '/v1/admin/workspaces');
      assert.equal(answer.status, 401);
      assert.match(answer.body.error.message, /no admin key/);
    } finally {
      await closedServer.close();
    }
    assert.throws(() => configFromEnv({ CONVKIT_ADMIN_KEY: 'short' }), /at least 32/);
  });
});
