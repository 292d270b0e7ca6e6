// Saved replies: every agent reads them, admins write them, a shortcut is the workspace's once,
// and every id is resolved inside the caller's workspace. Over REST as docs/protocol.md writes it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { restClient } from '../../test-support/clients.js';

describe('saved replies (snippets)', () => {
  let t: TestServer;
  let admin: ReturnType<typeof restClient>;
  let agent: ReturnType<typeof restClient>;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    admin = restClient(t.url, await t.token({ user: 'agent-1', role: 'admin' }));
    agent = restClient(t.url, await t.token({ user: 'agent-2' }));
  });
  after(async () => t?.close());

  it("lists the demo's saved replies by title to any agent", async () => {
    const listed = await agent('GET', '/v1/snippets');
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.items.map((s: { title: string; shortcut: string }) => [s.title, s.shortcut]),
      [
        ['Pre-approval checklist', 'preapproval'],
        ['Showing times', 'showing'],
        ['Thanks for reaching out', 'thanks'],
      ],
    );
  });

  it('lets admins create, change and remove one; an agent may not', async () => {
    const created = await admin('POST', '/v1/snippets', { title: '  Inspection booked ', shortcut: 'booked', body: 'Your inspection is booked for {{contact.custom.date | "the date we agreed"}}.' });
    assert.equal(created.status, 201);
    assert.equal(created.body.title, 'Inspection booked');
    assert.equal(created.body.shortcut, 'booked');
    const changed = await admin('PATCH', `/v1/snippets/${created.body.id}`, { title: 'Inspection booked', body: 'Booked: see you then.' });
    assert.equal(changed.status, 200);
    assert.deepEqual([changed.body.shortcut, changed.body.body], ['booked', 'Booked: see you then.'], 'a shortcut left out is kept');
    const cleared = await admin('PATCH', `/v1/snippets/${created.body.id}`, { title: 'Inspection booked', shortcut: null, body: 'Booked.' });
    assert.equal(cleared.body.shortcut, null);
    const refused = await agent('POST', '/v1/snippets', { title: 'Mine', body: 'Mine' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'forbidden');
    assert.equal((await agent('DELETE', `/v1/snippets/${created.body.id}`)).status, 403);
    assert.equal((await admin('DELETE', `/v1/snippets/${created.body.id}`)).status, 200);
    assert.equal((await admin('DELETE', `/v1/snippets/${created.body.id}`)).body.error.code, 'not_found');
  });

  it('keeps a shortcut to one saved reply, saying which has it, also when two saves race for it', async () => {
    const taken = await admin('POST', '/v1/snippets', { title: 'Another', shortcut: 'showing', body: 'x' });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, 'conflict');
    assert.equal(taken.body.error.message, 'The shortcut /showing is taken by "Showing times": pick another.');
    const racing = await Promise.all([1, 2, 3, 4].map((i) => admin('POST', '/v1/snippets', { title: `Racer ${i}`, shortcut: 'race', body: 'x' })));
    assert.deepEqual(racing.map((r) => r.status).sort(), [201, 409, 409, 409]);
  });

  it('refuses a bad shortcut, an empty title or text, and hostile text, naming the field', async () => {
    for (const [body, path, code] of [
      [{ title: 'Caps', shortcut: 'Show Me', body: 'x' }, 'shortcut', 'invalid_params'],
      [{ title: 'Long', shortcut: 'a'.repeat(33), body: 'x' }, 'shortcut', 'too_long'],
      [{ title: ' ', body: 'x' }, 'title', 'invalid_params'],
      [{ title: 'Empty', body: ' \n ' }, 'body', 'invalid_params'],
      [{ title: 'Huge', body: 'x'.repeat(4001) }, 'body', 'too_long'],
    ] as const) {
      const refused = await admin('POST', '/v1/snippets', body);
      assert.equal(refused.status, 400, JSON.stringify(body).slice(0, 80));
      assert.equal(refused.body.error.code, code);
      assert.equal(refused.body.error.details?.path ?? refused.body.error.path, path);
    }
    const odd = await admin('POST', '/v1/snippets', { title: 'Odd \ud800 title', body: 'a\u0000b' });
    assert.equal(odd.status, 201);
    assert.deepEqual([odd.body.title, odd.body.body], ['Odd \ufffd title', 'a\ufffdb']);
  });

  it("finds nothing of another workspace's", async () => {
    await t.createWorkspace('elsewhere');
    const stranger = restClient(t.url, await t.token({ workspace: 'elsewhere', user: 'agent-9', role: 'admin' }));
    assert.deepEqual((await stranger('GET', '/v1/snippets')).body.items, []);
    const ours = (await admin('GET', '/v1/snippets')).body.items[0];
    assert.equal((await stranger('PATCH', `/v1/snippets/${ours.id}`, { title: 'Mine now', body: 'x' })).status, 404);
    assert.equal((await stranger('DELETE', `/v1/snippets/${ours.id}`)).status, 404);
    // The same shortcut is free in another workspace.
    assert.equal((await stranger('POST', '/v1/snippets', { title: 'Showing', shortcut: 'showing', body: 'x' })).status, 201);
  });
});
