// /v1/stream as a backend without Socket.IO uses it: a plain WebSocket client (ws, as Python's
// or Go's would be) with an API key. Events arrive as webhooks carry them, resume after `since`
// with nothing lost or repeated, a revoked key's stream closes, and Socket.IO keeps working beside it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../testing/index.js';
import { connectSocket, restClient } from '../test-support/clients.js';

const ADMIN_KEY = 'stream-test-admin-key-0123456789abcdefgh';

interface Envelope {
  id: string;
  type: string;
  workspace: string;
  seq: number;
  createdAt: string;
  data: any;
}

/** Opens the stream; resolves once open, with every event it gets. */
function openStream(url: string, key: string | null, since?: number): Promise<{ socket: WebSocket; events: Envelope[]; next(predicate: (e: Envelope) => boolean): Promise<Envelope>; closed: Promise<{ code: number; reason: string }> }> {
  const target = `${url.replace(/^http/, 'ws')}/v1/stream${since === undefined ? '' : `?since=${since}`}`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(target, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    const events: Envelope[] = [];
    const waiters = new Set<() => void>();
    const closed = new Promise<{ code: number; reason: string }>((done) => socket.on('close', (code, reason) => done({ code, reason: reason.toString() })));
    socket.on('message', (data) => {
      events.push(JSON.parse(data.toString()));
      for (const wake of [...waiters]) wake();
    });
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk));
      response.on('end', () => reject(Object.assign(new Error(`HTTP ${response.statusCode}`), { status: response.statusCode, body: JSON.parse(body) })));
    });
    socket.on('error', reject);
    socket.on('open', () =>
      resolve({
        socket,
        events,
        closed,
        next: (predicate) =>
          new Promise((done, fail) => {
            const check = () => {
              const found = events.find(predicate);
              if (!found) return;
              waiters.delete(check);
              clearTimeout(timer);
              done(found);
            };
            const timer = setTimeout(() => fail(new Error(`no such event; got ${events.map((e) => e.type).join(', ')}`)), 10_000);
            waiters.add(check);
            check();
          }),
      }),
    );
  });
}

describe('the event stream (/v1/stream)', () => {
  let t: TestServer;
  let agent: ReturnType<typeof restClient>;
  let key: string;
  let keyId: string;
  let conversationId: string;
  const operator = () => restClient(t.url, ADMIN_KEY);
  before(async () => {
    t = await startTestServer({ seed: 'demo', adminKey: ADMIN_KEY, streamHeartbeatMs: 200 });
    agent = restClient(t.url, await t.token({ user: 'agent-1' }));
    const issued = await operator()('POST', '/v1/admin/workspaces/demo/api-keys', { name: 'Python sync', scopes: ['events:read'] });
    key = issued.body.key;
    keyId = issued.body.id;
    conversationId = (await agent('GET', '/v1/conversations?limit=1')).body.items[0].conversation.id;
  });
  after(async () => t?.close());
  const send = async (body: string) => (await agent('POST', `/v1/conversations/${conversationId}/messages`, { clientId: `s-${Math.random().toString(36).slice(2, 12)}`, body })).body;

  it("carries each new event as a webhook posts it, beside a working Socket.IO connection", async () => {
    const stream = await openStream(t.url, key);
    const socketIo = await connectSocket(t.url, await t.token({ user: 'agent-2' }));
    const sent = await send('Streamed to the backend');
    const event = await stream.next((e) => e.type === 'message.created' && e.data.message.id === sent.id);
    assert.deepEqual([event.workspace, event.data.message.body], ['demo', 'Streamed to the backend']);
    const logged = (await agent('GET', `/v1/events?seq=${event.seq - 1}&limit=1`)).body.events[0];
    assert.deepEqual([logged.seq, logged.type], [event.seq, event.type], "the log's seq and type");
    await socketIo.waitForEvent((e) => e.type === 'message.created' && (e.data as { message: { id: string } }).message.id === sent.id);
    assert.ok(stream.events.every((e, i) => i === 0 || e.seq === stream.events[i - 1]!.seq + 1), 'every event, in order');
    socketIo.close();
    stream.socket.close();
  });

  it('resumes after `since` with nothing lost and nothing repeated', async () => {
    const first = await openStream(t.url, key);
    const a = await send('Before the drop');
    const seen = await first.next((e) => e.type === 'message.created' && e.data.message.id === a.id);
    first.socket.close();
    await first.closed;
    const b = await send('While disconnected, one');
    const c = await send('While disconnected, two');
    const again = await openStream(t.url, key, seen.seq);
    await again.next((e) => e.type === 'message.created' && e.data.message.id === c.id);
    assert.equal(again.events[0]!.seq, seen.seq + 1, 'it starts right after since');
    assert.ok(again.events.some((e) => e.type === 'message.created' && e.data.message.id === b.id));
    assert.equal(new Set(again.events.map((e) => e.id)).size, again.events.length, 'no event twice');
    again.socket.close();
  });

  it('refuses, before upgrading, a missing or wrong credential, a key without events:read, and a since ahead of the log', async () => {
    const status = (p: Promise<unknown>) => p.then(() => null, (error: { status: number; body: { error: { code: string; message: string } } }) => error);
    const none = await status(openStream(t.url, null));
    assert.equal(none?.status, 401);
    const agentToken = await status(openStream(t.url, await t.token({ user: 'agent-1' })));
    assert.equal(agentToken?.status, 401);
    assert.match(agentToken!.body.error.message, /API key/);
    const narrow = (await operator()('POST', '/v1/admin/workspaces/demo/api-keys', { name: 'Contacts only', scopes: ['contacts:read'] })).body.key;
    const forbidden = await status(openStream(t.url, narrow));
    assert.equal(forbidden?.status, 403);
    assert.match(forbidden!.body.error.message, /events:read/);
    const ahead = await status(openStream(t.url, key, 10_000_000));
    assert.deepEqual([ahead?.status, ahead?.body.error.code], [400, 'invalid_params']);
    const plain = await fetch(`${t.url}/v1/stream`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(plain.status, 400);
  });

  it("docs/server.md's follower, run as written, prints each event and follows on after the server drops it", async () => {
    const doc = readFileSync(new URL('../../../../docs/server.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## The event stream'));
    const file = join(mkdtempSync(join(tmpdir(), 'convkit-follow-')), 'follow-events.mjs');
    writeFileSync(file, /```js\n([\s\S]*?)```/.exec(section)![1]!);
    const before = await openStream(t.url, key);
    const a = await send('Followed by the docs example');
    const eventA = await before.next((e) => e.type === 'message.created' && e.data.message.id === a.id);
    before.socket.close();
    // Started from just before that event, as a backend resuming would be.
    const child = spawn(process.execPath, [file, String(eventA.seq - 1)], { env: { ...process.env, CONVKIT_URL: t.url, CONVKIT_API_KEY: key } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    const printed = async (id: string) => {
      const deadline = Date.now() + 10_000;
      while (!out.includes(id)) {
        assert.ok(Date.now() < deadline, `the follower printed ${id}; it printed:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await printed(eventA.id);
      t.server.streams.closeStreams();
      const b = await send('Sent while it was reconnecting');
      const again = await openStream(t.url, key, eventA.seq);
      const eventB = await again.next((e) => e.type === 'message.created' && e.data.message.id === b.id);
      await printed(eventB.id);
      assert.equal(out.split('\n').filter((line) => line.includes(eventA.id)).length, 1, 'nothing printed twice');
      again.socket.close();
    } finally {
      child.kill();
    }
  });

  it('closes a revoked key\'s stream', async () => {
    const stream = await openStream(t.url, key);
    await operator()('DELETE', `/v1/admin/workspaces/demo/api-keys/${keyId}`);
    const closed = await stream.closed;
    assert.deepEqual([closed.code, closed.reason], [4401, 'The API key was revoked.']);
  });
});
