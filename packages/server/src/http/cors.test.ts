// REST from a host page of another origin: the origins CONVKIT_CORS_ORIGINS names get their
// preflights answered and may read the answers; any other origin gets no CORS headers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../testing/index.js';
import { configFromEnv } from '../config.js';

const HOST = 'https://crm.example.com';

describe('REST from host pages of other origins', () => {
  let t: TestServer;
  let token: string;
  before(async () => {
    t = await startTestServer({ seed: 'demo', corsOrigins: [HOST, 'http://localhost:5173'] });
    token = await t.token({ user: 'agent-1' });
  });
  after(async () => t?.close());

  const preflight = (origin: string, path = '/v1/conversations?limit=5', method = 'GET') =>
    fetch(`${t.url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization, content-type' } });

  it("answers a configured origin's preflight, and lets its script read the answer", async () => {
    const answer = await preflight(HOST, '/v1/conversations/x/messages', 'POST');
    assert.equal(answer.status, 204);
    assert.equal(answer.headers.get('access-control-allow-origin'), HOST);
    assert.match(answer.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(answer.headers.get('access-control-allow-headers') ?? '', /authorization/);
    assert.equal(answer.headers.get('access-control-allow-credentials'), null, 'no cookies: the token is the credential');
    const list = await fetch(`${t.url}/v1/conversations?limit=5`, { headers: { origin: HOST, authorization: `Bearer ${token}` } });
    assert.equal(list.status, 200);
    assert.equal(list.headers.get('access-control-allow-origin'), HOST);
    assert.match(list.headers.get('vary') ?? '', /origin/i);
    // Its refusals too, so that the script learns why.
    const refused = await fetch(`${t.url}/v1/conversations?limit=5`, { headers: { origin: HOST } });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('access-control-allow-origin'), HOST);
  });

  it('gives any other origin no CORS headers', async () => {
    const answer = await preflight('https://evil.example');
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
    const list = await fetch(`${t.url}/v1/conversations?limit=5`, { headers: { origin: 'https://evil.example', authorization: `Bearer ${token}` } });
    assert.equal(list.headers.get('access-control-allow-origin'), null);
    // The operator's routes answer no page, however their path is written.
    for (const path of ['/v1/admin/workspaces', '/v1/%61dmin/workspaces']) assert.equal((await preflight(HOST, path)).headers.get('access-control-allow-origin'), null, path);
    // Nor do routes outside the API change: the bundle still answers any origin.
    const bundle = await fetch(`${t.url}/convkit/v1/convkit.js`, { headers: { origin: 'https://evil.example' } });
    assert.equal(bundle.headers.get('access-control-allow-origin'), '*');
    // Read to its end: an answer left unread holds its connection, and the server's close waits for it.
    await bundle.arrayBuffer();
  });

  it('reads CONVKIT_CORS_ORIGINS, and refuses what is no origin', () => {
    assert.deepEqual(configFromEnv({ CONVKIT_CORS_ORIGINS: ' https://a.example.com, http://localhost:5173 ' }).corsOrigins, ['https://a.example.com', 'http://localhost:5173']);
    assert.equal(configFromEnv({ CONVKIT_CORS_ORIGINS: '*' }).corsOrigins, '*');
    assert.deepEqual(configFromEnv({}).corsOrigins, []);
    assert.throws(() => configFromEnv({ CONVKIT_CORS_ORIGINS: 'crm.example.com' }), /CONVKIT_CORS_ORIGINS: "crm.example.com" is no origin/);
    assert.throws(() => configFromEnv({ CONVKIT_CORS_ORIGINS: 'https://crm.example.com/app' }), /is no origin/);
  });
});
