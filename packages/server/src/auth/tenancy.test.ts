import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { startTestServer, type TestServer } from '../testing/index.js';
import { findWorkspaceBySlug } from '../modules/workspaces/workspaces.service.js';
import { connectSocket, restClient } from '../test-support/clients.js';

describe('tenancy and tokens', () => {
  let t: TestServer;
  let demoConversation: string;
  let demoContact: string;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    await t.createWorkspace('other');
    const rest = restClient(t.url, await t.token());
    const list = await rest('GET', '/v1/conversations?limit=1');
    demoConversation = list.body.items[0].conversation.id;
    demoContact = list.body.items[0].conversation.contact.id;
  });
  after(async () => t.close());

  it("a token of another workspace finds none of this workspace's records over REST", async () => {
    const rest = restClient(t.url, await t.token({ workspace: 'other', user: 'intruder' }));
    for (const path of [`/v1/conversations/${demoConversation}`, `/v1/conversations/${demoConversation}/messages`, `/v1/contacts/${demoContact}`]) {
      const response = await rest('GET', path);
      assert.equal(response.status, 404, path);
      assert.equal(response.body.error.code, 'not_found');
    }
    const send = await rest('POST', `/v1/conversations/${demoConversation}/messages`, { clientId: 'intruder-1', body: 'hi' });
    assert.equal(send.status, 404);
    const read = await rest('POST', `/v1/conversations/${demoConversation}/read`, {});
    assert.equal(read.status, 404);
    const list = await rest('GET', '/v1/conversations');
    assert.deepEqual(list.body.items, []);
  });

  it("a token of another workspace finds none of this workspace's records over the socket, and hears none of its events", async () => {
    const socket = await connectSocket(t.url, await t.token({ workspace: 'other', user: 'intruder' }));
    for (const [name, params] of [
      ['conversations.get', { id: demoConversation }],
      ['messages.list', { conversationId: demoConversation }],
      ['contacts.get', { id: demoContact }],
      ['conversations.markRead', { id: demoConversation }],
      ['messages.send', { conversationId: demoConversation, clientId: 'intruder-2', body: 'hi' }],
    ] as const) {
      const result = await socket.request(name, params);
      assert.equal(result.ok, false, name);
      assert.equal(!result.ok && result.error.code, 'not_found', name);
    }
    await t.simulateSms({ from: '+15558880000', body: 'for demo only' });
    // A later event of the intruder's own workspace: by the time it arrives, a leaked one would have.
    await t.simulateSms({ from: '+15558880001', body: 'sentinel', workspace: 'other' });
    await socket.waitForEvent((event) => event.type === 'message.created' && event.data.message.body === 'sentinel');
    assert.deepEqual(socket.events.map((event) => event.type === 'message.created' && event.data.message.body), ['sentinel']);
    socket.close();
  });

  async function refusedEverywhere(token: string, code = 'unauthenticated') {
    const response = await restClient(t.url, token)('GET', '/v1/conversations');
    assert.equal(response.status, 401);
    assert.equal(response.body.error.code, code);
    await assert.rejects(connectSocket(t.url, token), (error: Error & { data?: { code?: string } }) => error.data?.code === code);
  }

  it('refuses a forged token (signed with the wrong secret)', async () => {
    const forged = await new SignJWT({ wsp: 'demo' }).setProtectedHeader({ alg: 'HS256' }).setSubject('agent-1').setExpirationTime('1h').sign(new TextEncoder().encode('not the secret'));
    await refusedEverywhere(forged);
  });

  it('refuses an expired token', async () => {
    await refusedEverywhere(await t.token({ ttlSeconds: -10 }), 'token_expired');
  });

  it('refuses alg: none', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ wsp: 'demo', sub: 'agent-1', exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
    await refusedEverywhere(unsigned);
  });

  it('refuses a token without exp', async () => {
    const ws = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
    const noExp = await new SignJWT({ wsp: 'demo' }).setProtectedHeader({ alg: 'HS256' }).setSubject('agent-1').sign(new TextEncoder().encode(ws.signingSecret));
    await refusedEverywhere(noExp);
  });

  it("refuses a token signed by one workspace claiming another", async () => {
    const other = (await findWorkspaceBySlug(t.server.orm, 'other'))!;
    const crossed = await new SignJWT({ wsp: 'demo' }).setProtectedHeader({ alg: 'HS256' }).setSubject('agent-1').setExpirationTime('1h').sign(new TextEncoder().encode(other.signingSecret));
    await refusedEverywhere(crossed);
  });

  it('refuses a request with no token or a malformed one', async () => {
    const response = await restClient(t.url)('GET', '/v1/conversations');
    assert.equal(response.status, 401);
    await refusedEverywhere('garbage');
  });

  it('swaps a socket\'s token only for a valid one of the same user and workspace', async () => {
    const socket = await connectSocket(t.url, await t.token({ user: 'agent-1' }));
    const fresh = await socket.request('session.refresh', { token: await t.token({ user: 'agent-1', ttlSeconds: 7200 }) });
    assert.equal(fresh.ok, true);
    const otherUser = await socket.request('session.refresh', { token: await t.token({ user: 'agent-2' }) });
    assert.equal(!otherUser.ok && otherUser.error.code, 'forbidden');
    const otherWorkspace = await socket.request('session.refresh', { token: await t.token({ workspace: 'other', user: 'agent-1' }) });
    assert.equal(!otherWorkspace.ok && otherWorkspace.error.code, 'forbidden');
    const expired = await socket.request('session.refresh', { token: await t.token({ user: 'agent-1', ttlSeconds: -5 }) });
    assert.equal(!expired.ok && expired.error.code, 'token_expired');
    socket.close();
  });

  it('a role downgrade through session.refresh is enforced at the very next command', async () => {
    const socket = await connectSocket(t.url, await t.token({ user: 'boss', role: 'admin', name: 'Boss' }));
    assert.equal(socket.session.user.role, 'admin');
    const before = await socket.request('workspace.update', { recentDays: 14 });
    assert.equal(before.ok, true, 'an admin may change workspace settings');
    const refreshed = await socket.request('session.refresh', { token: await t.token({ user: 'boss', role: 'agent', name: 'Former Boss' }) });
    assert.equal(refreshed.ok && refreshed.data.user.role, 'agent');
    assert.equal(refreshed.ok && refreshed.data.user.name, 'Former Boss');
    const after = await socket.request('workspace.update', { recentDays: 14 });
    assert.equal(!after.ok && after.error.code, 'forbidden');
    const del = await socket.request('conversations.delete', { id: demoConversation });
    assert.equal(!del.ok && del.error.code, 'forbidden');
    socket.close();
  });

  it('an older token presented after a demotion does not make the user admin again', async () => {
    const ws = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
    const secret = new TextEncoder().encode(ws.signingSecret);
    const minted = (role: string, iat: number) => new SignJWT({ wsp: 'demo', role }).setProtectedHeader({ alg: 'HS256' }).setSubject('boss-3').setIssuedAt(iat).setExpirationTime('1h').sign(secret);
    const now = Math.floor(Date.now() / 1000);
    const oldAdmin = await minted('admin', now - 60);
    const socket = await connectSocket(t.url, oldAdmin);
    const demoted = await socket.request('session.refresh', { token: await minted('agent', now) });
    assert.equal(demoted.ok && demoted.data.user.role, 'agent');
    assert.equal((await restClient(t.url, oldAdmin)('GET', '/v1/users')).status, 200, 'the old token still signs in');
    const after = await socket.request('workspace.update', { recentDays: 14 });
    assert.equal(!after.ok && after.error.code, 'forbidden', 'as the agent the newer token says');
    socket.close();
  });

  it('refuses a signed token whose exp or iat is no time', async () => {
    const ws = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
    const secret = new TextEncoder().encode(ws.signingSecret);
    const socket = await connectSocket(t.url, await t.token({ user: 'agent-1' }));
    for (const claims of [{ exp: 1e13 }, { exp: Math.floor(Date.now() / 1000) + 60, iat: 1e15 }]) {
      const token = await new SignJWT({ wsp: 'demo', ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject('agent-1').sign(secret);
      const refreshed = await socket.request('session.refresh', { token });
      assert.equal(!refreshed.ok && refreshed.error.code, 'unauthenticated', JSON.stringify(claims));
      assert.equal((await restClient(t.url, token)('GET', '/v1/users')).status, 401);
    }
    socket.close();
  });

  it('a role change the host makes elsewhere (a new token used over REST) reaches an open socket at its next command', async () => {
    const socket = await connectSocket(t.url, await t.token({ user: 'boss-2', role: 'admin' }));
    assert.equal((await socket.request('workspace.update', { recentDays: 14 })).ok, true);
    const rest = restClient(t.url, await t.token({ user: 'boss-2', role: 'agent' }));
    assert.equal((await rest('GET', '/v1/users')).status, 200);
    const after = await socket.request('workspace.update', { recentDays: 14 });
    assert.equal(!after.ok && after.error.code, 'forbidden');
    socket.close();
  });

  it('closes a socket when its token expires', async () => {
    const socket = await connectSocket(t.url, await t.token({ ttlSeconds: 2 }));
    const reason = await new Promise<string>((resolve) => socket.socket.on('disconnect', resolve));
    assert.equal(reason, 'io server disconnect');
  });
});
