import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, generateConversations, type TestServer } from '../../testing/index.js';
import { findWorkspaceBySlug } from '../workspaces/workspaces.service.js';
import { connectSocket, type TestSocket } from '../../test-support/clients.js';
import { listAll, ok } from '../../test-support/list-all.js';

describe('searching the conversation list', () => {
  let t: TestServer;
  let alex: TestSocket;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    const ws = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
    await generateConversations(t.server.orm, ws.id, { conversations: 300, messagesPer: 2 });
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1' }));
  });
  after(async () => {
    alex.close();
    await t.close();
  });

  it('a rare term finds its one conversation, with the highlighted snippet', async () => {
    const page = await ok(alex, 'conversations.list', { search: 'First123' });
    assert.deepEqual(page.items.map((i: any) => i.conversation.contact.name), ['First123 Last123']);
    const match = page.items[0].match;
    assert.equal(match.field, 'name');
    const [start, end] = match.highlights[0];
    assert.equal(match.snippet.slice(start, end).toLowerCase(), 'first123');
  });

  it('a common word pages through every match, newest first, once each, and counts agree', async () => {
    const items = await listAll(alex, { search: 'kitchen', limit: 7 } as never);
    assert.ok(items.length > 20, `${items.length} matches`);
    assert.equal(new Set(items.map((i) => i.conversation.id)).size, items.length);
    const times = items.map((i) => Date.parse(i.conversation.lastActivityAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.ok(items.every((i) => i.match && /kitchen/i.test(i.match.snippet)));
    const counts = await ok(alex, 'conversations.counts', { search: 'kitchen' });
    assert.equal(counts.all, items.length);
  });

  it('search combines with views and filters', async () => {
    const archived = await listAll(alex, { view: 'archived', search: 'kitchen' });
    assert.deepEqual(archived, []);
    const clients = await listAll(alex, { search: 'kitchen', group: 'client' });
    assert.ok(clients.length > 0 && clients.every((i) => i.conversation.contact.group === 'client'));
  });

  it('a phone typed any way finds the contact', async () => {
    for (const typed of ['(999) 000-0042', '999-000-0042', '+1 999 000 0042', '0000042']) {
      const page = await ok(alex, 'conversations.list', { search: typed });
      assert.ok(page.items.some((i: any) => i.conversation.contact.phone === '+19990000042'), typed);
    }
  });

  it('nothing searchable, or nothing matching, lists nothing', async () => {
    assert.deepEqual((await ok(alex, 'conversations.list', { search: '%%' })).items, []);
    assert.deepEqual((await ok(alex, 'conversations.list', { search: 'zzqxv' })).items, []);
  });
});
