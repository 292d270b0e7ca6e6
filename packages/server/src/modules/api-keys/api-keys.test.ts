// API keys as the host backend's service identity, used over REST as its code would: each key
// holds scopes and is refused outside them; it is stored hashed and shown once; a revoked key is
// refused at its next request; what it writes says "via API"; it is no agent (not listed, no
// read state, no socket) and reaches nothing outside its workspace.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityManager } from '@mikro-orm/sql';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient } from '../../test-support/clients.js';
import { sqlAll } from '../../db/sql.js';

const ADMIN_KEY = 'operator-key-0123456789abcdef0123456789';

describe('API keys of the host backend', () => {
  let t: TestServer;
  let admin: ReturnType<typeof restClient>;
  const issue = async (scopes: string[], workspace = 'demo', name = 'CRM sync') => {
    const created = await admin('POST', `/v1/admin/workspaces/${workspace}/api-keys`, { name, scopes });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: string; key: string; prefix: string };
  };
  const sql = <T>(text: string, params: unknown[]) => sqlAll<T>(t.server.orm.em.fork() as unknown as EntityManager, text, params);
  before(async () => {
    t = await startTestServer({ seed: 'demo', adminKey: ADMIN_KEY });
    admin = restClient(t.url, ADMIN_KEY);
  });
  after(async () => t?.close());

  it('syncs a contact, starts its conversation and posts into it, each within its scopes', async () => {
    const { key } = await issue(['contacts:write', 'messages:write']);
    const host = restClient(t.url, key);
    const synced = await host('POST', '/v1/contacts', { externalId: 'insp-7', phone: '+15554007000', firstName: 'Dana' });
    assert.equal(synced.status, 200, JSON.stringify(synced.body));
    // Starting a conversation is conversations:write, which this key lacks: refused, saying which.
    const refused = await host('POST', `/v1/contacts/${synced.body.contact.id}/conversation`);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'forbidden');
    assert.match(refused.body.error.message, /"conversations:write"/);
    const wider = restClient(t.url, (await issue(['conversations:write', 'messages:write'], 'demo', 'Scheduler')).key);
    const started = await wider('POST', `/v1/contacts/${synced.body.contact.id}/conversation`);
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const conversationId = started.body.item.conversation.id;

    const sent = await host('POST', `/v1/conversations/${conversationId}/messages`, { clientId: 'sync-0001', body: 'Your inspection is confirmed for Friday 9 am.' });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    assert.deepEqual([sent.body.author.type, sent.body.author.name, sent.body.meta.source], ['user', 'CRM sync', 'api']);
    const card = await host('POST', `/v1/conversations/${conversationId}/activities`, { clientId: 'card-0001', title: 'Inspection booked' });
    assert.equal(card.body.meta.source, 'api');
    // A write scope reads too; a scope it lacks does not.
    assert.equal((await host('GET', `/v1/conversations/${conversationId}/messages`)).status, 200);
    assert.equal((await host('GET', '/v1/conversations')).status, 403);
    assert.equal((await host('GET', '/v1/events?seq=0')).status, 403);
  });

  it('is no agent: not listed, never assignable, with no read state and no socket', async () => {
    const { key } = await issue(['settings:read', 'conversations:write', 'messages:write']);
    const host = restClient(t.url, key);
    const users = await host('GET', '/v1/users');
    assert.equal(users.status, 200);
    assert.ok(users.body.every((u: { externalId: string }) => !u.externalId.startsWith('api-key:')), JSON.stringify(users.body));
    const [service] = await sql<{ id: string }>("select id from users where external_id like 'api-key:%' limit 1", []);
    const conversation = (await host('GET', '/v1/conversations?limit=1')).body.items[0].conversation;
    const assign = await host('PATCH', `/v1/conversations/${conversation.id}`, { assigneeId: service!.id });
    assert.equal(assign.status, 404, JSON.stringify(assign.body));
    for (const [method, path] of [['POST', `/v1/conversations/${conversation.id}/read`], ['POST', `/v1/conversations/${conversation.id}/mark`]] as const) {
      const answer = await host(method, path, method === 'POST' && path.endsWith('mark') ? { starred: true } : {});
      assert.equal(answer.status, 403, path);
      assert.match(answer.body.error.message, /API key cannot/);
    }
    await host('POST', `/v1/conversations/${conversation.id}/messages`, { clientId: 'note-0001', body: 'Note from the CRM', kind: 'note' });
    const [states] = await sql<{ n: number }>("select count(*) as n from read_states r join users u on u.id = r.user_id where u.kind = 'service'", []);
    assert.equal(Number(states!.n), 0, 'no read state is ever written for a key');
    const bulk = await host('POST', '/v1/conversations/bulk', { operationId: 'op-read-0001', target: { ids: [conversation.id] }, action: { type: 'markRead' } });
    assert.equal(bulk.status, 403, JSON.stringify(bulk.body));
    await assert.rejects(connectSocket(t.url, key), 'a socket is for agents');
  });

  it('is stored hashed, shown once, and refused from its revocation on', async () => {
    const { id, key, prefix } = await issue(['contacts:read']);
    const [row] = await sql<{ secret_hash: string }>('select secret_hash from api_keys where id = ?', [id]);
    assert.ok(!key.includes(row!.secret_hash) && !row!.secret_hash.includes(key.slice(40)), 'only a hash is stored');
    const host = restClient(t.url, key);
    assert.equal((await host('GET', '/v1/contacts/lookup?externalId=insp-7')).status, 200);
    const listed = (await admin('GET', '/v1/admin/workspaces/demo/api-keys')).body.items.find((k: { id: string }) => k.id === id);
    assert.equal(listed.prefix, prefix);
    assert.ok(listed.lastUsedAt, 'its last use is shown');
    assert.ok(!JSON.stringify(listed).includes(key.slice(40)), 'the secret is never listed');

    const revoked = await admin('DELETE', `/v1/admin/workspaces/demo/api-keys/${id}`);
    assert.ok(revoked.body.revokedAt);
    const refused = await host('GET', '/v1/contacts/lookup?externalId=insp-7');
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error.code, 'unauthenticated');
    // A key with a wrong secret, a cut one, hostile bytes: the same refusal, never a 500.
    for (const bad of [`${key.slice(0, -2)}xx`, key.slice(0, 30), `ck_${'\u0000'.repeat(40)}`, `ck_${'x'.repeat(5000)}`]) {
      const answer = await fetch(`${t.url}/v1/contacts/lookup?externalId=insp-7`, { headers: { authorization: `Bearer ${encodeURIComponent(bad)}` } });
      assert.equal(answer.status, 401, bad.slice(0, 20));
    }
  });

  it('reaches nothing outside its workspace, and is refused new scopes it does not name', async () => {
    await admin('POST', '/v1/admin/workspaces', { slug: 'elsewhere', name: 'Elsewhere' });
    const other = restClient(t.url, (await issue(['conversations:write', 'messages:write', 'contacts:write'], 'elsewhere')).key);
    const demoKey = restClient(t.url, (await issue(['conversations:read'])).key);
    const conversation = (await demoKey('GET', '/v1/conversations?limit=1')).body.items[0].conversation;
    assert.equal((await other('GET', `/v1/conversations/${conversation.id}`)).status, 404);
    assert.equal((await other('POST', `/v1/conversations/${conversation.id}/messages`, { clientId: 'cross-0001', body: 'hi' })).status, 404);
    assert.equal((await other('GET', '/v1/conversations')).body.items.length, 0);
    for (const body of [{ name: 'x', scopes: ['everything'] }, { name: 'x', scopes: [] }, { name: '  ', scopes: ['contacts:read'] }]) {
      const answer = await admin('POST', '/v1/admin/workspaces/demo/api-keys', body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.error.code, 'invalid_params');
    }
  });

  it('holds a key outside the routes it has no scope for: settings, files, exports', async () => {
    const host = restClient(t.url, (await issue(['contacts:write'])).key);
    assert.equal((await host('GET', '/v1/workspace/twilio')).status, 403);
    assert.equal((await host('GET', '/v1/messages/export.csv')).status, 403);
    assert.equal((await host('POST', '/v1/attachments?name=a.txt', 'hello', { 'content-type': 'text/plain' })).status, 403);
    const settings = restClient(t.url, (await issue(['settings:read'])).key);
    assert.equal((await settings('GET', '/v1/workspace/twilio')).status, 200);
    assert.equal((await settings('PATCH', '/v1/workspace', { recentDays: 7 })).status, 403);
  });
});
