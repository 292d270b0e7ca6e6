// Token claims are input too: correctly signed tokens with hostile claims get `unauthenticated`
// with a reason on REST and the socket, or are accepted with their text made storable. Never a
// 500, on either database.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { startTestServer, type TestServer } from '../testing/index.js';
import { findWorkspaceBySlug } from '../modules/workspaces/workspaces.service.js';
import { connectSocket, restClient } from '../test-support/clients.js';
import { MEGABYTE } from '../test-support/hostile.js';

describe('hostile token claims', () => {
  let t: TestServer;
  let secret: Uint8Array;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    secret = new TextEncoder().encode((await findWorkspaceBySlug(t.server.orm, 'demo'))!.signingSecret);
  });
  after(async () => t.close());

  /** A correctly signed token with whatever claims a host (or a thief of its secret) puts in. */
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT({ wsp: 'demo', sub: 'agent-claims', ...claims }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(secret);

  async function refusedEverywhere(token: string, reason: RegExp) {
    const response = await restClient(t.url, token)('GET', '/v1/conversations?limit=1');
    assert.equal(response.status, 401, JSON.stringify(response.body));
    assert.equal(response.body.error.code, 'unauthenticated');
    assert.match(response.body.error.message, reason);
    await assert.rejects(connectSocket(t.url, token), (error: Error & { data?: { code?: string; message?: string } }) => {
      assert.equal(error.data?.code, 'unauthenticated');
      assert.match(error.data?.message ?? '', reason);
      return true;
    });
  }

  const REFUSED: [string, Record<string, unknown>, RegExp][] = [
    ['wsp with U+0000', { wsp: 'demo\u0000' }, /"wsp"/],
    ['wsp of 1 MB', { wsp: MEGABYTE.slice(0, 6000) }, /"wsp"/],
    ['wsp as a number', { wsp: 42 }, /"wsp"/],
    ['wsp names no workspace (an RTL override in it)', { wsp: 'de\u202Emo' }, /The token is invalid/],
    ['sub with U+0000', { sub: 'agent\u00001' }, /"sub"/],
    ['sub with a lone surrogate', { sub: 'agent\uD800' }, /"sub"/],
    ['sub over 200 characters', { sub: 's'.repeat(201) }, /"sub" is longer than 200/],
    ['name over 200 characters', { name: 'n'.repeat(201) }, /"name" is longer than 200/],
    ['email over 320 characters', { email: `${'e'.repeat(315)}@x.com` }, /"email" is longer than 320/],
    ['name as an object', { name: { first: 'A' } }, /"name" must be a string/],
  ];

  for (const [label, claims, reason] of REFUSED) {
    it(`refuses a signed token whose ${label}`, async () => refusedEverywhere(await sign(claims), reason));
  }

  it('refuses a token of 1 MB before decoding it', async () => {
    const response = await restClient(t.url)('GET', '/v1/conversations', undefined, { authorization: `Bearer ${'a'.repeat(9000)}` });
    assert.equal(response.status, 401);
    await assert.rejects(connectSocket(t.url, MEGABYTE), (error: Error & { data?: { code?: string } }) => error.data?.code === 'unauthenticated');
  });

  it('accepts hostile display text in name and email, stored storable and on one line', async () => {
    const token = await sign({ sub: 'agent-text', name: 'Eve\u0000 \u202Eresu\n\uD800', email: 'eve\u0000@example.com' });
    const socket = await connectSocket(t.url, token);
    assert.equal(socket.session.user.name, 'Eve\uFFFD resu \uFFFD');
    assert.equal(socket.session.user.email, 'eve\uFFFD@example.com');
    const users = await socket.request('users.list', {});
    assert.ok(users.ok && users.data.some((u: { name: string }) => u.name === 'Eve\uFFFD resu \uFFFD'));
    socket.close();
    const response = await restClient(t.url, token)('GET', '/v1/users');
    assert.equal(response.status, 200);
  });

  it('still finds a workspace made before slugs had a format, for its tokens and its webhooks', async () => {
    await t.createWorkspace('legacy-slug');
    await t.server.orm.em.getConnection().execute(`update workspaces set slug = 'Harbor_Realty' where slug = 'legacy-slug'`);
    const response = await restClient(t.url, await t.token({ workspace: 'Harbor_Realty' }))('GET', '/v1/users');
    assert.equal(response.status, 200);
    const sms = await t.simulateSms({ workspace: 'Harbor_Realty', from: '+15554440777', body: 'still delivered' });
    assert.equal(sms.status, 200);
  });

  it('accepts a sub of exactly 200 characters, emoji counted as one', async () => {
    const sub = '\u{1F600}'.repeat(200);
    const response = await restClient(t.url, await sign({ sub }))('GET', '/v1/users');
    assert.equal(response.status, 200);
    assert.ok(response.body.some((u: { externalId: string }) => u.externalId === sub));
  });
});
