import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, generateConversations, type TestServer } from '../../testing/index.js';
import { findWorkspaceBySlug } from '../workspaces/workspaces.service.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';
import { listAll, ok } from '../../test-support/list-all.js';

describe('actions on conversations', () => {
  let t: TestServer;
  let alex: TestSocket; // admin
  let sam: TestSocket; // agent
  let labels: { id: string; name: string }[];
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1', role: 'admin' }));
    sam = await connectSocket(t.url, await t.token({ user: 'agent-2', role: 'agent' }));
    labels = await ok(alex, 'labels.list');
  });
  after(async () => {
    alex.close();
    sam.close();
    await t.close();
  });

  async function freshConversation(phone: string): Promise<string> {
    await t.simulateSms({ from: phone, body: `hello from ${phone}` });
    const page = await ok(alex, 'conversations.list', { view: 'all', limit: 1 });
    assert.equal(page.items[0].conversation.contact.phone, phone, 'the new message put it on top');
    return page.items[0].conversation.id;
  }

  it('archive takes a conversation out of All into Archived for everyone; a reply brings it back unread', async () => {
    const id = await freshConversation('+15550300001');
    await ok(alex, 'conversations.markRead', { id });
    const updated = await ok(alex, 'conversations.update', { id, status: 'archived' });
    assert.equal(updated.status, 'archived');
    const event = await sam.waitForEvent((e) => e.type === 'conversation.updated' && e.data.conversation.id === id && e.data.conversation.status === 'archived');
    assert.ok(event.seq > 0);
    assert.ok((await listAll(sam, { view: 'archived' })).some((i) => i.conversation.id === id));
    assert.ok(!(await listAll(sam, { view: 'all' })).some((i) => i.conversation.id === id));
    await t.simulateSms({ from: '+15550300001', body: 'still there?' });
    const back = await ok(alex, 'conversations.get', { id });
    assert.equal(back.conversation.status, 'open');
    assert.ok(back.conversation.lastInboundSeq > back.readState.lastReadSeq, 'unread again');
  });

  it('assigns and unassigns, to agents of this workspace only', async () => {
    const id = await freshConversation('+15550300002');
    const assigned = await ok(alex, 'conversations.update', { id, assigneeId: sam.session.user.id });
    assert.equal(assigned.assigneeId, sam.session.user.id);
    assert.ok((await listAll(sam, { assignee: 'me' })).some((i) => i.conversation.id === id));
    const cleared = await ok(alex, 'conversations.update', { id, assigneeId: null });
    assert.equal(cleared.assigneeId, null);
    const foreign = await alex.request('conversations.update', { id, assigneeId: '01890000-0000-7000-8000-000000000000' });
    assert.equal(!foreign.ok && foreign.error.code, 'not_found');
  });

  it('adds and removes labels; an unknown label is not found and changes nothing', async () => {
    const id = await freshConversation('+15550300003');
    const [hot, follow] = labels;
    const added = await ok(alex, 'conversations.update', { id, addLabelIds: [hot!.id, follow!.id] });
    assert.deepEqual(new Set(added.labelIds), new Set([hot!.id, follow!.id]));
    const removed = await ok(sam, 'conversations.update', { id, removeLabelIds: [hot!.id] });
    assert.deepEqual(removed.labelIds, [follow!.id]);
    const bad = await alex.request('conversations.update', { id, addLabelIds: ['01890000-0000-7000-8000-000000000000'] });
    assert.equal(!bad.ok && bad.error.code, 'not_found');
    assert.deepEqual((await ok(alex, 'conversations.get', { id })).conversation.labelIds, [follow!.id]);
  });

  it('mark unread and star are the caller\'s own', async () => {
    const id = await freshConversation('+15550300004');
    await ok(sam, 'conversations.markRead', { id });
    const starred = await ok(sam, 'conversations.mark', { id, starred: true, unread: true });
    assert.equal(starred.starred, true);
    assert.equal(starred.manualUnread, true);
    assert.ok((await listAll(sam, { view: 'starred' })).some((i) => i.conversation.id === id));
    assert.ok((await listAll(sam, { view: 'unread' })).some((i) => i.conversation.id === id));
    assert.ok(!(await listAll(alex, { view: 'starred' })).some((i) => i.conversation.id === id));
    const read = await ok(sam, 'conversations.mark', { id, unread: false });
    assert.equal(read.manualUnread, false);
    assert.ok(!(await listAll(sam, { view: 'unread' })).some((i) => i.conversation.id === id));
  });

  it('only admins delete; the conversation, its messages and its events are gone for good', async () => {
    const id = await freshConversation('+15550300005');
    const refused = await sam.request('conversations.delete', { id });
    assert.equal(!refused.ok && refused.error.code, 'forbidden');
    const start = alex.session.latestEventSeq;
    await ok(alex, 'conversations.delete', { id });
    await sam.waitForEvent((e) => e.type === 'conversation.deleted' && e.data.conversationId === id);
    assert.equal((await alex.request('conversations.get', { id })).ok, false);
    assert.equal((await alex.request('messages.list', { conversationId: id })).ok, false);
    const log = await ok(alex, 'events.since', { seq: start });
    assert.ok(!JSON.stringify(log.events.filter((e: any) => e.type !== 'conversation.deleted')).includes(id), 'no event of it remains');
    const rows = await t.server.orm.em.getConnection().execute('select count(*) as n from messages where conversation_id = ?', [id]);
    assert.equal(Number(rows[0]?.n), 0);
  });

  it('only admins create labels; names are unique', async () => {
    const refused = await sam.request('labels.create', { name: 'VIP', color: '#112233' });
    assert.equal(!refused.ok && refused.error.code, 'forbidden');
    const label = await ok(alex, 'labels.create', { name: 'VIP', color: '#112233' });
    assert.equal(label.name, 'VIP');
    await sam.waitForEvent((e) => e.type === 'label.created' && e.data.label.id === label.id);
    const again = await alex.request('labels.create', { name: 'VIP', color: '#445566' });
    assert.equal(!again.ok && again.error.code, 'conflict');
  });

  it('the same actions work over REST', async () => {
    const id = await freshConversation('+15550300006');
    const rest = restClient(t.url, await t.token({ user: 'agent-1', role: 'admin' }));
    assert.equal((await rest('PATCH', `/v1/conversations/${id}`, { status: 'archived' })).body.status, 'archived');
    assert.equal((await rest('POST', `/v1/conversations/${id}/mark`, { starred: true })).body.starred, true);
    assert.equal((await rest('GET', '/v1/conversations/counts')).status, 200);
    assert.equal((await rest('DELETE', `/v1/conversations/${id}`)).status, 200);
    assert.equal((await rest('GET', `/v1/conversations/${id}`)).status, 404);
  });
});

describe('bulk actions', () => {
  let t: TestServer;
  let alex: TestSocket;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1', role: 'admin' }));
  });
  after(async () => {
    alex.close();
    await t.close();
  });

  it('archives 5,000 matching conversations in one command, one event each, reporting progress', async () => {
    const ws = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
    await generateConversations(t.server.orm, ws.id, { conversations: 5_000, now: Date.now() - 40 * 86_400_000 });
    const before = await ok(alex, 'conversations.counts', { group: 'agent' });
    const progress: { done: number; total: number }[] = [];
    alex.socket.on('bulk.progress', (p: { operationId: string; done: number; total: number }) => {
      if (p.operationId === 'bulk-test-0001') progress.push(p);
    });
    const start = alex.events.length;
    const result = await ok(alex, 'conversations.bulk', { operationId: 'bulk-test-0001', target: { view: 'all', filter: { group: 'agent' } }, action: { type: 'archive' } });
    assert.equal(result.matched, before.all);
    assert.equal(result.changed, before.all);
    assert.ok(result.matched > 3_000);
    const after = await ok(alex, 'conversations.counts', { group: 'agent' });
    assert.equal(after.all, 0);
    assert.equal(after.archived, before.archived + before.all);
    assert.ok(progress.length >= 10, `progress reports: ${progress.length}`);
    assert.deepEqual(progress.at(-1), { operationId: 'bulk-test-0001', done: result.matched, total: result.matched });
    const dones = progress.map((p) => p.done);
    assert.deepEqual(dones, [...dones].sort((a, b) => a - b));
    await alex.waitForEvent(() => alex.events.length - start >= result.changed, 20_000);
    const mine = alex.events.slice(start).filter((e) => e.type === 'conversation.updated');
    assert.equal(mine.length, result.changed);
    assert.equal(new Set(mine.map((e: any) => e.data.conversation.id)).size, result.changed);
  });

  it('by ids: skips ids of other workspaces, labels and tags contacts, marks read', async () => {
    const items: any[] = (await ok(alex, 'conversations.list', { view: 'all', limit: 5 })).items;
    const ids = items.slice(0, 5).map((i) => i.conversation.id);
    const labels = await ok(alex, 'labels.list');
    const labelled = await ok(alex, 'conversations.bulk', { operationId: 'bulk-test-0002', target: { ids: [...ids, '01890000-0000-7000-8000-000000000000'] }, action: { type: 'addLabel', labelId: labels[0].id } });
    assert.equal(labelled.matched, 5);
    for (const id of ids) assert.ok((await ok(alex, 'conversations.get', { id })).conversation.labelIds.includes(labels[0].id));
    const tagged = await ok(alex, 'conversations.bulk', { operationId: 'bulk-test-0003', target: { ids }, action: { type: 'tagContacts', tag: 'open-house' } });
    assert.equal(tagged.matched, 5);
    const contact = await ok(alex, 'contacts.get', { id: items[0].conversation.contact.id });
    assert.ok(contact.tags.includes('open-house'));
    await ok(alex, 'conversations.bulk', { operationId: 'bulk-test-0004', target: { ids }, action: { type: 'markRead' } });
    const unread = await listAll(alex, { view: 'unread' });
    assert.ok(ids.every((id) => !unread.some((i) => i.conversation.id === id)));
  });

  it('refuses an unknown label or assignee before changing anything', async () => {
    const [item] = (await ok(alex, 'conversations.list', { view: 'all', limit: 1 })).items;
    const result = await alex.request('conversations.bulk', { operationId: 'bulk-test-0005', target: { ids: [item!.conversation.id] }, action: { type: 'assign', assigneeId: '01890000-0000-7000-8000-000000000000' } });
    assert.equal(!result.ok && result.error.code, 'not_found');
    assert.equal((await ok(alex, 'conversations.get', { id: item!.conversation.id })).conversation.assigneeId, item!.conversation.assigneeId);
  });
});
