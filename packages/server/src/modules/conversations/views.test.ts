import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CHANNELS, INBOX_VIEWS, inView, matchesFilter, type ConversationFilter, type InboxView } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, type TestSocket } from '../../test-support/clients.js';
import { listAll, ok } from '../../test-support/list-all.js';

describe('views and filters', () => {
  let t: TestServer;
  let alex: TestSocket;
  let sam: TestSocket;
  let labels: { id: string; name: string }[];
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1' }));
    sam = await connectSocket(t.url, await t.token({ user: 'agent-2' }));
    labels = await ok(alex, 'labels.list');
  });
  after(async () => {
    alex.close();
    sam.close();
    await t.close();
  });

  const ids = (items: { conversation: { id: string } }[]) => items.map((i) => i.conversation.id);

  it('All holds the open conversations, Archived the archived ones, newest activity first', async () => {
    const all = await listAll(alex, { view: 'all' });
    const archived = await listAll(alex, { view: 'archived' });
    assert.ok(all.length >= 20);
    assert.equal(archived.length, 2);
    assert.ok(all.every((i) => i.conversation.status === 'open'));
    assert.ok(archived.every((i) => i.conversation.status === 'archived'));
    const times = all.map((i) => Date.parse(i.conversation.lastActivityAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
  });

  it('Unread and Starred are each agent\'s own: two agents, two answers', async () => {
    const alexUnread = ids(await listAll(alex, { view: 'unread' }));
    const samUnread = ids(await listAll(sam, { view: 'unread' }));
    assert.ok(alexUnread.length > 0);
    assert.ok(samUnread.length > alexUnread.length, 'Alex has read half the inbox; Sam has read nothing');
    const alexStarred = await listAll(alex, { view: 'starred' });
    assert.equal(alexStarred.length, 3);
    assert.ok(alexStarred.every((i) => i.readState.starred));
    assert.deepEqual(await listAll(sam, { view: 'starred' }), []);
  });

  it('Recents covers the workspace\'s recent days of activity', async () => {
    const recents = await listAll(alex, { view: 'recents' });
    const cutoff = Date.now() - alex.session.workspace.recentDays * 86_400_000;
    assert.equal(alex.session.workspace.recentDays, 14);
    assert.ok(recents.length > 0);
    assert.ok(recents.every((i) => Date.parse(i.conversation.lastActivityAt) >= cutoff));
    const all = await listAll(alex, { view: 'all' });
    assert.ok(all.length > recents.length, 'the older threads fall outside Recents');
  });

  it('an admin changes how many days Recents covers; agents may not', async () => {
    const agent = await connectSocket(t.url, await t.token({ user: 'agent-2', role: 'agent' }));
    const refused = await agent.request('workspace.update', { recentDays: 30 });
    assert.equal(!refused.ok && refused.error.code, 'forbidden');
    const admin = await connectSocket(t.url, await t.token({ user: 'agent-1', role: 'admin' }));
    const before = (await listAll(admin, { view: 'recents' })).length;
    const updated = await ok(admin, 'workspace.update', { recentDays: 30 });
    assert.equal(updated.recentDays, 30);
    await agent.waitForEvent((e) => e.type === 'workspace.updated' && e.data.workspace.recentDays === 30);
    assert.ok((await listAll(admin, { view: 'recents' })).length > before, 'a longer window holds more');
    await ok(admin, 'workspace.update', { recentDays: 14 });
    agent.close();
    admin.close();
  });

  it('filters by assignee, channel, label, contact group and mentions', async () => {
    const mine = await listAll(alex, { assignee: 'me' });
    assert.ok(mine.length > 0 && mine.every((i) => i.conversation.assigneeId === alex.session.user.id));
    const unassigned = await listAll(alex, { assignee: 'unassigned' });
    assert.ok(unassigned.length > 0 && unassigned.every((i) => i.conversation.assigneeId === null));
    const sams = await listAll(alex, { assignee: sam.session.user.id });
    assert.ok(sams.length > 0 && sams.every((i) => i.conversation.assigneeId === sam.session.user.id));
    const email = await listAll(alex, { channel: 'email' });
    assert.ok(email.length > 0 && email.every((i) => i.conversation.channels.includes('email')));
    const hot = labels.find((l) => l.name === 'Hot lead')!;
    const hotOnes = await listAll(alex, { labelId: hot.id });
    assert.equal(hotOnes.length, 2);
    assert.ok(hotOnes.every((i) => i.conversation.labelIds.includes(hot.id)));
    const inspectors = await listAll(alex, { group: 'inspector' });
    assert.ok(inspectors.length > 0 && inspectors.every((i) => i.conversation.contact.group === 'inspector'));
    const samMentions = await listAll(sam, { mentionsMe: true });
    assert.ok(samMentions.length > 0 && samMentions.every((i) => i.readState.mentioned));
    assert.deepEqual(await listAll(alex, { mentionsMe: true }), []);
  });

  it('filters combine with every view', async () => {
    const hot = labels.find((l) => l.name === 'Hot lead')!;
    const unreadMineHot = await listAll(alex, { view: 'unread', assignee: 'me', labelId: hot.id });
    for (const item of unreadMineHot) {
      assert.equal(item.conversation.assigneeId, alex.session.user.id);
      assert.ok(item.conversation.labelIds.includes(hot.id));
    }
    const archivedFollowUp = await listAll(alex, { view: 'archived', labelId: labels.find((l) => l.name === 'Follow up')!.id });
    assert.equal(archivedFollowUp.length, 1);
  });

  it('the SDK\'s view and filter predicates agree with the server for every view and filter', async () => {
    const everything = [...(await listAll(alex, { view: 'all' })), ...(await listAll(alex, { view: 'archived' }))];
    const filters: ConversationFilter[] = [
      {},
      { assignee: 'me' },
      { assignee: 'unassigned' },
      { assignee: sam.session.user.id },
      ...CHANNELS.map((channel) => ({ channel })),
      ...labels.map((l) => ({ labelId: l.id })),
      { group: 'client' },
      { mentionsMe: true },
    ];
    const ctx = { userId: alex.session.user.id, recentDays: 14, now: Date.now() };
    for (const view of INBOX_VIEWS) {
      for (const filter of filters) {
        const expected = everything.filter((i) => inView(view, i.conversation, i.readState, ctx) && matchesFilter(filter, i.conversation, i.readState, ctx));
        const actual = await listAll(alex, { view, ...filter });
        assert.deepEqual(new Set(ids(actual)), new Set(ids(expected)), `${view} ${JSON.stringify(filter)}`);
      }
    }
  });

  it('counts match the lists, per view, under a filter, for each agent', async () => {
    for (const [socket, filter] of [[alex, {}], [sam, {}], [alex, { assignee: 'me' }], [sam, { channel: 'sms' }]] as const) {
      const counts = await ok(socket, 'conversations.counts', filter);
      for (const view of INBOX_VIEWS) {
        assert.equal(counts[view], (await listAll(socket, { view, ...filter })).length, `${view} ${JSON.stringify(filter)}`);
      }
    }
  });

  it('ids of another workspace filter to nothing, never to that workspace\'s data', async () => {
    await t.createWorkspace('other');
    const intruder = await connectSocket(t.url, await t.token({ workspace: 'other', user: 'intruder' }));
    assert.deepEqual(await listAll(intruder, { labelId: labels[0]!.id }), []);
    assert.deepEqual(await listAll(intruder, { assignee: alex.session.user.id }), []);
    assert.deepEqual(await listAll(intruder, { view: 'archived' }), []);
    const counts = await ok(intruder, 'conversations.counts', {});
    assert.deepEqual(counts, { all: 0, unread: 0, recents: 0, starred: 0, archived: 0 });
    assert.deepEqual(await ok(intruder, 'labels.list'), []);
    assert.deepEqual((await ok(intruder, 'users.list')).map((u: any) => u.externalId), ['intruder']);
    intruder.close();
  });
});
