// Hostile text and values through every socket command and every REST route (as the OpenAPI
// document lists them): each answer is a result or a stable code, never `internal` or a 5xx,
// and whatever is stored comes back storable.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { COMMAND_NAMES } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../test-support/clients.js';
import { EXPECTED_CODES, HOSTILE_PATH_IDS, HOSTILE_TEXT, HOSTILE_VALUES, assertStorable, encodeHostile, nestedJson } from '../test-support/hostile.js';
import { paramSchemas } from './schemas.js';

// The corpus is about text, not speed: limits high enough that no case is refused for its rate.
const NO_RATE_LIMITS = {
  socketCommands: { burst: 1e6, perSecond: 1e6 },
  userCommands: { burst: 1e6, perSecond: 1e6 },
  ipCommands: { burst: 1e6, perSecond: 1e6 },
  restPerIpPerMinute: 1e6,
};

describe('hostile input through every command and route', () => {
  let t: TestServer;
  let socket: TestSocket;
  let token: string;
  let ids: { conversation: string; contact: string; user: string; label: string };
  let counter = 0;
  // Answers are read loosely here: a case checks codes and text, not each command's result type.
  const call = (name: string, params?: unknown, on: TestSocket = socket): Promise<any> => on.request(name, params);
  const unique = (prefix: string) => `${prefix}-${++counter}-${Date.now()}`;

  before(async () => {
    t = await startTestServer({ seed: 'demo', limits: NO_RATE_LIMITS });
    token = await t.token({ user: 'agent-1', role: 'admin' });
    socket = await connectSocket(t.url, token);
    const list = await call('conversations.list', { limit: 1 });
    const label = await call('labels.create', { name: 'Corpus', color: '#336699' });
    ids = { conversation: list.data.items[0].conversation.id, contact: list.data.items[0].conversation.contact.id, user: socket.session.user.id, label: label.data.id };
  });
  after(async () => {
    socket.close();
    await t.close();
  });

  /** Valid params for each command; each case replaces one field. */
  function baseParams(name: string): Record<string, unknown> {
    switch (name) {
      case 'conversations.get':
      case 'conversations.markRead':
      case 'conversations.update':
      case 'conversations.mark':
      case 'conversations.delete':
        return { id: ids.conversation };
      case 'conversations.bulk':
        return { operationId: unique('bulk-op'), target: { ids: [ids.conversation] }, action: { type: 'markRead' } };
      case 'labels.create':
        return { name: unique('label'), color: '#112233' };
      case 'messages.list':
        return { conversationId: ids.conversation };
      case 'messages.send':
        return { conversationId: ids.conversation, clientId: unique('client'), body: 'hello', kind: 'note' };
      case 'contacts.get':
        return { id: ids.contact };
      case 'events.since':
        return { seq: 0 };
      case 'session.refresh':
        return { token };
      default:
        return {};
    }
  }

  function fieldsOf(name: string): string[] {
    const properties = Object.keys((paramSchemas[name as keyof typeof paramSchemas] as { properties?: object }).properties ?? {});
    // A command without params still gets hostile values in a field it does not know.
    return [...properties, 'unknownField'];
  }

  function checkAnswer(result: { ok: boolean; data?: unknown; error?: { code: string } }, what: string, problems: string[]) {
    if (result.ok) {
      try {
        assertStorable(result.data, what);
      } catch (error) {
        problems.push((error as Error).message);
      }
    } else if (!EXPECTED_CODES.has(result.error!.code)) {
      problems.push(`${what}: ${result.error!.code}`);
    }
  }

  for (const name of COMMAND_NAMES) {
    it(`socket ${name}: every field with every hostile value`, async () => {
      const problems: string[] = [];
      for (const field of fieldsOf(name)) {
        for (const [label, value] of HOSTILE_VALUES) {
          // Deleting is what the command is for: only its id is ever replaced, so nothing goes.
          const params = { ...baseParams(name), [field]: value };
          checkAnswer(await call(name, params), `${name}.${field} = ${label}`, problems);
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  it('socket: hostile values inside a bulk action and its target', async () => {
    const problems: string[] = [];
    for (const [label, value] of HOSTILE_VALUES) {
      const cases = [
        { target: { ids: [value] }, action: { type: 'markRead' } },
        { target: { view: 'all', filter: { search: value } }, action: { type: 'markRead' } },
        { target: { ids: [ids.conversation] }, action: { type: 'tagContacts', tag: value } },
        { target: { ids: [ids.conversation] }, action: { type: 'addLabel', labelId: value } },
      ];
      for (const bulk of cases) checkAnswer(await call('conversations.bulk', { operationId: unique('bulk-op'), ...bulk }), `bulk ${JSON.stringify(bulk).slice(0, 60)} = ${label}`, problems);
    }
    assert.deepEqual(problems, []);
  });

  it('socket: text is stored storable, bidi controls closed in bodies and gone from names', async () => {
    for (const [label, text] of HOSTILE_TEXT.filter(([, text]) => text.length < 10_000)) {
      const sent = await call('messages.send', { conversationId: ids.conversation, clientId: unique('client'), body: text, kind: 'note' });
      assert.equal(sent.ok, true, label);
      assertStorable(sent.data, label);
      const listed = await call('messages.list', { conversationId: ids.conversation, limit: 1 });
      assert.equal(listed.data.items[0].body, sent.data.body, `${label}: what is listed is what was answered`);
    }
    const rtl = await call('messages.send', { conversationId: ids.conversation, clientId: unique('client'), body: 'file \u202Egpj.exe', kind: 'note' });
    assert.equal(rtl.data.body, 'file \u202Egpj.exe\u202C', 'an override left open is closed at the end of the body');
    const nul = await call('messages.send', { conversationId: ids.conversation, clientId: unique('client'), body: 'a\u0000b\uD800c', kind: 'note' });
    assert.equal(nul.data.body, 'a\uFFFDb\uFFFDc');
    const name = await call('labels.create', { name: 'Hot\u202E\u0000\nlead', color: '#ff0000' });
    assert.equal(name.data.name, 'Hot\uFFFD lead');
  });

  it('socket: the same unknown id answers not_found at any length of garbage around it', async () => {
    const unknown = '01890000-0000-7000-8000-000000000000';
    assert.equal((await call('conversations.get', { id: unknown })).error.code, 'not_found');
    for (const id of ['', 'x', unknown.slice(1), `${unknown}0`, 'x'.repeat(1024 * 1024)]) {
      const result = await call('conversations.get', { id });
      assert.equal(result.error.code, 'invalid_params', `id of ${id.length} characters`);
      assert.equal(result.error.details.path, 'id');
    }
  });

  it('socket: raw packets with deep nesting or broken JSON do not reach a handler, and the server stays up', async () => {
    const raw = await connectSocket(t.url, token);
    const engine = (raw.socket.io as unknown as { engine: { write(data: string): void } }).engine;
    engine.write(`42["conversations.list",${nestedJson(100_000)}]`);
    engine.write('42["conversations.list",{"limit": ');
    const closed = new Promise((resolve) => raw.socket.once('disconnect', resolve));
    engine.write(`42${nestedJson(100_000)}`);
    // The sentinel: the server has read the packets, for it closes a socket that sends one it cannot parse.
    await closed;
    raw.close();
    const after = await connectSocket(t.url, token);
    assert.equal((await call('conversations.list', { limit: 1 }, after)).ok, true);
    after.close();
    assert.equal((await call('conversations.list', { limit: 1 })).ok, true);
  });

  describe('REST', () => {
    let doc: { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema: { properties?: object } }> } }>> };
    before(async () => {
      doc = (await restClient(t.url)('GET', '/docs/openapi.json')).body;
    });

    function bodyFor(method: string, path: string): Record<string, unknown> | undefined {
      if (method === 'get' || method === 'delete') return undefined;
      if (path.endsWith('/messages')) return { clientId: unique('client'), body: 'hello', kind: 'note' };
      if (path === '/v1/labels') return { name: unique('label'), color: '#112233' };
      if (path === '/v1/conversations/bulk') return { operationId: unique('bulk-op'), target: { ids: [ids.conversation] }, action: { type: 'markRead' } };
      return {};
    }

    async function send(method: string, path: string, body: unknown, problems: string[], what: string) {
      const response = await restClient(t.url, token)(method.toUpperCase(), path, body);
      // A request line or headers over 16 KiB: Node answers before any route (no body to read).
      if (response.status === 431) return;
      if (response.status >= 500) problems.push(`${what}: ${response.status} ${JSON.stringify(response.body).slice(0, 120)}`);
      else if (response.status >= 400 && !EXPECTED_CODES.has(response.body?.error?.code)) problems.push(`${what}: ${response.status} ${response.body?.error?.code}`);
      else if (response.status < 300) {
        try {
          assertStorable(response.body, what);
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
    }

    it('every route, every path id, query parameter and body field with every hostile value', async () => {
      const problems: string[] = [];
      const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
      assert.ok(routes.length >= 16, 'the document lists every route');
      for (const { path, method, op } of routes) {
        const withId = path.replace('{id}', ids.conversation).replace(/^\/v1\/contacts\/.*/, `/v1/contacts/${ids.contact}`);
        if (path.includes('{id}')) {
          for (const [label, segment] of HOSTILE_PATH_IDS) {
            await send(method, path.replace('{id}', segment), bodyFor(method, path), problems, `${method} ${path} id = ${label}`);
          }
        }
        if (method === 'delete') continue;
        for (const parameter of (op.parameters ?? []).filter((p) => p.in === 'query')) {
          for (const [label, value] of HOSTILE_VALUES) {
            const text = typeof value === 'string' ? value : JSON.stringify(value);
            await send(method, `${withId}?${parameter.name}=${encodeHostile(text)}`, bodyFor(method, path), problems, `${method} ${path}?${parameter.name} = ${label}`);
          }
        }
        const properties = Object.keys(op.requestBody?.content['application/json']?.schema.properties ?? {});
        for (const field of properties.length ? [...properties, 'unknownField'] : method === 'get' ? [] : ['unknownField']) {
          for (const [label, value] of HOSTILE_VALUES) {
            await send(method, withId, { ...bodyFor(method, path), [field]: value }, problems, `${method} ${path} body.${field} = ${label}`);
          }
        }
        if (method !== 'get') {
          for (const [label, raw] of [['deep nesting', nestedJson(100_000)], ['broken JSON', '{"a": '], ['a number', '42'], ['a string', '"text"'], ['U+0000 escaped', '{"body": "\\u0000"}'], ['a lone surrogate escaped', '{"body": "\\ud800"}']] as const) {
            await send(method, withId, raw, problems, `${method} ${path} raw body = ${label}`);
          }
        }
      }
      assert.deepEqual(problems, []);
    });

    it('a 10 MB body is refused with 413 and the server goes on', async () => {
      const response = await restClient(t.url, token)('POST', `/v1/conversations/${ids.conversation}/messages`, { clientId: unique('client'), body: 'x'.repeat(10 * 1024 * 1024) });
      assert.equal(response.status, 413);
      assert.equal(response.body.error.code, 'too_long');
      assert.equal(response.body.error.details.limit, 1024 * 1024);
      assert.equal((await restClient(t.url, token)('GET', '/v1/conversations?limit=1')).status, 200);
    });

    it('10,000 parameters in a body answer 400 naming the first unknown one; a form body is 415', async () => {
      const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`p${i}`, i]));
      const form = Array.from({ length: 10_000 }, (_, i) => `p${i}=${i}`).join('&');
      const rest = restClient(t.url, token);
      assert.equal((await rest('POST', `/v1/conversations/${ids.conversation}/read`, form, { 'content-type': 'application/x-www-form-urlencoded' })).status, 415);
      const response = await rest('POST', `/v1/conversations/${ids.conversation}/read`, many);
      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'invalid_params');
      assert.equal(response.body.error.details.path, 'p0');
    });
  });
});
