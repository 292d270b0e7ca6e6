import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../test-support/clients.js';

// A well-formed id that names nothing: the field under test is the one that fails.
const NO_ID = '01890000-0000-7000-8000-000000000000';

// Each case: a command, bad params, and the field the error must name.
const BAD_SOCKET_PARAMS: [string, unknown, string][] = [
  ['conversations.list', { limit: 0 }, 'limit'],
  ['conversations.list', { limit: 'ten' }, 'limit'],
  ['conversations.list', { view: 'deleted' }, 'view'],
  ['conversations.list', { channel: 'pigeon' }, 'channel'],
  ['conversations.list', { mentionsMe: 'yes' }, 'mentionsMe'],
  ['conversations.counts', { view: 'all' }, 'view'],
  ['conversations.update', { id: NO_ID, status: 'gone' }, 'status'],
  ['conversations.update', { id: NO_ID, addLabelIds: NO_ID }, 'addLabelIds'],
  ['conversations.mark', { id: NO_ID, starred: 'yes' }, 'starred'],
  ['conversations.delete', {}, 'id'],
  ['labels.create', { name: 'Hot', color: 'red' }, 'color'],
  ['labels.create', { color: '#ff0000' }, 'name'],
  ['users.list', { all: true }, 'all'],
  ['conversations.list', { cursor: 'not-a-cursor' }, 'cursor'],
  ['conversations.list', { surprise: true }, 'surprise'],
  ['conversations.list', 'a string', '(params)'],
  ['conversations.get', {}, 'id'],
  ['conversations.get', { id: 42 }, 'id'],
  ['conversations.markRead', { id: '' }, 'id'],
  ['conversations.markRead', { id: NO_ID, seq: -1 }, 'seq'],
  ['messages.list', { conversationId: NO_ID, limit: 1000 }, 'limit'],
  ['messages.list', {}, 'conversationId'],
  ['messages.send', { conversationId: NO_ID, clientId: 'abcdefgh', body: '' }, 'body'],
  ['messages.send', { conversationId: NO_ID, clientId: 'short', body: 'hi' }, 'clientId'],
  ['messages.send', { conversationId: NO_ID, clientId: 'abcdefgh', body: 'hi', channel: 'pigeon' }, 'channel'],
  ['messages.send', { conversationId: NO_ID, clientId: 'abcdefgh', body: 'hi', kind: 'activity' }, 'kind'],
  ['messages.send', { conversationId: NO_ID, clientId: 'has spaces in it', body: 'hi' }, 'clientId'],
  ['conversations.get', { id: 'x' }, 'id'],
  ['conversations.get', { id: '01890000-0000-7000-8000-00000000000' }, 'id'],
  ['conversations.get', { id: '0189abcd-0000-7000-8000-000000000000'.toUpperCase() }, 'id'],
  ['conversations.get', { id: `${NO_ID}\u0000` }, 'id'],
  ['conversations.get', { id: 'x'.repeat(100_000) }, 'id'],
  ['conversations.list', { assignee: 'somebody' }, 'assignee'],
  ['conversations.markRead', { id: NO_ID, seq: 2 ** 31 }, 'seq'],
  ['events.since', { seq: 2 ** 60 }, 'seq'],
  ['contacts.get', { id: null }, 'id'],
  ['events.since', {}, 'seq'],
  ['events.since', { seq: 1.5 }, 'seq'],
  ['session.refresh', {}, 'token'],
];

// Each case: a command, params with one field over its maximum, the field and its limit.
const TOO_LONG: [string, unknown, string, number][] = [
  ['conversations.list', { search: 'x'.repeat(201) }, 'search', 200],
  ['messages.send', { conversationId: NO_ID, clientId: 'abcdefgh', body: 'x'.repeat(10_001) }, 'body', 10_000],
  ['messages.send', { conversationId: NO_ID, clientId: 'x'.repeat(65), body: 'hi' }, 'clientId', 64],
  ['labels.create', { name: 'x'.repeat(65), color: '#ff0000' }, 'name', 64],
  ['conversations.update', { id: NO_ID, addLabelIds: Array.from({ length: 51 }, (_, i) => NO_ID.slice(0, -2) + String(i).padStart(2, '0')) }, 'addLabelIds', 50],
];

describe('bad params get invalid_params naming the field, never a crash', () => {
  let t: TestServer;
  let socket: TestSocket;
  let token: string;
  let conversationId: string;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    token = await t.token();
    socket = await connectSocket(t.url, token);
    const list = await restClient(t.url, token)('GET', '/v1/conversations?limit=1');
    conversationId = list.body.items[0].conversation.id;
  });
  after(async () => {
    socket.close();
    await t.close();
  });

  for (const [name, params, path] of BAD_SOCKET_PARAMS) {
    it(`socket ${name} ${JSON.stringify(params).slice(0, 60)} -> ${path}`, async () => {
      const result = await socket.request(name, params);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.error.code, 'invalid_params');
      assert.equal(!result.ok && result.error.details?.path, path);
    });
  }

  for (const [name, params, path, limit] of TOO_LONG) {
    it(`socket ${name} with ${path} over ${limit} -> too_long`, async () => {
      const result = await socket.request(name, params);
      assert.equal(!result.ok && result.error.code, 'too_long');
      assert.equal(!result.ok && result.error.details?.path, path);
      assert.equal(!result.ok && result.error.details?.limit, limit);
      assert.match(!result.ok ? result.error.message : '', new RegExp(`${path}: at most ${limit}`));
    });
  }

  it('a whitespace-only message body is refused', async () => {
    const result = await socket.request('messages.send', { conversationId, clientId: 'blank-body-1', body: '   ' });
    assert.equal(!result.ok && result.error.code, 'invalid_params');
    assert.equal(!result.ok && result.error.details?.path, 'body');
  });

  it('a read mark beyond the newest message is refused', async () => {
    const result = await socket.request('conversations.markRead', { id: conversationId, seq: 10_000 });
    assert.equal(!result.ok && result.error.details?.path, 'seq');
  });

  it('an unknown command answers unknown_command', async () => {
    const result = await socket.request('conversations.explode', {});
    assert.equal(!result.ok && result.error.code, 'unknown_command');
  });

  it('the socket survives all of it and still answers', async () => {
    const result = await socket.request('conversations.list', { limit: 1 });
    assert.equal(result.ok, true);
  });

  const BAD_ROUTES: [string, string, unknown, string][] = [
    ['GET', '/v1/conversations?limit=abc', undefined, 'limit'],
    ['GET', '/v1/conversations?limit=0', undefined, 'limit'],
    ['GET', '/v1/conversations?view=gone', undefined, 'view'],
    ['GET', '/v1/conversations?cursor=zzz', undefined, 'cursor'],
    ['GET', '/v1/conversations/CID/messages?before=-4', undefined, 'before'],
    ['GET', '/v1/conversations/CID/messages?before=2&after=1', undefined, 'before'],
    ['POST', '/v1/conversations/CID/messages', { body: 'no client id' }, 'clientId'],
    ['POST', '/v1/conversations/CID/messages', { clientId: 'abcdefgh', body: 'hi', channel: 'fax' }, 'channel'],
    ['POST', '/v1/conversations/CID/messages', '{"clientId": "abcdefgh", "body":', 'body'],
    ['POST', '/v1/conversations/CID/read', { seq: 'latest' }, 'seq'],
    ['GET', '/v1/events', undefined, 'seq'],
    ['GET', '/v1/events?seq=999999', undefined, 'seq'],
  ];

  for (const [method, path, body, field] of BAD_ROUTES) {
    it(`REST ${method} ${path} -> 400 naming ${field}`, async () => {
      const response = await restClient(t.url, token)(method, path.replace('CID', conversationId), body);
      assert.equal(response.status, 400, JSON.stringify(response.body));
      assert.equal(response.body.error.code, 'invalid_params');
      assert.equal(response.body.error.details.path, field);
    });
  }

  it('REST answers unknown ids and routes with not_found', async () => {
    const rest = restClient(t.url, token);
    assert.equal((await rest('GET', '/v1/conversations/01890000-0000-7000-8000-000000000000')).body.error.code, 'not_found');
    assert.equal((await rest('GET', '/v1/nothing-here')).status, 404);
  });
});
