// Uploading by a link (attachments.uploadLink), as the composer does from a host page of another
// origin so that it can show the upload's progress: the link uploads as the agent who asked for
// it, in their workspace, for ten minutes, and nothing else; any origin may use it and read the
// answer, errors included.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, type TestSocket } from '../../test-support/clients.js';
import { ok } from '../../test-support/list-all.js';
import { generateSecretKey, Keyring } from '../../secrets/keyring.js';
import { uploadLink, uploadLinkActor } from './upload-links.js';

const ORIGIN = 'https://crm.example.com';

describe('attachments.uploadLink', () => {
  let t: TestServer;
  let alex: TestSocket;
  let conversationId: string;

  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
    conversationId = (await ok<{ items: { conversation: { id: string } }[] }>(alex, 'conversations.list', { view: 'all', limit: 1 })).items[0]!.conversation.id;
  });
  after(async () => {
    alex?.close();
    await t?.close();
  });

  const link = (socket = alex) => ok<{ url: string; expiresAt: string }>(socket, 'attachments.uploadLink');
  const post = (url: string, body: string, type = 'text/plain') => fetch(url, { method: 'POST', headers: { 'content-type': type, origin: ORIGIN }, body });

  it('uploads a file as the agent, without a token, from any origin, and the agent sends it', async () => {
    const { url, expiresAt } = await link();
    assert.ok(url.startsWith(`${t.url}/v1/attachments/upload?`), url);
    const ttl = Date.parse(expiresAt) - Date.now();
    assert.ok(ttl > 9 * 60_000 && ttl <= 10 * 60_000, `expires in ${ttl} ms`);
    const response = await post(`${url}&name=${encodeURIComponent('Inspection notes.txt')}`, 'Roof: fine. Gutters: clear them.');
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const file = (await response.json()) as { id: string; name: string; contentType: string; size: number };
    assert.equal(file.name, 'Inspection notes.txt');
    assert.equal(file.size, 32);
    const sent = await ok<{ attachments: { id: string }[] }>(alex, 'messages.send', { conversationId, clientId: randomUUID(), body: 'Notes attached', kind: 'note', attachmentIds: [file.id] });
    assert.deepEqual(sent.attachments.map((a) => a.id), [file.id]);
  });

  it('answers the preflight of an upload that reports its progress, for that path alone', async () => {
    const preflight = await fetch(`${t.url}/v1/attachments/upload`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /content-type/);
    const elsewhere = await fetch(`${t.url}/v1/conversations`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET' } });
    assert.equal(elsewhere.headers.get('access-control-allow-origin'), null);
  });

  it('refuses a link changed in any part, before reading the file, with an error any origin can read', async () => {
    const { url } = await link();
    const other = new URL(url);
    other.searchParams.set('user', randomUUID());
    const later = new URL(url);
    later.searchParams.set('expires', String(Number(later.searchParams.get('expires')) + 3600));
    const elsewhere = new URL(url);
    elsewhere.searchParams.set('workspace', randomUUID());
    for (const forged of [other, later, elsewhere]) {
      const response = await post(forged.href, 'forged');
      assert.equal(response.status, 403, forged.href);
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'forbidden');
    }
    const bare = await post(`${t.url}/v1/attachments/upload`, 'no link');
    assert.equal(bare.status, 403);
    assert.equal(bare.headers.get('access-control-allow-origin'), '*');
  });

  it('refuses an empty file and keeps a hostile name as text, within its length', async () => {
    const { url } = await link();
    const empty = await post(url, '');
    assert.equal(empty.status, 400);
    assert.equal(((await empty.json()) as { error: { code: string } }).error.code, 'invalid_params');
    // U+0000, a lone surrogate's bytes (not UTF-8) and a long tail, as a client could send them.
    const named = await post(`${url}&name=a%00b%ED%A0%80${'x'.repeat(900)}`, 'content');
    assert.equal(named.status, 201);
    const file = (await named.json()) as { name: string };
    assert.ok(file.name.length <= 255, `${file.name.length} characters`);
    assert.ok(file.name.startsWith('a'), file.name.slice(0, 10));
    assert.ok(!file.name.includes('\u0000'));
    assert.equal(file.name, file.name.toWellFormed());
    const tooLong = await post(`${url}&name=${'x'.repeat(1001)}`, 'content');
    assert.equal(tooLong.status, 400);
  });

  it('stops opening once expired', () => {
    const keyring = Keyring.load({ key: generateSecretKey(), file: '' });
    const now = Date.now();
    const { url } = uploadLink(keyring, 'http://localhost', 'w1', 'u1', now, 60_000);
    const query = Object.fromEntries(new URL(url).searchParams);
    assert.deepEqual(uploadLinkActor(keyring, query, now + 59_000), { workspaceId: 'w1', userId: 'u1' });
    assert.equal(uploadLinkActor(keyring, query, now + 61_000), null);
    assert.equal(uploadLinkActor(Keyring.load({ key: generateSecretKey(), file: '' }), query, now), null);
  });
});
